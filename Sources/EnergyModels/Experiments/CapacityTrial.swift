import Foundation

/// The raw counts of one capacity trial: p random patterns stored on N units with one rule.
public struct CapacityTrialResult: Sendable, Equatable {
    public var neurons: Int
    public var patterns: Int
    /// (pattern, unit) pairs unstable in one step: unit i of ξ^μ would flip if updated in state ξ^μ.
    public var unstableBits: Int
    /// Stored patterns that are exact fixed points (no unstable unit).
    public var fixedPoints: Int
    /// Σ_μ of the overlap (1/N) Σ_i s_i ξ_i^μ of the T = 0 fixed point reached from ξ^μ.
    public var overlapSum: Double
    /// Relaxations stopped by the sweep limit before a fixed point (expected 0; see `CapacityTrial.maxSweeps`).
    public var unconverged: Int
}

/// One capacity trial, written for speed: exact integer fields for Hebb, no allocation per update.
///
/// For every stored pattern ξ^ν it computes all N local fields in the state ξ^ν (the one-step test),
/// and, when some unit is unstable, runs asynchronous T = 0 dynamics in random order to a fixed point
/// with every field kept up to date (a flip of unit k adds w_jk δ to h_j: O(N) per flip, and a sweep
/// without flips costs O(N) because all fields are known).
///
/// Fields in state ξ^ν:
/// - Hebb, w_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ (i ≠ j): with C = ΞᵀΞ (p x p, integers, from bit-packed patterns by
///   XOR and popcount), N h_i = Σ_μ ξ_i^μ C_μν − p ξ_i^ν. This is the low-rank form, O(N p) per pattern,
///   and exact in integers, so a tie h_i = 0 is detected exactly. (It can happen only when p(N − 1) is even.)
/// - Pseudo-inverse, W = Q Qᵀ − diag with Q an orthonormal basis of the patterns (N x r):
///   h = Q (Qᵀ ξ) − d ∘ ξ, O(N r) per pattern.
/// - Storkey: dense, h = W ξ, O(N²) per pattern.
/// The dense matrix used by the relaxation is built only when some pattern is not a fixed point
/// (Hebb: unnormalised integer weights p − 2·popcount, O(N² p / 64)). Scaling all weights and fields by
/// N does not change any sign, so Hebb works with N h throughout.
public enum CapacityTrial {
    /// Sweep limit for one relaxation. Asynchronous T = 0 dynamics with symmetric weights always reach a
    /// fixed point (each flip lowers the energy), typically in a few sweeps; this only bounds the worst case.
    public static let maxSweeps = 10_000

    /// Runs one trial. `rng` draws the patterns (N bits each, 64 per draw) and then the update orders.
    /// Preconditions: N ≥ 2, p ≥ 1.
    public static func run(neurons n: Int, patterns p: Int, rule: LearningRule, recall: Bool = true,
                           rng: inout Xoshiro256) -> CapacityTrialResult {
        precondition(n >= 2 && p >= 1, "a capacity trial needs N ≥ 2 units and p ≥ 1 patterns")
        let patterns = RandomPatterns.make(count: p, neurons: n, rng: &rng)
        return measure(patterns: patterns, neurons: n, rule: rule, recall: recall, rng: &rng)
    }

