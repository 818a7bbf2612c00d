import Foundation

/// Pseudo-inverse and Storkey in floating point.
struct RealKernel: CapacityKernel {
    let rule: LearningRule
    let n: Int
    let p: Int
    let spins: [Int8]
    private var basis: [Double] = []      // pseudo-inverse: Q, N x r row-major
    private var rank = 0
    private var diagonal: [Double] = []   // d_i = Σ_k Q_ik²
    private var projection: [Double] = [] // scratch Qᵀ ξ
    private var weights: [Double] = []    // N x N (Storkey from the start, pseudo-inverse on demand)
    private var fields: [Double]
    private var state: [Double]
    private var order: [Int32]
    private var pattern = 0

    init(rule: LearningRule, _ packed: PackedPatterns) {
        let n = packed.neurons, p = packed.count, spins = packed.spins
        self.rule = rule
        self.n = n
        self.p = p
        self.spins = spins
        let patterns = (0..<p).map { Array(spins[($0 * n)..<(($0 + 1) * n)]) }
        if rule == .storkey {
            weights = Learning.storkey(patterns, count: n).values
        } else {
            let q = Learning.projectionFactor(patterns, count: n)
            basis = q.rows
            rank = q.rank
            diagonal = (0..<n).map { i in
                var d = 0.0
                for k in 0..<q.rank { d += q.rows[i * q.rank + k] * q.rows[i * q.rank + k] }
                return d
            }
            projection = [Double](repeating: 0, count: q.rank)
        }
        fields = [Double](repeating: 0, count: n)
        state = [Double](repeating: 0, count: n)
        order = (0..<Int32(n)).map { $0 }
    }

    var currentState: [Int8] { state.map { $0 > 0 ? 1 : -1 } }

    mutating func load(pattern nu: Int) -> Int {
        pattern = nu
        let n = self.n
        for i in 0..<n { state[i] = Double(spins[nu * n + i]) }
        if rule == .storkey {
            for i in 0..<n {
                var sum = 0.0
                for j in 0..<n { sum += weights[i * n + j] * state[j] }
                fields[i] = sum
            }
        } else {
            let r = rank
            for k in 0..<r { projection[k] = 0 }
            for i in 0..<n {
                for k in 0..<r { projection[k] += basis[i * r + k] * state[i] }
            }
            for i in 0..<n {
                var sum = 0.0
                for k in 0..<r { sum += basis[i * r + k] * projection[k] }
                fields[i] = sum - diagonal[i] * state[i]
            }
        }
        var unstable = 0
        for i in 0..<n where ZeroTemperatureRule.changes(spin: state[i], field: fields[i]) { unstable += 1 }
        return unstable
    }

    mutating func relax(rng: inout Xoshiro256) -> (dot: Int, converged: Bool) {
        if weights.isEmpty { buildWeights() }
        let n = self.n
        let converged = CapacityTrial.relax(weights: weights, fields: &fields, state: &state, order: &order, rng: &rng)
        var dot = 0.0
        for i in 0..<n { dot += state[i] * Double(spins[pattern * n + i]) }
        return (Int(dot), converged)
    }

    /// Pseudo-inverse: W = Q Qᵀ with the diagonal removed, O(N² r).
    private mutating func buildWeights() {
        let n = self.n, r = rank
        var w = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                var v = 0.0
                for k in 0..<r { v += basis[i * r + k] * basis[j * r + k] }
                w[i * n + j] = v
                w[j * n + i] = v
            }
        }
        weights = w
    }
}
