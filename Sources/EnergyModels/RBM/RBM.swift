import Foundation

/// A Bernoulli-Bernoulli restricted Boltzmann machine: m visible and n hidden binary (0/1) units,
/// E(v, h) = -vᵀWh - aᵀv - bᵀh, P(v, h) = e^(-E/T) / Z.
///
/// There are no connections within a layer, so each layer is conditionally independent given the other:
/// P(h_j = 1 | v) = σ((b_j + Σ_i v_i W_ij) / T) and P(v_i = 1 | h) = σ((a_i + Σ_j W_ij h_j) / T).
/// Summing out h gives the free energy F(v) = -aᵀv - Σ_j softplus(b_j + (vᵀW)_j) (at T = 1) with
/// P(v) = e^(-F(v)) / Z.
///
/// Parameters are stored in Float (the training and sampling kernels run at twice the SIMD width);
/// every likelihood, energy and free-energy figure is computed in Double from them.
public struct RBM: Sendable, Equatable {
    public let visibleCount: Int
    public let hiddenCount: Int
    /// W, row-major m x n: W_ij at `i * hiddenCount + j`.
    public var weights: [Float]
    /// a, one per visible unit.
    public var visibleBias: [Float]
    /// b, one per hidden unit.
    public var hiddenBias: [Float]

    /// An RBM with the given parameters (sizes must agree).
    public init(visibleCount: Int, hiddenCount: Int, weights: [Float], visibleBias: [Float], hiddenBias: [Float]) {
        precondition(visibleCount >= 1 && hiddenCount >= 1, "an RBM needs at least one unit in each layer")
        precondition(weights.count == visibleCount * hiddenCount, "weights must be visibleCount x hiddenCount")
        precondition(visibleBias.count == visibleCount && hiddenBias.count == hiddenCount, "one bias per unit")
        self.visibleCount = visibleCount
        self.hiddenCount = hiddenCount
        self.weights = weights
        self.visibleBias = visibleBias
        self.hiddenBias = hiddenBias
    }

    /// All parameters zero: the uniform distribution over the 2^(m+n) states.
    public init(visibleCount: Int, hiddenCount: Int) {
        self.init(visibleCount: visibleCount, hiddenCount: hiddenCount,
                  weights: [Float](repeating: 0, count: visibleCount * hiddenCount),
                  visibleBias: [Float](repeating: 0, count: visibleCount),
                  hiddenBias: [Float](repeating: 0, count: hiddenCount))
    }

    /// The initialisation of Hinton's practical guide (2010, section 8): W_ij ~ N(0, σ²) with σ = 0.01,
    /// hidden biases 0, and visible biases log(p_i / (1 - p_i)) with p_i the fraction of training vectors
    /// in which unit i is on, clamped to [`clamp`, 1 - `clamp`] so that a unit always off or always on
    /// gets a large finite bias rather than ∓∞. Without data the visible biases are 0.
    public static func initialised(visibleCount: Int, hiddenCount: Int, data: RBMData?, weightStandardDeviation: Double = 0.01,
                                   clamp: Double = 1e-3, rng: inout Xoshiro256) -> RBM {
        var rbm = RBM(visibleCount: visibleCount, hiddenCount: hiddenCount)
        for k in 0..<rbm.weights.count { rbm.weights[k] = Float(rng.nextGaussian() * weightStandardDeviation) }
        if let data {
            precondition(data.dimension == visibleCount, "data dimension must equal visibleCount")
            rbm.visibleBias = Self.baseRateBiases(data: data, clamp: clamp)
        }
        return rbm
    }

    /// log(p_i / (1 - p_i)) of the data's unit means p_i clamped to [clamp, 1 - clamp].
    public static func baseRateBiases(data: RBMData, clamp: Double = 1e-3) -> [Float] {
        data.means().map { p in
            let q = min(max(p, clamp), 1 - clamp)
            return Float(log(q / (1 - q)))
        }
    }

    @inlinable
    public func weight(_ i: Int, _ j: Int) -> Float { weights[i * hiddenCount + j] }

    /// E(v, h) = -vᵀWh - aᵀv - bᵀh.
    public func energy(visible v: [Float], hidden h: [Float]) -> Double {
        precondition(v.count == visibleCount && h.count == hiddenCount)
        var e = 0.0
        for i in 0..<visibleCount where v[i] != 0 {
            var s = Double(visibleBias[i])
            for j in 0..<hiddenCount { s += Double(weights[i * hiddenCount + j]) * Double(h[j]) }
            e -= Double(v[i]) * s
        }
        for j in 0..<hiddenCount { e -= Double(hiddenBias[j]) * Double(h[j]) }
        return e
    }

