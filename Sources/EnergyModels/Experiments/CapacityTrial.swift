import Foundation

/// The raw counts of one capacity trial: p random patterns stored on N units with one rule.
public struct CapacityTrialResult: Sendable, Equatable {
    public var neurons: Int
    public var patterns: Int
    /// (pattern, unit) pairs unstable in one step: unit i of ξ^μ would flip if updated in state ξ^μ.
    public var unstableBits: Int
    /// Stored patterns that are exact fixed points (no unstable unit).
    public var fixedPoints: Int
    /// Whether the T = 0 relaxations ran (otherwise the overlaps are not measured).
    public var recallMeasured: Bool
    /// Σ_μ Σ_i s_i ξ_i^μ over the T = 0 end states s reached from each ξ^μ: an integer, so that pooled overlaps
    /// are one exact division (no rounding noise in the printed numbers).
    public var overlapDotSum: Int
    /// Σ_μ of the overlap (1/N) Σ_i s_i ξ_i^μ; NaN when recall was not measured.
    public var overlapSum: Double { recallMeasured ? Double(overlapDotSum) / Double(neurons) : .nan }
    /// Relaxations stopped by the sweep limit before a fixed point (expected 0; see `CapacityTrial.maxSweeps`).
    public var unconverged: Int
}

/// One capacity trial, written for speed: exact integer arithmetic for Hebb, no allocation per update.
///
/// For every stored pattern ξ^ν it computes all N local fields in the state ξ^ν (the one-step test),
/// and, when some unit is unstable, runs asynchronous T = 0 dynamics in random order (a fresh permutation
/// each sweep, a tie h = 0 leaving the unit as it is) to a fixed point, with every field kept up to date:
/// a flip of unit k adds w_jk δ to each h_j, O(N) per flip, and a sweep without flips costs O(N).
///
/// Fields in state ξ^ν:
/// - Hebb, w_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ (i ≠ j): with C = ΞᵀΞ (p x p, integers, from bit-packed patterns by
///   XOR and popcount), N h_i = Σ_μ ξ_i^μ C_μν − p ξ_i^ν. This is the low-rank form, O(N p) per pattern,
///   and exact in 32-bit integers (|N h_i| ≤ N p), so a tie h_i = 0 is detected exactly; it can happen only
///   when p(N − 1) is even. The relaxation uses the integer matrix 2 Σ_μ ξ_i^μ ξ_j^μ = 2(p − 2·popcount).
/// - Pseudo-inverse, W = Q Qᵀ − diag with Q an orthonormal basis of the patterns (N x r):
///   h = Q (Qᵀ ξ) − d ∘ ξ, O(N r) per pattern.
/// - Storkey: dense, h = W ξ, O(N²) per pattern.
///   A tie is an exactly zero field, as everywhere (`ZeroTemperatureRule`); at full rank the pseudo-inverse
///   weights are exactly zero (`Learning.projectionFactor`), so every unit is tied there.
/// The dense matrix for the relaxation is built only when some pattern is not a fixed point. Scaling all
/// weights and fields by a positive factor changes no sign, so Hebb works with N h throughout.
public enum CapacityTrial {
    /// Sweep limit for one relaxation. Asynchronous T = 0 dynamics with symmetric weights always reach a
    /// fixed point (each flip lowers the energy), typically in a few sweeps; this only bounds the worst case.
    public static let maxSweeps = 10_000

    /// Runs one trial. `rng` draws the patterns (N bits each, 64 per draw) and then the update orders.
    /// Preconditions: N ≥ 2, p ≥ 1.
    public static func run(neurons n: Int, patterns p: Int, kind: NetworkKind, recall: Bool = true,
                           rng: inout Xoshiro256) -> CapacityTrialResult {
        precondition(n >= 2 && p >= 1, "a capacity trial needs N ≥ 2 units and p ≥ 1 patterns")
        let patterns = RandomPatterns.make(count: p, neurons: n, rng: &rng)
        switch kind {
        case .pairwise(let rule): return measure(patterns: patterns, neurons: n, rule: rule, recall: recall, rng: &rng)
        }
    }