    /// Measures given ±1 patterns (each of length N); `rng` draws the update orders of the relaxations.
    /// With `recall` false only the one-step test runs and `overlapSum` is NaN (much cheaper above capacity).
    /// Preconditions: N ≥ 2, at least one pattern, every entry ±1.
    public static func measure(patterns: [[Int8]], neurons n: Int, rule: LearningRule, recall: Bool = true,
                               rng: inout Xoshiro256) -> CapacityTrialResult {
        let p = patterns.count
        precondition(n >= 2 && p >= 1 && patterns.allSatisfy { $0.count == n }, "need N ≥ 2 and patterns of N entries")
        let words = (n + 63) / 64
        // Pattern-major spins and bits (bit set = +1).
        var bits = [UInt64](repeating: 0, count: p * words)
        var spins = [Int8](repeating: -1, count: p * n)
        for (mu, xi) in patterns.enumerated() {
            for i in 0..<n where xi[i] > 0 {
                spins[mu * n + i] = 1
                bits[mu * words + (i >> 6)] |= UInt64(1) << UInt64(i & 63)
            }
        }
        var fields = FieldSource(rule: rule, neurons: n, patterns: p, bits: bits, spins: spins)

        var result = CapacityTrialResult(neurons: n, patterns: p, unstableBits: 0, fixedPoints: 0,
                                         overlapSum: recall ? 0 : .nan, unconverged: 0)
        var h = [Double](repeating: 0, count: n)
        var s = [Double](repeating: 0, count: n)
        var order = Array(0..<n)
        for nu in 0..<p {
            fields.oneStepFields(pattern: nu, into: &h)
            var unstable = 0
            for i in 0..<n {
                // Unstable means the T = 0 rule would change it: sign(h) opposite to the unit; h = 0 keeps it.
                if Double(spins[nu * n + i]) * h[i] < 0 { unstable += 1 }
            }
            result.unstableBits += unstable
            if unstable == 0 {
                result.fixedPoints += 1
                result.overlapSum += 1
                continue
            }
            if !recall { continue }
            for i in 0..<n { s[i] = Double(spins[nu * n + i]) }
            let weights = fields.denseWeights()
            let converged = relax(weights: weights, count: n, fields: &h, state: &s, order: &order, rng: &rng)
            if !converged { result.unconverged += 1 }
            var dot = 0.0
            for i in 0..<n { dot += s[i] * Double(spins[nu * n + i]) }
            result.overlapSum += dot / Double(n)
        }
        return result
    }

    /// Asynchronous T = 0 dynamics in a fresh random order each sweep, until a sweep changes nothing
    /// (returns true) or `maxSweeps` (false). `fields` must hold h for `state` in the scale of `weights`
    /// (N x N row-major, symmetric, zero diagonal) and is kept up to date.
    static func relax(weights: [Double], count n: Int, fields: inout [Double], state: inout [Double],
                      order: inout [Int], rng: inout Xoshiro256) -> Bool {
        weights.withUnsafeBufferPointer { wBuf in
            fields.withUnsafeMutableBufferPointer { hBuf in
                state.withUnsafeMutableBufferPointer { sBuf in
                    guard let w = wBuf.baseAddress, let h = hBuf.baseAddress, let s = sBuf.baseAddress else { return true }
                    for _ in 0..<maxSweeps {
                        rng.shuffle(&order)
                        var flips = 0
                        for k in order where s[k] * h[k] < 0 {
                            let delta = -2 * s[k]
                            s[k] = -s[k]
                            let row = w + k * n
                            for j in 0..<n { h[j] += row[j] * delta }
                            flips += 1
                        }
                        if flips == 0 { return true }
                    }
                    return false
                }
            }
        }
    }
}

/// Local fields of a trial's network in each stored state, and its dense weights on demand.
private struct FieldSource {
    let rule: LearningRule
    let n: Int
    let p: Int
    let spins: [Int8]
    // Hebb
    private var overlapCounts: [Int32] = []  // C = ΞᵀΞ, p x p
    private var signMasks: [Int32] = []      // unit-major N x p: -1 where ξ_i^μ = -1, else 0
    private var negatives: [Int32] = []      // per unit: number of μ with ξ_i^μ = -1
    // Pseudo-inverse
    private var basis: [Double] = []          // Q, N x r row-major
    private var rank = 0
    private var diagonal: [Double] = []       // d_i = Σ_k Q_ik²
    private var projection: [Double] = []     // scratch Qᵀ ξ
    // Dense weights (Storkey from the start, others on demand)
    private var dense: [Double]? = nil

