import Foundation

/// Settings of an AIS estimate of log Z.
public struct AISOptions: Sendable, Equatable {
    /// Number of intermediate distributions K (β_0 = 0 < β_1 < … < β_K = 1).
    public var betas: Int
    /// Number of independent annealing runs M.
    public var runs: Int
    public var seed: UInt64

    public init(betas: Int = 2000, runs: Int = 100, seed: UInt64 = 1) {
        self.betas = betas
        self.runs = runs
        self.seed = seed
    }

    /// Salakhutdinov and Murray's schedule scaled to K steps: of their 14,500 betas, 500 evenly over
    /// [0, 0.5], 4,000 over [0.5, 0.9] and 10,000 over [0.9, 1], finer where the distributions change most.
    public func schedule() -> [Double] {
        let k = max(betas, 3)
        let n1 = max(1, Int((Double(k) * 500 / 14_500).rounded()))
        let n2 = max(1, Int((Double(k) * 4_000 / 14_500).rounded()))
        let n3 = max(1, k - n1 - n2)
        var out: [Double] = [0]
        for s in 1...n1 { out.append(0.5 * Double(s) / Double(n1)) }
        for s in 1...n2 { out.append(0.5 + 0.4 * Double(s) / Double(n2)) }
        for s in 1...n3 { out.append(0.9 + 0.1 * Double(s) / Double(n3)) }
        out[out.count - 1] = 1
        return out
    }
}

/// An AIS estimate of log Z, with its uncertainty.
public struct AISResult: Sendable, Equatable {
    /// The estimate log Ẑ = log Z_A + log((1/M) Σ_r w_r). Ẑ is unbiased for Z; log Ẑ is biased low by
    /// about var/2, so the figure tends to overstate the log-likelihood slightly.
    public var logPartition: Double
    /// Standard error of log Ẑ by the delta method: sd(w) / (mean(w) √M).
    public var standardError: Double
    /// log Z_A of the base-rate model.
    public var baseLogPartition: Double
    public var runs: Int
    public var betas: Int
}

/// Annealed importance sampling for the partition function of an RBM (Salakhutdinov and Murray, "On the
/// quantitative analysis of deep belief networks", ICML 2008, section 4.2).
///
/// The base model A has visible biases a_A (the data's base rates) and no weights, so its samples are
/// exact and Z_A = 2^n Π_i (1 + e^(a_A,i)). The intermediate distributions are
/// p*_β(v) = e^((1-β) a_Aᵀv + β aᵀv) Π_j (1 + e^(β (b_j + (vᵀW)_j))),
/// which is p_A at β = 0 and the RBM's unnormalised P(v) at β = 1. Each is the marginal of an RBM with
/// weights βW, hidden biases βb and visible biases (1-β) a_A + β a, so one block Gibbs step in that RBM
/// leaves it invariant. A run draws v from p_A, then for k = 1…K adds log p*_k(v) - log p*_(k-1)(v) to its
/// log weight and moves v by a Gibbs step at β_k.
public enum AnnealedImportanceSampling {
    public static func logPartition(_ rbm: RBM, baseVisibleBias: [Float], options: AISOptions) -> AISResult {
        let m = rbm.visibleCount, n = rbm.hiddenCount
        precondition(baseVisibleBias.count == m, "one base bias per visible unit")
        let runs = max(1, options.runs)
        let betas = options.schedule()
        var rng = Xoshiro256(seed: options.seed, stream: 0x4149_53)
        let baseA = baseVisibleBias.map(Double.init)
        let logZA = Double(n) * log(2.0) + baseA.reduce(0) { $0 + RBMMath.softplus($1) }

        let w = FloatBuffer(rbm.weights), a = FloatBuffer(rbm.visibleBias), b = FloatBuffer(rbm.hiddenBias)
        let zero = FloatBuffer(count: m)
        let v = FloatBuffer(count: runs * m)       // chain states
        let x = FloatBuffer(count: runs * n)       // hidden inputs b + vᵀW
        let hp = FloatBuffer(count: runs * n)      // hidden probabilities, then samples
        let y = FloatBuffer(count: runs * m)       // visible inputs
        var logW = [Double](repeating: 0, count: runs)

        // v ~ p_A exactly.
        for r in 0..<runs {
            for i in 0..<m { y.base[r * m + i] = baseVisibleBias[i] }
        }
        RBMKernels.sigmoidInPlace(y.base, count: runs * m, scale: 1)
        RBMKernels.sample(y.base, count: runs * m, into: v.base, rng: &rng)

        for k in 1..<betas.count {
            let bPrev = betas[k - 1], bNow = betas[k]
            RBMKernels.hiddenInputs(v: v.base, rows: runs, m: m, n: n, weights: w.base, bias: b.base, out: x.base)
            // log p*_k(v) - log p*_(k-1)(v) = (β_k - β_(k-1)) (a - a_A)ᵀv + Σ_j [softplus(β_k x_j) - softplus(β_(k-1) x_j)].
            for r in 0..<runs {
                var d = 0.0
                for i in 0..<m where v.base[r * m + i] != 0 { d += Double(a.base[i]) - baseA[i] }
                d *= bNow - bPrev
                for j in 0..<n {
                    let xj = Double(x.base[r * n + j])
                    d += RBMMath.softplus(bNow * xj) - RBMMath.softplus(bPrev * xj)
                }
                logW[r] += d
            }
            if k == betas.count - 1 { break }
            // One Gibbs step at β_k: h ~ σ(β_k x), then v ~ σ((1-β_k) a_A + β_k (a + Wh)).
            hp.base.update(from: x.base, count: runs * n)
            RBMKernels.sigmoidInPlace(hp.base, count: runs * n, scale: Float(bNow))
            RBMKernels.sample(hp.base, count: runs * n, into: hp.base, rng: &rng)
            RBMKernels.visibleInputs(h: hp.base, rows: runs, m: m, n: n, weights: w.base, bias: zero.base, out: y.base)
            let bn = Float(bNow)
            for r in 0..<runs {
                for i in 0..<m {
                    let q = r * m + i
                    y.base[q] = (1 - bn) * baseVisibleBias[i] + bn * (a.base[i] + y.base[q])
                }
            }
            RBMKernels.sigmoidInPlace(y.base, count: runs * m, scale: 1)
            RBMKernels.sample(y.base, count: runs * m, into: v.base, rng: &rng)
        }

        let top = logW.max() ?? 0
        let ws = logW.map { exp($0 - top) }
        let mean = ws.reduce(0, +) / Double(runs)
        var variance = 0.0
        for x in ws { variance += (x - mean) * (x - mean) }
        variance /= Double(max(runs - 1, 1))
        let se = runs > 1 ? variance.squareRoot() / (mean * Double(runs).squareRoot()) : .infinity
        return AISResult(logPartition: logZA + top + log(mean), standardError: se, baseLogPartition: logZA,
                         runs: runs, betas: betas.count - 1)
    }
}