    /// Measures given ±1 patterns (each of length N); `rng` draws the update orders of the relaxations.
    /// With `recall` false only the one-step test runs and `overlapSum` is NaN (much cheaper above capacity).
    /// Preconditions: N ≥ 2, at least one pattern, every entry ±1.
    public static func measure(patterns: [[Int8]], neurons n: Int, rule: LearningRule, recall: Bool = true,
                               rng: inout Xoshiro256) -> CapacityTrialResult {
        let p = patterns.count
        precondition(n >= 2 && p >= 1 && patterns.allSatisfy { $0.count == n }, "need N ≥ 2 and patterns of N entries")
        let packed = PackedPatterns(patterns, neurons: n)
        switch rule {
        case .hebb:
            var kernel = HebbKernel(packed)
            return measure(kernel: &kernel, neurons: n, patterns: p, recall: recall, rng: &rng)
        case .pinv, .storkey:
            var kernel = RealKernel(rule: rule, packed)
            return measure(kernel: &kernel, neurons: n, patterns: p, recall: recall, rng: &rng)
        }
    }

    /// The end state of the T = 0 relaxation from each stored pattern (the pattern itself when it is a fixed
    /// point), for tests that check the end states against the engine's network.
    static func relaxedStates(patterns: [[Int8]], neurons n: Int, rule: LearningRule, rng: inout Xoshiro256) -> [[Int8]] {
        let packed = PackedPatterns(patterns, neurons: n)
        func ends<K: CapacityKernel>(_ kernel: inout K) -> [[Int8]] {
            patterns.indices.map { nu in
                if kernel.load(pattern: nu) > 0 { _ = kernel.relax(rng: &rng) }
                return kernel.currentState
            }
        }
        switch rule {
        case .hebb:
            var kernel = HebbKernel(packed)
            return ends(&kernel)
        case .pinv, .storkey:
            var kernel = RealKernel(rule: rule, packed)
            return ends(&kernel)
        }
    }

    private static func measure<K: CapacityKernel>(kernel: inout K, neurons n: Int, patterns p: Int, recall: Bool,
                                                   rng: inout Xoshiro256) -> CapacityTrialResult {
        var result = CapacityTrialResult(neurons: n, patterns: p, unstableBits: 0, fixedPoints: 0,
                                         recallMeasured: recall, overlapDotSum: 0, unconverged: 0)
        for nu in 0..<p {
            let unstable = kernel.load(pattern: nu)
            result.unstableBits += unstable
            if unstable == 0 {
                result.fixedPoints += 1
                if recall { result.overlapDotSum += n }
                continue
            }
            if !recall { continue }
            let (dot, converged) = kernel.relax(rng: &rng)
            if !converged { result.unconverged += 1 }
            result.overlapDotSum += dot
        }
        return result
    }

    /// Fisher-Yates on a raw buffer. Each index is drawn by Lemire's multiply-shift with rejection from 16
    /// random bits (4 per generator call) when count ≤ 2^16, else from 32 bits (2 per call), so the
    /// permutation is exactly uniform with a quarter or half of the generator calls of
    /// `Xoshiro256.nextInt(below:)`: relaxations above capacity take tens of sweeps, and the shuffle is a
    /// large part of each. Precondition: count < 2^32.
    @inline(__always)
    static func shuffle(_ order: UnsafeMutablePointer<Int32>, count: Int, rng: inout Xoshiro256) {
        let width: UInt64 = count <= 1 << 16 ? 16 : 32
        let mask: UInt64 = (1 << width) - 1
        let perCall = Int(64 / width)
        var pool: UInt64 = 0
        var left = 0
        var i = count - 1
        while i > 0 {
            let bound = UInt64(i + 1)
            var j = 0
            while true {
                if left == 0 { pool = rng.next(); left = perCall }
                let m = (pool & mask) &* bound
                pool >>= width
                left -= 1
                let low = m & mask
                // Accept unless low falls in the (2^width mod bound) values that would bias the result.
                if low >= bound || low >= ((mask &+ 1) &- bound) % bound {
                    j = Int(m >> width)
                    break
                }
            }
            let t = order[i]
            order[i] = order[j]
            order[j] = t
            i -= 1
        }
    }
}

/// The fields and weights of a relaxation kernel: exact Int32 (Hebb: N h and rows of 2N w) or Double (w).
protocol RelaxationScalar: SignedNumeric, Comparable {
    /// h_j += the change of h_j when unit k flips away from `s` (±1), for j < n; `row` is row k of the weights.
    static func addFlip(to h: UnsafeMutablePointer<Self>, row: UnsafePointer<Self>, from s: Self, count n: Int)
    /// `ZeroTemperatureRule.changes(spin:field:)`.
    static func changes(spin s: Self, field h: Self) -> Bool
}