    init(rule: LearningRule, neurons n: Int, patterns p: Int, bits: [UInt64], spins: [Int8]) {
        self.rule = rule
        self.n = n
        self.p = p
        self.spins = spins
        switch rule {
        case .hebb:
            let words = (n + 63) / 64
            var c = [Int32](repeating: 0, count: p * p)
            for a in 0..<p {
                for b in a..<p {
                    var differ = 0
                    for w in 0..<words { differ &+= (bits[a * words + w] ^ bits[b * words + w]).nonzeroBitCount }
                    let v = Int32(n - 2 * differ)
                    c[a * p + b] = v
                    c[b * p + a] = v
                }
            }
            overlapCounts = c
            var masks = [Int32](repeating: 0, count: n * p)
            var neg = [Int32](repeating: 0, count: n)
            for mu in 0..<p {
                for i in 0..<n where spins[mu * n + i] < 0 {
                    masks[i * p + mu] = -1
                    neg[i] += 1
                }
            }
            signMasks = masks
            negatives = neg
        case .pinv:
            let patterns = (0..<p).map { Array(spins[($0 * n)..<(($0 + 1) * n)]) }
            let q = Learning.orthonormalBasis(patterns, count: n)
            basis = q.rows
            rank = q.rank
            diagonal = (0..<n).map { i in
                var d = 0.0
                for k in 0..<q.rank { d += q.rows[i * q.rank + k] * q.rows[i * q.rank + k] }
                return d
            }
            projection = [Double](repeating: 0, count: q.rank)
        case .storkey:
            let patterns = (0..<p).map { Array(spins[($0 * n)..<(($0 + 1) * n)]) }
            dense = Learning.storkey(patterns, count: n).values
        }
    }

    /// h_i in state ξ^ν for all i (Hebb: N h_i, exact integers).
    mutating func oneStepFields(pattern nu: Int, into h: inout [Double]) {
        let n = self.n, p = self.p
        switch rule {
        case .hebb:
            overlapCounts.withUnsafeBufferPointer { cBuf in
                signMasks.withUnsafeBufferPointer { mBuf in
                    guard let c = cBuf.baseAddress, let m = mBuf.baseAddress else { return }
                    let column = c + nu * p // row ν of the symmetric C
                    for i in 0..<n {
                        // Σ_μ ξ_i^μ C_μν with ξ = ±1 as a sign mask: x·ξ = (x XOR mask) − mask.
                        let row = m + i * p
                        var acc: Int32 = 0
                        for mu in 0..<p { acc &+= column[mu] ^ row[mu] }
                        let sum = Int(acc) + Int(negatives[i])
                        h[i] = Double(sum - p * Int(spins[nu * n + i]))
                    }
                }
            }
        case .pinv:
            let r = rank
            for k in 0..<r { projection[k] = 0 }
            for i in 0..<n {
                let x = Double(spins[nu * n + i])
                for k in 0..<r { projection[k] += basis[i * r + k] * x }
            }
            for i in 0..<n {
                var sum = 0.0
                for k in 0..<r { sum += basis[i * r + k] * projection[k] }
                h[i] = sum - diagonal[i] * Double(spins[nu * n + i])
            }
        case .storkey:
            let w = dense ?? []
            for i in 0..<n {
                var sum = 0.0
                for j in 0..<n { sum += w[i * n + j] * Double(spins[nu * n + j]) }
                h[i] = sum
            }
        }
    }

    /// The N x N weights, in the same scale as `oneStepFields` (built once, on first use).
    mutating func denseWeights() -> [Double] {
        if let dense { return dense }
        let n = self.n, p = self.p
        var w = [Double](repeating: 0, count: n * n)
        switch rule {
        case .hebb:
            // Unit-major bits: Σ_μ ξ_i^μ ξ_j^μ = p − 2·(number of μ where they differ).
            let words = (p + 63) / 64
            var unitBits = [UInt64](repeating: 0, count: n * words)
            for mu in 0..<p {
                for i in 0..<n where spins[mu * n + i] > 0 { unitBits[i * words + (mu >> 6)] |= UInt64(1) << UInt64(mu & 63) }
            }
            for i in 0..<n {
                for j in (i + 1)..<max(n, i + 1) {
                    var differ = 0
                    for k in 0..<words { differ &+= (unitBits[i * words + k] ^ unitBits[j * words + k]).nonzeroBitCount }
                    let v = Double(p - 2 * differ)
                    w[i * n + j] = v
                    w[j * n + i] = v
                }
            }
        case .pinv:
            let r = rank
            for i in 0..<n {
                for j in (i + 1)..<max(n, i + 1) {
                    var v = 0.0
                    for k in 0..<r { v += basis[i * r + k] * basis[j * r + k] }
                    w[i * n + j] = v
                    w[j * n + i] = v
                }
            }
        case .storkey:
            break // built in init
        }
        dense = w
        return w
    }
}
