import Foundation

/// Monitoring figures of an RBM on a data set, all in Double and per sample (nats) unless stated.
public enum RBMEvaluation {
    /// The largest layer size whose 2^size configurations `exactLogPartition` will enumerate.
    public static let maxExactLayer = 20

    /// True if log Z can be computed exactly (the smaller layer has at most `maxExactLayer` units).
    public static func hasExactLogPartition(_ rbm: RBM) -> Bool {
        min(rbm.visibleCount, rbm.hiddenCount) <= maxExactLayer
    }

    /// log Z at T = 1, exactly, by enumerating the smaller layer. Summing out the other layer in closed form:
    /// over hidden states, log Z = logsumexp_h [bᵀh + Σ_i softplus(a_i + (Wh)_i)]; over visible states,
    /// log Z = logsumexp_v [-F(v)]. States are visited in Gray-code order, so each differs from the last in
    /// one unit and the layer inputs are updated in O(other layer) per state. Nil if the smaller layer has
    /// more than `maxExactLayer` units.
    public static func exactLogPartition(_ rbm: RBM) -> Double? {
        guard hasExactLogPartition(rbm) else { return nil }
        return rbm.hiddenCount <= rbm.visibleCount ? logPartitionEnumeratingHidden(rbm) : logPartitionEnumeratingHidden(rbm.transposed)
    }

    /// logsumexp over h ∈ {0,1}^n of bᵀh + Σ_i softplus(a_i + (Wh)_i).
    static func logPartitionEnumeratingHidden(_ rbm: RBM) -> Double {
        let m = rbm.visibleCount, n = rbm.hiddenCount
        let w = rbm.weights.map(Double.init)
        var x = rbm.visibleBias.map(Double.init)
        var h = [Bool](repeating: false, count: n)
        var hb = 0.0
        var acc = LogSumExpAccumulator()
        func term() -> Double {
            var s = hb
            for i in 0..<m { s += RBMMath.softplus(x[i]) }
            return s
        }
        acc.add(term())
        let total = 1 << n
        var g = 1
        while g < total {
            let j = g.trailingZeroBitCount
            h[j].toggle()
            let sign: Double = h[j] ? 1 : -1
            hb += sign * Double(rbm.hiddenBias[j])
            for i in 0..<m { x[i] += sign * w[i * n + j] }
            acc.add(term())
            g += 1
        }
        return acc.value
    }

    /// Mean free energy F(v) = -aᵀv - Σ_j softplus(b_j + (vᵀW)_j) over the data.
    public static func meanFreeEnergy(_ rbm: RBM, data: RBMData) -> Double {
        precondition(data.dimension == rbm.visibleCount)
        var total = 0.0
        for k in 0..<data.count { total += rbm.freeEnergy(visible: data.row(k)) }
        return total / Double(max(data.count, 1))
    }

    /// Mean log-likelihood per sample, log P(v) = -F(v) - log Z, given log Z.
    public static func meanLogLikelihood(_ rbm: RBM, data: RBMData, logPartition: Double) -> Double {
        -meanFreeEnergy(rbm, data: data) - logPartition
    }

    /// Mean pseudo-log-likelihood per sample, exact over every unit (not the one-unit stochastic estimate):
    /// PLL(v) = Σ_i log P(v_i | v_-i) = Σ_i log σ(F(v⁽ⁱ⁾) - F(v)), v⁽ⁱ⁾ being v with unit i flipped.
    /// With x = b + vᵀW and d = 1 - 2v_i, F(v⁽ⁱ⁾) - F(v) = -d a_i - Σ_j [softplus(x_j + d W_ij) - softplus(x_j)].
    /// Costs O(mn) per sample. Values are read as binary (≥ 0.5 is on).
    public static func meanPseudoLogLikelihood(_ rbm: RBM, data: RBMData) -> Double {
        precondition(data.dimension == rbm.visibleCount)
        let m = rbm.visibleCount, n = rbm.hiddenCount
        let w = rbm.weights.map(Double.init)
        var total = 0.0
        var base = [Double](repeating: 0, count: n)
        var x = [Double](repeating: 0, count: n)
        for k in 0..<data.count {
            let v = data.row(k).map { $0 >= 0.5 ? Float(1) : 0 }
            for j in 0..<n { x[j] = Double(rbm.hiddenBias[j]) }
            for i in 0..<m where v[i] != 0 {
                for j in 0..<n { x[j] += w[i * n + j] }
            }
            for j in 0..<n { base[j] = RBMMath.softplus(x[j]) }
            var pll = 0.0
            for i in 0..<m {
                let d: Double = v[i] != 0 ? -1 : 1
                var delta = -d * Double(rbm.visibleBias[i])
                for j in 0..<n { delta -= RBMMath.softplus(x[j] + d * w[i * n + j]) - base[j] }
                pll += RBMMath.logSigmoid(delta)
            }
            total += pll
        }
        return total / Double(max(data.count, 1))
    }