extension Int32: RelaxationScalar {
    /// Rows hold 2v: s_k = +1 → −1 changes N h_j by −2 v_jk, −1 → +1 by +2 v_jk.
    @inline(__always)
    static func addFlip(to h: UnsafeMutablePointer<Int32>, row: UnsafePointer<Int32>, from s: Int32, count n: Int) {
        if s > 0 {
            for j in 0..<n { h[j] &-= row[j] }
        } else {
            for j in 0..<n { h[j] &+= row[j] }
        }
    }

    @inline(__always)
    static func changes(spin s: Int32, field h: Int32) -> Bool { ZeroTemperatureRule.changes(spin: s, field: h) }
}

extension Double: RelaxationScalar {
    /// Rows hold w: the change is δ w_jk with δ = −2 s_k.
    @inline(__always)
    static func addFlip(to h: UnsafeMutablePointer<Double>, row: UnsafePointer<Double>, from s: Double, count n: Int) {
        let delta = -2 * s
        for j in 0..<n { h[j] += row[j] * delta }
    }

    @inline(__always)
    static func changes(spin s: Double, field h: Double) -> Bool { ZeroTemperatureRule.changes(spin: s, field: h) }
}

extension CapacityTrial {
    /// Asynchronous T = 0 dynamics from the state `s` (±1) with fields `h` kept up to date: sweeps in a fresh
    /// random order (`shuffle`), each unit the rule would change flipped and its row added to the fields, until a
    /// sweep changes nothing (returns true) or `maxSweeps` sweeps have run (false).
    @inline(__always)
    static func relax<T: RelaxationScalar>(weights w: UnsafePointer<T>, fields h: UnsafeMutablePointer<T>,
                                           state s: UnsafeMutablePointer<T>, order: UnsafeMutablePointer<Int32>,
                                           count n: Int, rng: inout Xoshiro256) -> Bool {
        for _ in 0..<maxSweeps {
            shuffle(order, count: n, rng: &rng)
            var flips = 0
            for position in 0..<n {
                let k = Int(order[position])
                guard T.changes(spin: s[k], field: h[k]) else { continue }
                T.addFlip(to: h, row: w + k * n, from: s[k], count: n)
                s[k] = -s[k]
                flips += 1
            }
            if flips == 0 { return true }
        }
        return false
    }

    /// `relax` on a kernel's arrays (N x N weights, N fields, N states, N order slots).
    static func relax<T: RelaxationScalar>(weights: [T], fields: inout [T], state: inout [T], order: inout [Int32],
                                           rng: inout Xoshiro256) -> Bool {
        let n = fields.count
        return weights.withUnsafeBufferPointer { w in
            fields.withUnsafeMutableBufferPointer { h in
                state.withUnsafeMutableBufferPointer { s in
                    order.withUnsafeMutableBufferPointer { o in
                        guard let w = w.baseAddress, let h = h.baseAddress, let s = s.baseAddress, let o = o.baseAddress else { return true }
                        return relax(weights: w, fields: h, state: s, order: o, count: n, rng: &rng)
                    }
                }
            }
        }
    }
}

/// What `CapacityTrial` needs from a rule: the one-step fields of each stored state, and a relaxation.
protocol CapacityKernel {
    /// Sets the state to ξ^ν, computes all fields, returns the number of unstable units.
    mutating func load(pattern nu: Int) -> Int
    /// Runs T = 0 asynchronous dynamics from the loaded state; returns Σ_i s_i ξ_i^ν for the end state s
    /// and whether a fixed point was reached within `CapacityTrial.maxSweeps`.
    mutating func relax(rng: inout Xoshiro256) -> (dot: Int, converged: Bool)
    /// The current state as ±1.
    var currentState: [Int8] { get }
}

/// Patterns laid out for the kernels: pattern-major ±1 spins and bits (bit set = +1, 64 units per word).
struct PackedPatterns {
    let neurons: Int
    let count: Int
    let words: Int
    /// spins[μ N + i] = ξ_i^μ.
    let spins: [Int8]
    /// bits[μ words + i / 64] has bit i % 64 set when ξ_i^μ = +1.
    let bits: [UInt64]

    init(_ patterns: [[Int8]], neurons n: Int) {
        let p = patterns.count
        let words = (n + 63) / 64
        var bits = [UInt64](repeating: 0, count: p * words)
        var spins = [Int8](repeating: -1, count: p * n)
        for (mu, xi) in patterns.enumerated() {
            for i in 0..<n where xi[i] > 0 {
                spins[mu * n + i] = 1
                bits[mu * words + (i >> 6)] |= UInt64(1) << UInt64(i & 63)
            }
        }
        self.neurons = n
        self.count = p
        self.words = words
        self.spins = spins
        self.bits = bits
    }
}
