/// Accumulated co-occurrence statistics of a Boltzmann-machine phase.
///
/// `sums[i*n+j]` is Σ_samples weight · s_i s_j for i ≠ j and `sums[i*n+i]` is Σ weight · s_i, so that
/// `expectation(i, j)` = ⟨s_i s_j⟩ and `expectation(i, i)` = ⟨s_i⟩ (for binary units s_i² = s_i; for
/// mean-field values m_i the diagonal is m_i, the off-diagonal the factorised m_i m_j).
public struct BoltzmannStatistics: Sendable, Equatable {
    public let count: Int
    public private(set) var sums: [Double]
    /// Total weight of the samples added (their number when unweighted).
    public private(set) var weight: Double

    public init(count: Int) {
        self.count = count
        self.sums = [Double](repeating: 0, count: count * count)
        self.weight = 0
    }

    /// Adds one sample (unit values 0/1, or mean-field values in [0, 1]) with a weight.
    public mutating func add(_ state: [Double], weight w: Double = 1) {
        let n = count
        for i in 0..<n where state[i] != 0 {
            let wi = w * state[i]
            sums[i * n + i] += wi
            for j in (i + 1)..<max(n, i + 1) where state[j] != 0 {
                let v = wi * state[j]
                sums[i * n + j] += v
                sums[j * n + i] += v
            }
        }
        weight += w
    }

    /// Merges another accumulation (same count).
    public mutating func add(_ other: BoltzmannStatistics) {
        precondition(other.count == count, "size mismatch")
        for k in 0..<sums.count { sums[k] += other.sums[k] }
        weight += other.weight
    }

    /// ⟨s_i s_j⟩ (⟨s_i⟩ when i == j); 0 when nothing has been added.
    @inlinable
    public func expectation(_ i: Int, _ j: Int) -> Double {
        weight > 0 ? sums[i * count + j] / weight : 0
    }

    /// All expectations, n x n row-major.
    public var expectations: [Double] {
        weight > 0 ? sums.map { $0 / weight } : sums
    }
}

/// The gradient of the mean log-likelihood L = (1/|D|) Σ_{v∈D} log P(v), P(v) = Σ_h P(v, h), with
/// P(s) ∝ exp(-E(s)/T):
///   ∂L/∂w_ij = (⟨s_i s_j⟩⁺ - ⟨s_i s_j⟩⁻) / T,   ∂L/∂b_i = (⟨s_i⟩⁺ - ⟨s_i⟩⁻) / T,
/// where ⁺ is the positive (clamped) phase — visible units fixed to each data vector, hidden units in
/// equilibrium given them, averaged over the data — and ⁻ the negative (free) phase. This is the
/// Ackley–Hinton–Sejnowski result ∂G/∂w_ij = -(p_ij - p'_ij)/T with G the Kullback–Leibler divergence.
/// With exact expectations it is the exact gradient; with sampled ones, an estimate.
public struct BoltzmannGradient: Sendable, Equatable {
    /// n x n; zero on the diagonal and for unconnected pairs.
    public var weights: [Double]
    public var biases: [Double]

    public init(positive: BoltzmannStatistics, negative: BoltzmannStatistics, temperature t: Double, connectivity: BoltzmannConnectivity) {
        let n = connectivity.count
        precondition(positive.count == n && negative.count == n, "size mismatch")
        var w = [Double](repeating: 0, count: n * n)
        var b = [Double](repeating: 0, count: n)
        for i in 0..<n {
            b[i] = (positive.expectation(i, i) - negative.expectation(i, i)) / t
            for j in 0..<n where j != i && connectivity.mask[i * n + j] {
                w[i * n + j] = (positive.expectation(i, j) - negative.expectation(i, j)) / t
            }
        }
        weights = w
        biases = b
    }
}