    /// Reconstruction error, the mean squared error *per visible unit* (averaged over units and samples)
    /// between v and its deterministic reconstruction p = P(v = 1 | h = P(h = 1 | v)) (mean-field, no
    /// sampling, so the figure needs no seed).
    public static func reconstructionError(_ rbm: RBM, data: RBMData) -> Double {
        precondition(data.dimension == rbm.visibleCount)
        let m = rbm.visibleCount, n = rbm.hiddenCount
        var total = 0.0
        for k in 0..<data.count {
            let v = data.row(k)
            let hp = rbm.hiddenProbabilities(visible: v)
            for i in 0..<m {
                var y = Double(rbm.visibleBias[i])
                for j in 0..<n { y += Double(rbm.weights[i * n + j]) * hp[j] }
                let e = Double(v[i]) - logistic(y)
                total += e * e
            }
        }
        return total / Double(max(data.count * m, 1))
    }

    /// log P(v) of one vector given log Z.
    public static func logProbability(_ rbm: RBM, visible v: [Float], logPartition: Double) -> Double {
        -rbm.freeEnergy(visible: v) - logPartition
    }
}

/// The figures `hopfield rbm eval` reports.
public struct RBMEvaluationReport: Sendable, Equatable {
    public var reconstructionError: Double
    public var pseudoLogLikelihood: Double
    /// Mean log P(v) per sample in nats (nil if not computed).
    public var logLikelihood: Double?
    /// log Z used for it.
    public var logPartition: Double?
    /// "exact" or "ais".
    public var logLikelihoodMethod: String?
    /// For AIS: the standard error of the log Z estimate (delta method over the runs).
    public var logPartitionStandardError: Double?
    public var freeEnergy: Double

    /// Evaluates `rbm` on `data`: exact log Z when a layer has at most 20 units; otherwise an AIS
    /// estimate (when `ais` is given) from the base-rate model of `baseData` (default: `data`).
    /// With `forceAIS` the estimate is used even when the exact value is available (to check it).
    public static func evaluate(_ rbm: RBM, data: RBMData, ais: AISOptions? = AISOptions(), baseData: RBMData? = nil,
                                forceAIS: Bool = false) -> RBMEvaluationReport {
        let fe = RBMEvaluation.meanFreeEnergy(rbm, data: data)
        var report = RBMEvaluationReport(reconstructionError: RBMEvaluation.reconstructionError(rbm, data: data),
                                         pseudoLogLikelihood: RBMEvaluation.meanPseudoLogLikelihood(rbm, data: data),
                                         logLikelihood: nil, logPartition: nil, logLikelihoodMethod: nil,
                                         logPartitionStandardError: nil, freeEnergy: fe)
        if !(forceAIS && ais != nil), let logZ = RBMEvaluation.exactLogPartition(rbm) {
            report.logPartition = logZ
            report.logLikelihood = -fe - logZ
            report.logLikelihoodMethod = "exact"
        } else if let ais {
            let base = RBM.baseRateBiases(data: baseData ?? data)
            let result = AnnealedImportanceSampling.logPartition(rbm, baseVisibleBias: base, options: ais)
            report.logPartition = result.logPartition
            report.logLikelihood = -fe - result.logPartition
            report.logLikelihoodMethod = "ais"
            report.logPartitionStandardError = result.standardError
        }
        return report
    }
}
