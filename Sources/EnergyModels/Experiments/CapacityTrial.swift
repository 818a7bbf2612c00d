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
///   when p(N − 1) is even. The relaxation uses the integer matrix Σ_μ ξ_i^μ ξ_j^μ = p − 2·popcount.
/// - Pseudo-inverse, W = Q Qᵀ − diag with Q an orthonormal basis of the patterns (N x r):
///   h = Q (Qᵀ ξ) − d ∘ ξ, O(N r) per pattern.
/// - Storkey: dense, h = W ξ, O(N²) per pattern.
/// The dense matrix for the relaxation is built only when some pattern is not a fixed point. Scaling all
/// weights and fields by a positive factor changes no sign, so Hebb works with N h throughout.
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
        switch rule {
        case .hebb:
            var kernel = HebbKernel(neurons: n, patterns: p, bits: bits, spins: spins)
            return measure(kernel: &kernel, neurons: n, patterns: p, recall: recall, rng: &rng)
        case .pinv, .storkey:
            var kernel = RealKernel(rule: rule, neurons: n, patterns: p, spins: spins)
            return measure(kernel: &kernel, neurons: n, patterns: p, recall: recall, rng: &rng)
        }
    }

    /// The end state of the T = 0 relaxation from each stored pattern (the pattern itself when it is a fixed
    /// point), for tests that check the end states against the engine's network.
    static func relaxedStates(patterns: [[Int8]], neurons n: Int, rule: LearningRule, rng: inout Xoshiro256) -> [[Int8]] {
        var bits = [UInt64](repeating: 0, count: patterns.count * ((n + 63) / 64))
        var spins = [Int8](repeating: -1, count: patterns.count * n)
        for (mu, xi) in patterns.enumerated() {
            for i in 0..<n where xi[i] > 0 {
                spins[mu * n + i] = 1
                bits[mu * ((n + 63) / 64) + (i >> 6)] |= UInt64(1) << UInt64(i & 63)
            }
        }
        func ends<K: CapacityKernel>(_ kernel: inout K) -> [[Int8]] {
            patterns.indices.map { nu in
                if kernel.load(pattern: nu) > 0 { _ = kernel.relax(rng: &rng) }
                return kernel.currentState
            }
        }
        switch rule {
        case .hebb:
            var kernel = HebbKernel(neurons: n, patterns: patterns.count, bits: bits, spins: spins)
            return ends(&kernel)
        case .pinv, .storkey:
            var kernel = RealKernel(rule: rule, neurons: n, patterns: patterns.count, spins: spins)
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

/// What `CapacityTrial` needs from a rule: the one-step fields of each stored state, and a relaxation.
private protocol CapacityKernel {
    /// Sets the state to ξ^ν, computes all fields, returns the number of unstable units.
    mutating func load(pattern nu: Int) -> Int
    /// Runs T = 0 asynchronous dynamics from the loaded state; returns Σ_i s_i ξ_i^ν for the end state s
    /// and whether a fixed point was reached within `CapacityTrial.maxSweeps`.
    mutating func relax(rng: inout Xoshiro256) -> (dot: Int, converged: Bool)
    /// The current state as ±1.
    var currentState: [Int8] { get }
}

/// Hebb in exact 32-bit integers: fields are N h, the relaxation matrix 2 N w.
private struct HebbKernel: CapacityKernel {
    let n: Int
    let p: Int
    let spins: [Int8]                   // pattern-major p x N
    private let overlapCounts: [Int32]  // C = ΞᵀΞ, p x p
    private let signMasks: [Int32]      // unit-major N x p: -1 where ξ_i^μ = -1, else 0
    private let negatives: [Int32]      // per unit: number of μ with ξ_i^μ = -1
    private var weights: [Int32] = []  // 2 Σ_μ ξ_i^μ ξ_j^μ, N x N, zero diagonal (built on first relaxation)
    private var fields: [Int32]
    private var state: [Int32]
    private var order: [Int32]
    private var pattern = 0

    /// Precondition: N p < 2^30 (32-bit fields and doubled weights).
    init(neurons n: Int, patterns p: Int, bits: [UInt64], spins: [Int8]) {
        precondition(n * p < 1 << 30, "N and p too large for the integer Hebb kernel")
        self.n = n
        self.p = p
        self.spins = spins
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
        fields = [Int32](repeating: 0, count: n)
        state = [Int32](repeating: 0, count: n)
        order = (0..<Int32(n)).map { $0 }
    }

    var currentState: [Int8] { state.map { Int8($0) } }

    mutating func load(pattern nu: Int) -> Int {
        pattern = nu
        let n = self.n, p = self.p
        var unstable = 0
        overlapCounts.withUnsafeBufferPointer { cBuf in
            signMasks.withUnsafeBufferPointer { mBuf in
                negatives.withUnsafeBufferPointer { negBuf in
                    spins.withUnsafeBufferPointer { xBuf in
                        fields.withUnsafeMutableBufferPointer { hBuf in
                            state.withUnsafeMutableBufferPointer { sBuf in
                                guard let c = cBuf.baseAddress, let m = mBuf.baseAddress, let neg = negBuf.baseAddress,
                                      let x = xBuf.baseAddress, let h = hBuf.baseAddress, let s = sBuf.baseAddress else { return }
                                let column = c + nu * p // row ν of the symmetric C
                                let xi = x + nu * n
                                for i in 0..<n {
                                    // Σ_μ ξ_i^μ C_μν with ξ = ±1 as a sign mask: x·ξ = (x XOR mask) − mask.
                                    let row = m + i * p
                                    var acc: Int32 = 0
                                    for mu in 0..<p { acc &+= column[mu] ^ row[mu] }
                                    let si = Int32(xi[i])
                                    let hi = acc &+ neg[i] &- Int32(p) &* si
                                    h[i] = hi
                                    s[i] = si
                                    // Unstable: the T = 0 rule would change it (h = 0 keeps it).
                                    if si &* hi < 0 { unstable += 1 }
                                }
                            }
                        }
                    }
                }
            }
        }
        return unstable
    }

    mutating func relax(rng: inout Xoshiro256) -> (dot: Int, converged: Bool) {
        if weights.isEmpty { buildWeights() }
        let n = self.n
        var converged = false
        weights.withUnsafeBufferPointer { wBuf in
            fields.withUnsafeMutableBufferPointer { hBuf in
                state.withUnsafeMutableBufferPointer { sBuf in
                    order.withUnsafeMutableBufferPointer { oBuf in
                        guard let w = wBuf.baseAddress, let h = hBuf.baseAddress, let s = sBuf.baseAddress,
                              let order = oBuf.baseAddress else { return }
                        for _ in 0..<CapacityTrial.maxSweeps {
                            CapacityTrial.shuffle(order, count: n, rng: &rng)
                            var flips = 0
                            for position in 0..<n {
                                let k = Int(order[position])
                                guard s[k] &* h[k] < 0 else { continue }
                                let row = w + k * n
                                // s_k: +1 → −1 changes N h_j by −2 v_jk, −1 → +1 by +2 v_jk (rows hold 2 v).
                                if s[k] > 0 {
                                    for j in 0..<n { h[j] &-= row[j] }
                                } else {
                                    for j in 0..<n { h[j] &+= row[j] }
                                }
                                s[k] = -s[k]
                                flips += 1
                            }
                            if flips == 0 { converged = true; return }
                        }
                    }
                }
            }
        }
        var dot = 0
        for i in 0..<n { dot += Int(state[i]) * Int(spins[pattern * n + i]) }
        return (dot, converged)
    }

    /// 2 v_ij = 2 Σ_μ ξ_i^μ ξ_j^μ = 2(p − 2·popcount(x_i XOR x_j)) over unit-major bits: the upper triangle
    /// row by row, then mirrored in 64 x 64 blocks so that the transposed writes stay in cache. (16-bit
    /// weights and fields execute fewer instructions but measured slower here, so both are 32-bit.)
    private mutating func buildWeights() {
        let n = self.n, p = self.p
        let words = (p + 63) / 64
        var unitBits = [UInt64](repeating: 0, count: n * words)
        for mu in 0..<p {
            for i in 0..<n where spins[mu * n + i] > 0 { unitBits[i * words + (mu >> 6)] |= UInt64(1) << UInt64(mu & 63) }
        }
        var w = [Int32](repeating: 0, count: n * n)
        unitBits.withUnsafeBufferPointer { bBuf in
            w.withUnsafeMutableBufferPointer { wBuf in
                guard let b = bBuf.baseAddress, let out = wBuf.baseAddress else { return }
                for i in 0..<n {
                    let bi = b + i * words
                    let row = out + i * n
                    var j = i + 1
                    while j < n {
                        let bj = b + j * words
                        var differ = 0
                        for k in 0..<words { differ &+= (bi[k] ^ bj[k]).nonzeroBitCount }
                        row[j] = Int32(truncatingIfNeeded: 2 * (p - 2 * differ))
                        j += 1
                    }
                }
                let block = 64
                var ib = 0
                while ib < n {
                    var jb = ib
                    while jb < n {
                        for i in ib..<min(ib + block, n) {
                            for j in max(jb, i + 1)..<max(min(jb + block, n), i + 1) { out[j * n + i] = out[i * n + j] }
                        }
                        jb += block
                    }
                    ib += block
                }
            }
        }
        weights = w
    }
}

/// Pseudo-inverse and Storkey in floating point.
private struct RealKernel: CapacityKernel {
    /// Fields within this of zero count as ties (the unit stays). Both rules have O(1) fields in a stored
    /// state, and the pseudo-inverse at full rank (p = N, W = I − diag, so every h_i is 0 in exact
    /// arithmetic) would otherwise flip units on rounding noise of order 1e-15.
    static let tieTolerance = 1e-9

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

    init(rule: LearningRule, neurons n: Int, patterns p: Int, spins: [Int8]) {
        self.rule = rule
        self.n = n
        self.p = p
        self.spins = spins
        let patterns = (0..<p).map { Array(spins[($0 * n)..<(($0 + 1) * n)]) }
        if rule == .storkey {
            weights = Learning.storkey(patterns, count: n).values
        } else {
            let q = Learning.orthonormalBasis(patterns, count: n)
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
        for i in 0..<n where state[i] * fields[i] < -Self.tieTolerance { unstable += 1 }
        return unstable
    }

    mutating func relax(rng: inout Xoshiro256) -> (dot: Int, converged: Bool) {
        if weights.isEmpty { buildWeights() }
        let n = self.n
        var converged = false
        weights.withUnsafeBufferPointer { wBuf in
            fields.withUnsafeMutableBufferPointer { hBuf in
                state.withUnsafeMutableBufferPointer { sBuf in
                    order.withUnsafeMutableBufferPointer { oBuf in
                        guard let w = wBuf.baseAddress, let h = hBuf.baseAddress, let s = sBuf.baseAddress,
                              let order = oBuf.baseAddress else { return }
                        for _ in 0..<CapacityTrial.maxSweeps {
                            CapacityTrial.shuffle(order, count: n, rng: &rng)
                            var flips = 0
                            for position in 0..<n {
                                let k = Int(order[position])
                                guard s[k] * h[k] < -Self.tieTolerance else { continue }
                                let delta = -2 * s[k]
                                s[k] = -s[k]
                                let row = w + k * n
                                for j in 0..<n { h[j] += row[j] * delta }
                                flips += 1
                            }
                            if flips == 0 { converged = true; return }
                        }
                    }
                }
            }
        }
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
