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
    /// one unit and the layer inputs are updated by one column in O(other layer) per state; the softplus
    /// sum is vectorised, and the 2^n states are split into blocks run on all cores. Nil if the smaller
    /// layer has more than `maxExactLayer` units.
    public static func exactLogPartition(_ rbm: RBM) -> Double? {
        guard hasExactLogPartition(rbm) else { return nil }
        return rbm.hiddenCount <= rbm.visibleCount ? logPartitionEnumeratingHidden(rbm) : logPartitionEnumeratingHidden(rbm.transposed)
    }

    /// logsumexp over h ∈ {0,1}^n of bᵀh + Σ_i softplus(a_i + (Wh)_i), the 2^n states taken in Gray-code
    /// order in runs of 64. Each run starts from its first state's inputs x computed afresh, so runs are
    /// independent: they are spread over all cores and their partial sums merged in order (the result does
    /// not depend on the number of cores). Within a run, when every |x_i| is bounded by
    /// |a_i| + Σ_j |W_ij| ≤ `multiplicativeBound`, the step keeps E_i = e^(x_i) instead of x and multiplies
    /// it by e^(±W_ij) (63 steps add at most 63 roundings to E_i, ~1e-14 relative); the softplus sum is
    /// then log Π_i (1 + E_i), one logarithm per state. Otherwise the step adds ±W_ij to x and sums
    /// softplus terms through the vectorised exponential.
    static func logPartitionEnumeratingHidden(_ rbm: RBM) -> Double {
        let m = rbm.visibleCount, n = rbm.hiddenCount
        // Column j of W contiguous (the Gray-code step changes the inputs by one column).
        let columns = (0..<(m * n)).map { k in Double(rbm.weights[(k % m) * n + k / m]) }
        let a = rbm.visibleBias.map(Double.init), b = rbm.hiddenBias.map(Double.init)
        var bound = 0.0
        for i in 0..<m {
            var s = abs(a[i])
            for j in 0..<n { s += abs(columns[j * m + i]) }
            bound = max(bound, s)
        }
        // Units per partial product: each factor 1 + E_i is at most 2 e^bound, a group's product ≤ e^600.
        let group = 4 * Int(600 / (4 * (bound + M_LN2)))
        let multiplicative = group >= 4
        let expColumns = multiplicative ? columns.map { exp($0) } : [], expNegColumns = multiplicative ? columns.map { exp(-$0) } : []
        let runBits = min(n, 6), run = 1 << runBits
        let runs = 1 << (n - runBits)
        let chunks = min(runs, 64), runsPerChunk = runs / chunks
        let workers = ParallelTrials.workerCount(requested: nil, items: runs >= 16 ? chunks : 1, bytesPerItem: m * 32)
        let parts = ParallelTrials.map(count: chunks, workers: workers, progress: nil) { c -> LogSumExpAccumulator in
            var acc = LogSumExpAccumulator()
            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 2 * m + run)
            defer { scratch.deallocate() }
            let x = scratch, e = x + m, terms = e + m
            columns.withUnsafeBufferPointer { cols in
                expColumns.withUnsafeBufferPointer { up in
                    expNegColumns.withUnsafeBufferPointer { down in
                        guard let cp = cols.baseAddress else { return }
                        for r in (c * runsPerChunk)..<((c + 1) * runsPerChunk) {
                            let first = r * run
                            var state = first ^ (first >> 1)
                            var hb = 0.0
                            for i in 0..<m { x[i] = a[i] }
                            for j in 0..<n where state >> j & 1 == 1 {
                                hb += b[j]
                                RBMMonitorKernels.axpy(1, cp + j * m, x, count: m)
                            }
                            if multiplicative, let upP = up.baseAddress, let downP = down.baseAddress {
                                RBMMonitorKernels.exponential(x, count: m, into: e)
                                terms[0] = hb + RBMMonitorKernels.logProductOfOnePlus(e, count: m, group: group)
                                for g in 1..<run {
                                    let j = g.trailingZeroBitCount
                                    state ^= 1 << j
                                    let on = state >> j & 1 == 1
                                    hb += on ? b[j] : -b[j]
                                    RBMMonitorKernels.multiply(e, by: (on ? upP : downP) + j * m, count: m)
                                    terms[g] = hb + RBMMonitorKernels.logProductOfOnePlus(e, count: m, group: group)
                                }
                            } else {
                                terms[0] = hb + RBMMonitorKernels.softplusSum(x, count: m)
                                for g in 1..<run {
                                    let j = g.trailingZeroBitCount
                                    state ^= 1 << j
                                    let sign: Double = state >> j & 1 == 1 ? 1 : -1
                                    hb += sign * b[j]
                                    RBMMonitorKernels.axpy(sign, cp + j * m, x, count: m)
                                    terms[g] = hb + RBMMonitorKernels.softplusSum(x, count: m)
                                }
                            }
                            acc.merge(RBMMonitorKernels.logSumExp(terms, count: run))
                        }
                    }
                }
            }
            return acc
        }
        var total = LogSumExpAccumulator()
        for part in parts { total.merge(part) }
        return total.value
    }

    /// Mean free energy F(v) = -aᵀv - Σ_j softplus(b_j + (vᵀW)_j) over the data.
    public static func meanFreeEnergy(_ rbm: RBM, data: RBMData) -> Double {
        figures(rbm, data: data, pseudoLikelihood: false).freeEnergy
    }

    /// Mean log-likelihood per sample, log P(v) = -F(v) - log Z, given log Z.
    public static func meanLogLikelihood(_ rbm: RBM, data: RBMData, logPartition: Double) -> Double {
        -meanFreeEnergy(rbm, data: data) - logPartition
    }

    /// Mean pseudo-log-likelihood per sample, exact over every unit (not the one-unit stochastic estimate):
    /// PLL(v) = Σ_i log P(v_i | v_-i) = Σ_i log σ(F(v⁽ⁱ⁾) - F(v)), v⁽ⁱ⁾ being v with unit i flipped.
    /// With x = b + vᵀW and d = 1 - 2v_i, F(v⁽ⁱ⁾) - F(v) = -d a_i - Σ_j [softplus(x_j + d W_ij) - softplus(x_j)],
    /// and each bracket is log(σ(-x_j) + σ(x_j) e^(d W_ij)): O(mn) multiply-adds per sample and a logarithm
    /// per unit. Values are read as binary (≥ 0.5 is on).
    public static func meanPseudoLogLikelihood(_ rbm: RBM, data: RBMData) -> Double {
        var binary = data
        for k in binary.values.indices { binary.values[k] = binary.values[k] >= 0.5 ? 1 : 0 }
        return figures(rbm, data: binary, pseudoLikelihood: true).pseudoLogLikelihood ?? 0
    }

    /// Reconstruction error, the mean squared error *per visible unit* (averaged over units and samples)
    /// between v and its deterministic reconstruction p = P(v = 1 | h = P(h = 1 | v)) (mean-field, no
    /// sampling, so the figure needs no seed).
    public static func reconstructionError(_ rbm: RBM, data: RBMData) -> Double {
        figures(rbm, data: data, pseudoLikelihood: false).reconstructionError
    }

    /// The per-sample figures of `data` computed together: the hidden inputs x = b + vᵀW of each vector
    /// are formed once and serve the free energy, the reconstruction and (when asked, for binary data)
    /// the pseudo-log-likelihood, which reads `data` as binary (a value is on when it is not 0; pass 0/1
    /// data). Samples are split into blocks run on all cores and summed in block order.
    public static func figures(_ rbm: RBM, data: RBMData, pseudoLikelihood: Bool) -> MonitorFigures {
        precondition(data.dimension == rbm.visibleCount)
        let m = rbm.visibleCount, n = rbm.hiddenCount
        let w = rbm.weights.map(Double.init)
        let a = rbm.visibleBias.map(Double.init), b = rbm.hiddenBias.map(Double.init)
        // e^(±W) for the pseudo-likelihood's ratio factors, and a block length that keeps each product of
        // n factors (each between 1 and e^|W_ij|) within e^±600.
        let expW = pseudoLikelihood ? w.map { exp($0) } : [], expNegW = pseudoLikelihood ? w.map { exp(-$0) } : []
        let largest = w.reduce(0) { max($0, abs($1)) }
        let ratioBlock = largest > 0 ? max(1, min(n, Int(RBMMonitorKernels.ratioLogBound / largest))) : n
        let blockSize = 64
        let blocks = (data.count + blockSize - 1) / blockSize
        let workers = ParallelTrials.workerCount(requested: nil, items: data.count * m * n >= 1 << 18 ? blocks : 1, bytesPerItem: (m + n) * 32)
        let parts = ParallelTrials.map(count: blocks, workers: workers, progress: nil) { blockIndex -> SIMD3<Double> in
            var sums = SIMD3<Double>(repeating: 0) // reconstruction, free energy, pseudo-likelihood
            // Scratch: x, σ(x), σ(-x) (n each), y, σ(y), σ(-y) (m each).
            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 3 * n + 3 * m)
            defer { scratch.deallocate() }
            let x = scratch, p = x + n, q = p + n, y = q + n, py = y + m, qy = py + m
            w.withUnsafeBufferPointer { wb in
                expW.withUnsafeBufferPointer { ew in
                    expNegW.withUnsafeBufferPointer { enw in
                        guard let wp = wb.baseAddress else { return }
                        for k in (blockIndex * blockSize)..<min(data.count, (blockIndex + 1) * blockSize) {
                            let row = k * m
                            for j in 0..<n { x[j] = b[j] }
                            var visibleTerm = 0.0
                            for i in 0..<m where data.values[row + i] != 0 {
                                let vi = Double(data.values[row + i])
                                visibleTerm += a[i] * vi
                                RBMMonitorKernels.axpy(vi, wp + i * n, x, count: n)
                            }
                            sums[1] -= visibleTerm + RBMMonitorKernels.softplusSum(x, count: n)
                            RBMMonitorKernels.logistic(x, count: n, p: p, q: q)
                            for i in 0..<m { y[i] = a[i] + RBMMonitorKernels.dot(wp + i * n, p, count: n) }
                            RBMMonitorKernels.logistic(y, count: m, p: py, q: qy)
                            for i in 0..<m {
                                let e = Double(data.values[row + i]) - py[i]
                                sums[0] += e * e
                            }
                            guard pseudoLikelihood, let ep = ew.baseAddress, let enp = enw.baseAddress else { continue }
                            var pll = 0.0
                            for i in 0..<m {
                                let on = data.values[row + i] != 0
                                let ratio = RBMMonitorKernels.logRatioSum(p: p, q: q, f: (on ? enp : ep) + i * n, count: n, block: ratioBlock)
                                pll += RBMMath.logSigmoid((on ? a[i] : -a[i]) - ratio)
                            }
                            sums[2] += pll
                        }
                    }
                }
            }
            return sums
        }
        var total = SIMD3<Double>(repeating: 0)
        for part in parts { total += part }
        let count = Double(max(data.count, 1))
        return MonitorFigures(reconstructionError: total[0] / Double(max(data.count * m, 1)), freeEnergy: total[1] / count,
                              pseudoLogLikelihood: pseudoLikelihood ? total[2] / count : nil)
    }

    /// The mean per-sample figures `figures(_:data:pseudoLikelihood:)` computes.
    public struct MonitorFigures: Sendable, Equatable {
        public var reconstructionError: Double
        public var freeEnergy: Double
        public var pseudoLogLikelihood: Double?
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