    /// The hidden inputs x_j = b_j + Σ_i v_i W_ij, in Double.
    public func hiddenInputs(visible v: [Float]) -> [Double] {
        precondition(v.count == visibleCount)
        var x = hiddenBias.map(Double.init)
        for i in 0..<visibleCount where v[i] != 0 {
            let vi = Double(v[i])
            for j in 0..<hiddenCount { x[j] += vi * Double(weights[i * hiddenCount + j]) }
        }
        return x
    }

    /// The visible inputs y_i = a_i + Σ_j W_ij h_j, in Double.
    public func visibleInputs(hidden h: [Float]) -> [Double] {
        precondition(h.count == hiddenCount)
        return (0..<visibleCount).map { i in
            var s = Double(visibleBias[i])
            for j in 0..<hiddenCount where h[j] != 0 { s += Double(weights[i * hiddenCount + j]) * Double(h[j]) }
            return s
        }
    }

    /// P(h_j = 1 | v) = σ(x_j / T) at T > 0.
    public func hiddenProbabilities(visible v: [Float], temperature t: Double = 1) -> [Double] {
        hiddenInputs(visible: v).map { logistic($0 / t) }
    }

    /// P(v_i = 1 | h) = σ(y_i / T) at T > 0.
    public func visibleProbabilities(hidden h: [Float], temperature t: Double = 1) -> [Double] {
        visibleInputs(hidden: h).map { logistic($0 / t) }
    }

    /// F(v) = -aᵀv - Σ_j softplus(b_j + (vᵀW)_j), so that P(v) = e^(-F(v)) / Z (T = 1).
    public func freeEnergy(visible v: [Float]) -> Double {
        var f = 0.0
        for i in 0..<visibleCount { f -= Double(visibleBias[i]) * Double(v[i]) }
        for x in hiddenInputs(visible: v) { f -= RBMMath.softplus(x) }
        return f
    }

    /// The same machine with visible and hidden layers exchanged (W → Wᵀ).
    public var transposed: RBM {
        var wt = [Float](repeating: 0, count: weights.count)
        for i in 0..<visibleCount {
            for j in 0..<hiddenCount { wt[j * visibleCount + i] = weights[i * hiddenCount + j] }
        }
        return RBM(visibleCount: hiddenCount, hiddenCount: visibleCount, weights: wt, visibleBias: hiddenBias, hiddenBias: visibleBias)
    }

    /// True if every parameter is a finite number.
    public var isFinite: Bool {
        weights.allSatisfy(\.isFinite) && visibleBias.allSatisfy(\.isFinite) && hiddenBias.allSatisfy(\.isFinite)
    }
}

/// A data set for an RBM: `count` vectors of `dimension` values in [0, 1] (binary pixels, or the hidden
/// probabilities of a lower layer when stacking), row-major and contiguous.
public struct RBMData: Sendable, Equatable {
    public let count: Int
    public let dimension: Int
    public var values: [Float]

    public init(count: Int, dimension: Int, values: [Float]) {
        precondition(values.count == count * dimension, "values must be count x dimension")
        self.count = count
        self.dimension = dimension
        self.values = values
    }

    /// Binary vectors (true = 1).
    public init(bits: [[Bool]]) {
        precondition(!bits.isEmpty, "at least one vector")
        let d = bits[0].count
        precondition(bits.allSatisfy { $0.count == d }, "vectors must share one length")
        self.init(count: bits.count, dimension: d, values: bits.flatMap { $0.map { $0 ? Float(1) : 0 } })
    }

    /// Vectors of values in [0, 1].
    public init(rows: [[Float]]) {
        precondition(!rows.isEmpty, "at least one vector")
        let d = rows[0].count
        precondition(rows.allSatisfy { $0.count == d }, "vectors must share one length")
        self.init(count: rows.count, dimension: d, values: rows.flatMap { $0 })
    }

    public func row(_ k: Int) -> [Float] { Array(values[(k * dimension)..<((k + 1) * dimension)]) }

    /// The rows at `indices`, as a new data set.
    public func subset(_ indices: [Int]) -> RBMData {
        var out: [Float] = []
        out.reserveCapacity(indices.count * dimension)
        for k in indices { out.append(contentsOf: values[(k * dimension)..<((k + 1) * dimension)]) }
        return RBMData(count: indices.count, dimension: dimension, values: out)
    }

    /// The mean of each unit over the vectors.
    public func means() -> [Double] {
        var m = [Double](repeating: 0, count: dimension)
        for k in 0..<count {
            for i in 0..<dimension { m[i] += Double(values[k * dimension + i]) }
        }
        return m.map { $0 / Double(max(count, 1)) }
    }
}
