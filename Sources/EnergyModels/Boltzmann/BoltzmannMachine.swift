/// A Boltzmann machine of binary units s_i ∈ {0, 1}: units 0..<visible are visible, the rest hidden.
///
/// Energy E(s) = -Σ_{i<j} w_ij s_i s_j - Σ_i b_i s_i, where the bias b_i is the weight from an always-on
/// unit; P(s) ∝ exp(-E(s)/T). Weights are symmetric, w_ii = 0, and w_ij = 0 wherever the connectivity
/// mask has no connection. The local field is h_i = Σ_j w_ij s_j + b_i = E(s_i=0) - E(s_i=1), so the
/// heat-bath rule sets s_i = 1 with probability σ(h_i / T).
public struct BoltzmannMachine: Sendable, Equatable {
    public let connectivity: BoltzmannConnectivity
    public let visible: Int
    /// Row-major n x n, symmetric, zero on the diagonal and outside the mask.
    public private(set) var weights: [Double]
    public var biases: [Double]

    public var count: Int { connectivity.count }
    public var hidden: Int { count - visible }

    /// All weights and biases zero (the paper's starting point). Precondition: 0 ≤ visible ≤ count.
    public init(connectivity: BoltzmannConnectivity, visible: Int) {
        precondition(visible >= 0 && visible <= connectivity.count, "visible must be in 0...count")
        self.connectivity = connectivity
        self.visible = visible
        self.weights = [Double](repeating: 0, count: connectivity.count * connectivity.count)
        self.biases = [Double](repeating: 0, count: connectivity.count)
    }

    @inlinable
    public func weight(_ i: Int, _ j: Int) -> Double { weights[i * count + j] }

    /// Sets w_ij = w_ji = value. Precondition: i and j are connected (or value is 0).
    public mutating func setWeight(_ i: Int, _ j: Int, to value: Double) {
        precondition(i != j || value == 0, "no self-coupling")
        precondition(value == 0 || connectivity.isConnected(i, j), "units \(i) and \(j) are not connected")
        weights[i * count + j] = value
        weights[j * count + i] = value
    }

    /// h_i = Σ_j w_ij s_j + b_i (w_ii = 0, so s_i itself does not count).
    @inlinable
    public func field(_ i: Int, state: [Double]) -> Double {
        precondition(state.count == count, "state size")
        return weights.withUnsafeBufferPointer { w in
            state.withUnsafeBufferPointer { s in Self.field(row: i, count: count, weights: w, state: s) + biases[i] }
        }
    }

    /// Σ_j w_ij s_j over raw buffers (the hot loop of every sweep).
    @inlinable
    static func field(row i: Int, count n: Int, weights w: UnsafeBufferPointer<Double>, state s: UnsafeBufferPointer<Double>) -> Double {
        guard let wp = w.baseAddress, let sp = s.baseAddress else { return 0 }
        let row = wp + i * n
        var h = 0.0
        for j in 0..<n where sp[j] != 0 { h += row[j] * sp[j] }
        return h
    }

    /// E(s) = -Σ_{i<j} w_ij s_i s_j - Σ_i b_i s_i.
    public func energy(_ state: [Double]) -> Double {
        var e = 0.0
        for i in 0..<count where state[i] != 0 {
            e -= biases[i] * state[i]
            for j in (i + 1)..<max(count, i + 1) where state[j] != 0 { e -= weights[i * count + j] * state[i] * state[j] }
        }
        return e
    }

    /// One heat-bath sweep at temperature T > 0 over the units in `order` (the free units), which is
    /// shuffled in place first: every free unit is updated once, in a fresh random order, to 1 with
    /// probability σ(h_i/T). Clamped units are simply left out of `order`.
    @inlinable
    public func sweep(_ state: inout [Double], order: inout [Int], temperature t: Double, rng: inout Xoshiro256) {
        precondition(state.count == count, "state size")
        rng.shuffle(&order)
        let n = count
        weights.withUnsafeBufferPointer { w in
            state.withUnsafeMutableBufferPointer { s in
                for i in order {
                    let h = Self.field(row: i, count: n, weights: w, state: UnsafeBufferPointer(s)) + biases[i]
                    s[i] = rng.nextUnit() < logistic(h / t) ? 1 : 0
                }
            }
        }
    }

    /// Runs the annealing stages of `schedule` (not its statistics sweeps) over the free units.
    public func anneal(_ state: inout [Double], order: inout [Int], schedule: BoltzmannAnnealing, rng: inout Xoshiro256) {
        for stage in schedule.stages {
            for _ in 0..<stage.sweeps { sweep(&state, order: &order, temperature: stage.temperature, rng: &rng) }
        }
    }

    /// Zero-temperature settling: sweeps in random order setting s_i = 1 if h_i > 0 and 0 if h_i < 0 (a
    /// tie leaves it), until a sweep changes nothing or `maxSweeps` have run. Returns whether it settled.
    @discardableResult
    public func settle(_ state: inout [Double], order: inout [Int], maxSweeps: Int, rng: inout Xoshiro256) -> Bool {
        for _ in 0..<maxSweeps {
            rng.shuffle(&order)
            var changed = false
            for i in order {
                let h = field(i, state: state)
                let new: Double = h > 0 ? 1 : (h < 0 ? 0 : state[i])
                if new != state[i] { state[i] = new; changed = true }
            }
            if !changed { return true }
        }
        return false
    }

    /// The largest |w_ij| or |b_i|.
    public var largestWeight: Double {
        max(weights.reduce(0) { max($0, abs($1)) }, biases.reduce(0) { max($0, abs($1)) })
    }

    /// Adds Δw_ij to every connected pair (Δ given as a full n x n matrix; only i < j is read) and Δb_i.
    public mutating func add(weightChanges dw: [Double], biasChanges db: [Double]) {
        precondition(dw.count == count * count && db.count == count, "size mismatch")
        for i in 0..<count {
            biases[i] += db[i]
            for j in (i + 1)..<max(count, i + 1) where connectivity.mask[i * count + j] {
                let w = weights[i * count + j] + dw[i * count + j]
                weights[i * count + j] = w
                weights[j * count + i] = w
            }
        }
    }

    /// The model file: dense weights and biases divided by `temperature`, so that the file's network at
    /// T = 1 has the distribution this machine has at `temperature`.
    public func modelFile(temperature: Double, shape: [Int]? = nil, patterns: [StoredPattern] = []) -> NetworkModelFile {
        precondition(temperature > 0 && temperature.isFinite, "temperature must be finite and > 0")
        return NetworkModelFile(units: .binary, shape: shape, visible: visible,
                                weights: weights.map { $0 / temperature }, biases: biases.map { $0 / temperature },
                                patterns: patterns)
    }
}
