import Foundation

/// A dense associative memory on N ±1 units with p stored memories ξ^μ (Krotov and Hopfield 2016;
/// Demircigil et al. 2017): E(s) = −Σ_μ F(a_μ) with the overlaps a_μ = ξ^μ·s, normalised as
/// - `polynomial(n)`: E = −(1 / (2N^(n−1))) Σ_μ a_μⁿ, so `polynomial(2)` is the Hebbian energy minus p/2 and
///   the heat-bath dynamics of both agree at every temperature, and a flip costs O(1) energy at any n;
/// - `rectifiedPolynomial(n)`: the same with max(a_μ, 0)ⁿ;
/// - `exponential`: E = −ln Σ_μ exp(a_μ), a monotone function of −Σ_μ exp(a_μ), so the same T = 0 dynamics.
///
/// The overlaps are kept current: flipping unit k changes each by −2 ξ^μ_k s_k, O(p). A decision on unit k
/// needs the flip gap E(s with k flipped) − E(s), O(p) from the overlaps; a sweep costs O(N p), with no
/// N² storage. The dynamics are the `EnergyModel` defaults on `energyGap`: the T = 0 rule flips a unit when
/// its gap is negative and leaves it on a tie (gap exactly 0); T > 0 draws the unit from its exact
/// conditional, P(s_k = +1) = σ((E(−) − E(+)) / T).
///
/// Exactness: polynomial gaps are integers (times the constant 1/(2N^(n−1))) summed exactly in 128 bits from
/// terms below Nⁿ ≤ 2^63 − 1, which the initialiser checks, so signs and ties are exact. Exponential gaps are
/// computed with the max-shift exp(a_μ − max a) from a table of e^(−d), d = 0…2N (no overflow, no NaN); the
/// sign is taken from Double only when it exceeds a rounding bound, otherwise the flip is an exact tie exactly
/// when it permutes the multiset of overlaps (e is transcendental, so Σ_c n_c e^c = Σ_c n'_c e^c for integer
/// counts only if n = n'), which is checked in integers. A non-tie closer to zero than the rounding bound
/// (|ΔE| below about 1e-15 · p) is decided by the rounded value.
public struct DenseAssociativeMemory: EnergyModel {
    public let count: Int
    public let separation: Separation
    /// The memories, as given.
    public let patterns: [StoredPattern]
    /// ±1 values.
    public private(set) var state: [Double]
    /// a_μ = ξ^μ·s.
    public private(set) var overlapSums: [Int32]
    /// E(state).
    public private(set) var energy: Double = 0

    /// ξ^μ_k at k · p + μ (unit-major, so a decision reads one contiguous row).
    let memoryRows: [Int8]
    /// Polynomial: at 2(a + N) the gap term of a memory agreeing with s_k, G(a − 1); at 2(a + N) + 1 that of a
    /// disagreeing one, −G(a + 1); G(b) = F(b + 1) − F(b − 1). Unreachable entries are 0.
    let gapTerms: [Int64]
    /// Polynomial: F(a) at a + N.
    let powers: [Int64]
    /// Polynomial: how many terms fit an Int64 sum (Int64.max / max |G|).
    let blockLength: Int
    /// Exponential: e^(−d) at d = 0…2N.
    let decay: [Double]
    /// Polynomial: Σ_μ F(a_μ), exact.
    var powerSum = WideSum()
    /// Exponential: max_μ a_μ.
    var largestOverlap: Int32 = 0

    /// Checks the parameters; the message names the problem. 1 ≤ N ≤ 2^20, p ≥ 1, and for polynomials
    /// Nⁿ ≤ 2^63 − 1 (N = 1000 allows n ≤ 6, N = 100 allows n ≤ 9).
    public static func validate(count n: Int, patterns: Int, separation: Separation) throws {
        // Overlaps are Int32 and the tables have 2N + 1 entries: 2^20 units keeps both far from any limit.
        guard (1...(1 << 20)).contains(n) else { throw ExperimentError("a dense associative memory needs 1 to 2^20 units (got \(n))") }
        guard patterns >= 1 else { throw ExperimentError("a dense associative memory needs at least 1 memory") }
        switch separation {
        case .polynomial(let d), .rectifiedPolynomial(let d):
            guard d >= 2 else { throw ExperimentError("poly:n and rpoly:n need n ≥ 2 (got \(d))") }
            guard power(n, d) != nil else {
                throw ExperimentError("\(separation.interaction.name) on \(n) units: Nⁿ exceeds 2^63, so the decisions could not be exact; use a smaller n or fewer units")
            }
        case .exponential:
            break
        }
    }

    /// xⁿ, or nil if it overflows Int64.
    static func power(_ x: Int, _ n: Int) -> Int64? {
        var r: Int64 = 1
        for _ in 0..<n {
            let (v, o) = r.multipliedReportingOverflow(by: Int64(x))
            if o { return nil }
            r = v
        }
        return r
    }

    /// Stores `patterns` (±1 entries, each of length `count`); the state starts at all −1.
    public init(count n: Int, patterns: [StoredPattern], separation: Separation) throws {
        try Self.validate(count: n, patterns: patterns.count, separation: separation)
        guard patterns.allSatisfy({ $0.spins.count == n && $0.spins.allSatisfy { $0 == 1 || $0 == -1 } }) else {
            throw ExperimentError("every memory must have \(n) entries of ±1")
        }
        let p = patterns.count
        self.count = n
        self.separation = separation
        self.patterns = patterns
        var rows = [Int8](repeating: 0, count: n * p)
        for (mu, pattern) in patterns.enumerated() {
            for k in 0..<n { rows[k * p + mu] = pattern.spins[k] }
        }
        memoryRows = rows
        switch separation {
        case .polynomial(let d), .rectifiedPolynomial(let d):
            let rectified: Bool
            if case .rectifiedPolynomial = separation { rectified = true } else { rectified = false }
            // F(x) for x in −N…N; every value fits (validated), and so does every G(b) = F(b+1) − F(b−1) for
            // reachable b (|b| ≤ N − 1): both powers lie in [−Nⁿ, Nⁿ] with the same sign or one of them 0
            // unless n is odd, where G ≥ 0 is at most Nⁿ − (N − 2)ⁿ.
            let f: [Int64] = (-n...n).map { x in rectified && x < 0 ? 0 : (Self.power(x, d) ?? 0) }
            func g(_ b: Int) -> Int64 { f[b + 1 + n] - f[b - 1 + n] }
            var terms = [Int64](repeating: 0, count: 2 * (2 * n + 1))
            var largest: Int64 = 1
            for a in -n...n {
                // A memory agreeing with s_k has a ≥ −N + 2; a disagreeing one a ≤ N − 2.
                if a >= -n + 2 { terms[2 * (a + n)] = g(a - 1) }
                if a <= n - 2 { terms[2 * (a + n) + 1] = -g(a + 1) }
                largest = max(largest, abs(terms[2 * (a + n)]), abs(terms[2 * (a + n) + 1]))
            }
            gapTerms = terms
            powers = f
            blockLength = max(1, Int(Int64.max / largest))
            decay = []
        case .exponential:
            gapTerms = []
            powers = []
            blockLength = 0
            decay = (0...(2 * n)).map { Foundation.exp(-Double($0)) }
        }
        state = [Double](repeating: -1, count: n)
        overlapSums = []
        recomputeOverlaps()
    }

    public var memoryCount: Int { patterns.count }
    public var units: UnitConvention { .spin }
    public var interaction: Interaction { separation.interaction }

    /// 1/(2N^(n−1)) for polynomials: E = −c Σ F(a_μ).
    var energyScale: Double {
        switch separation {
        case .polynomial(let d), .rectifiedPolynomial(let d): 0.5 / pow(Double(count), Double(d - 1))
        case .exponential: 1
        }
    }

    // MARK: - State

    /// Replaces the state (values > 0 are +1, the rest −1) and recomputes the overlaps: O(N p).
    public mutating func setState(_ newState: [Double]) {
        precondition(newState.count == count, "one value per unit")
        state = newState.map { $0 > 0 ? 1 : -1 }
        recomputeOverlaps()
    }

    /// m_μ = a_μ / N.
    public var overlaps: [Double] { overlapSums.map { Double($0) / Double(count) } }

    mutating func recomputeOverlaps() {
        let p = patterns.count
        var a = [Int32](repeating: 0, count: p)
        for k in 0..<count {
            let s = Int32(state[k])
            let base = k * p
            for mu in 0..<p { a[mu] &+= Int32(memoryRows[base + mu]) &* s }
        }
        overlapSums = a
        refreshEnergy()
    }

    /// Recomputes the energy from the overlaps, O(p): exact Σ F(a_μ) (polynomial) or the max-shifted sum.
    mutating func refreshEnergy() {
        switch separation {
        case .polynomial, .rectifiedPolynomial:
            var sum = WideSum()
            for a in overlapSums { sum.add(powers[Int(a) + count]) }
            powerSum = sum
            energy = -energyScale * sum.doubleValue
        case .exponential:
            let m = overlapSums.max() ?? 0
            largestOverlap = m
            var z = 0.0
            for a in overlapSums { z += decay[Int(m - a)] }
            energy = -(Double(m) + Foundation.log(z))
        }
    }

    /// E(state) recomputed from the definition, without any kept sums (for tests).
    public func recomputedEnergy() -> Double {
        Self.energy(of: state, patterns: patterns, separation: separation)
    }

    /// E(s) from the definition: O(N p).
    public static func energy(of s: [Double], patterns: [StoredPattern], separation: Separation) -> Double {
        let n = s.count
        let a = patterns.map { p in zip(p.spins, s).reduce(0.0) { $0 + Double($1.0) * $1.1 } }
        switch separation {
        case .polynomial(let d):
            return -a.reduce(0) { $0 + pow($1, Double(d)) } / (2 * pow(Double(n), Double(d - 1)))
        case .rectifiedPolynomial(let d):
            return -a.reduce(0) { $0 + pow(max($1, 0), Double(d)) } / (2 * pow(Double(n), Double(d - 1)))
        case .exponential:
            let m = a.max() ?? 0
            return -(m + Foundation.log(a.reduce(0) { $0 + Foundation.exp($1 - m) }))
        }
    }

    // MARK: - Flip gaps

    /// E(s with unit k flipped) − E(s), with its exact sign (−1: the flip lowers the energy, 0: a tie).
    public func flipGap(_ k: Int) -> (gap: Double, sign: Int) {
        switch separation {
        case .polynomial, .rectifiedPolynomial:
            let d = polynomialGap(k)
            return (energyScale * d.doubleValue, d.signum)
        case .exponential:
            return exponentialGap(k)
        }
    }

    /// Σ_{μ agreeing with s_k} G(a_μ − 1) − Σ_{μ disagreeing} G(a_μ + 1), the flip gap in units of 1/(2N^(n−1)),
    /// summed exactly: blocks of at most `blockLength` terms in Int64, blocks added in 128 bits.
    func polynomialGap(_ k: Int) -> WideSum {
        let p = patterns.count, n = count
        let s = Int8(state[k])
        var total = WideSum()
        memoryRows.withUnsafeBufferPointer { rows in
            gapTerms.withUnsafeBufferPointer { terms in
                overlapSums.withUnsafeBufferPointer { a in
                    let row = rows.baseAddress! + k * p
                    var start = 0
                    while start < p {
                        let end = min(p, start + blockLength)
                        var block: Int64 = 0
                        for mu in start..<end {
                            // 0 when ξ^μ_k = s_k, 1 otherwise.
                            let disagrees = Int(row[mu] != s ? 1 : 0)
                            block &+= terms[2 * (Int(a[mu]) + n) + disagrees]
                        }
                        total.add(block)
                        start = end
                    }
                }
            }
        }
        return total
    }

    /// The exponential flip gap −ln(Z'/Z), Z = Σ_μ e^(a_μ − m): memories agreeing with s_k (sum A) lose 2 of
    /// overlap, the others (sum D) gain 2, so Z' = e^(−2) A + e² D and Z' − Z = (e² − 1) D − (1 − e^(−2)) A.
    func exponentialGap(_ k: Int) -> (gap: Double, sign: Int) {
        let p = patterns.count
        let s = Int8(state[k])
        let m = largestOverlap
        // Four independent pairs of sums, so consecutive additions do not wait for each other (the rounding
        // bound below holds for any order of summing positive terms).
        var agree = SIMD4<Double>(repeating: 0), disagree = SIMD4<Double>(repeating: 0)
        memoryRows.withUnsafeBufferPointer { rows in
            overlapSums.withUnsafeBufferPointer { a in
                decay.withUnsafeBufferPointer { e in
                    let row = rows.baseAddress! + k * p
                    func lanes(_ mu: Int) -> (w: SIMD4<Double>, agrees: SIMDMask<SIMD4<Int64>>) {
                        let w = SIMD4(e[Int(m - a[mu])], e[Int(m - a[mu + 1])], e[Int(m - a[mu + 2])], e[Int(m - a[mu + 3])])
                        let r = SIMD4<Int64>(Int64(row[mu]), Int64(row[mu + 1]), Int64(row[mu + 2]), Int64(row[mu + 3]))
                        return (w, r .== SIMD4(repeating: Int64(s)))
                    }
                    var mu = 0
                    while mu + 4 <= p {
                        let (w, agrees) = lanes(mu)
                        agree += w.replacing(with: 0, where: .!agrees)
                        disagree += w.replacing(with: 0, where: agrees)
                        mu += 4
                    }
                    while mu < p {
                        let w = e[Int(m - a[mu])]
                        if row[mu] == s { agree[0] += w } else { disagree[0] += w }
                        mu += 1
                    }
                }
            }
        }
        let agreeSum = agree.sum(), disagreeSum = disagree.sum()
        let up = Self.eSquaredMinusOne * disagreeSum, down = Self.oneMinusEMinusTwo * agreeSum
        let change = up - down
        // Each sum of p positive terms (each within half an ulp) is within (p + 1) u of its value; the two
        // constants, products and the difference add a few u more: 8 (p + 8) u of (up + down) bounds it all.
        let bound = (Double(p) + 8) * 4 * Double.ulpOfOne * (up + down)
        var sign = change > 0 ? -1 : 1
        if abs(change) <= bound {
            if flipPermutesOverlaps(k) { return (0, 0) }
            sign = change > 0 ? -1 : (change < 0 ? 1 : 0)
        }
        let gap = -Foundation.log1p(change / (agreeSum + disagreeSum))
        return (sign == 0 ? 0 : gap, sign)
    }

    static let eSquaredMinusOne = Foundation.expm1(2.0)
    static let oneMinusEMinusTwo = -Foundation.expm1(-2.0)

    /// Whether flipping unit k leaves the multiset of overlaps unchanged (then E is exactly unchanged for
    /// every F). Integer histogram, O(p + N).
    func flipPermutesOverlaps(_ k: Int) -> Bool {
        let p = patterns.count, n = count
        let s = Int32(state[k])
        var histogram = [Int32](repeating: 0, count: 2 * n + 5)
        for mu in 0..<p {
            let a = overlapSums[mu]
            let moved = a - 2 * Int32(memoryRows[k * p + mu]) * s
            histogram[Int(a) + n + 2] -= 1
            histogram[Int(moved) + n + 2] += 1
        }
        return histogram.allSatisfy { $0 == 0 }
    }

    // MARK: - Changes and updates

    /// Flips unit k: overlaps and energy in O(p).
    mutating func flipUnit(_ k: Int) {
        let p = patterns.count, n = count
        let twoS = 2 * Int32(state[k])
        let polynomial: Bool
        if case .exponential = separation { polynomial = false } else { polynomial = true }
        var change = WideSum()
        memoryRows.withUnsafeBufferPointer { rows in
            powers.withUnsafeBufferPointer { f in
                overlapSums.withUnsafeMutableBufferPointer { a in
                    let row = rows.baseAddress! + k * p
                    guard polynomial else {
                        for mu in 0..<p { a[mu] &-= twoS &* Int32(row[mu]) }
                        return
                    }
                    // One pass: each overlap moves by ±2 and Σ F by F(a') − F(a), a term of the gap table's size,
                    // so blocks of `blockLength` terms cannot overflow Int64.
                    var start = 0
                    while start < p {
                        let end = min(p, start + blockLength)
                        var block: Int64 = 0
                        for mu in start..<end {
                            let old = a[mu]
                            let new = old &- twoS &* Int32(row[mu])
                            a[mu] = new
                            block &+= f[Int(new) + n] &- f[Int(old) + n]
                        }
                        change.add(block)
                        start = end
                    }
                }
            }
        }
        state[k] = -state[k]
        if polynomial {
            powerSum.add(change)
            energy = -energyScale * powerSum.doubleValue
        } else {
            refreshEnergy()
        }
    }

    /// Sets unit k to ±1 (values > 0 are +1).
    public mutating func set(_ k: Int, to value: Double) {
        if (value > 0) != (state[k] > 0) { flipUnit(k) }
    }

    /// g_k = E(s_k = −1) − E(s_k = +1) = s_k · (flip gap), with the flip gap's exact sign (0 on a tie), so the
    /// protocol's T = 0 rule and heat-bath draw (P(up) = σ(g_k/T)) act on exact decisions. For poly:2 it is
    /// bit for bit the Hebbian network's 2h_k.
    public func energyGap(_ k: Int) -> Double { state[k] * flipGap(k).gap }

    /// Largest disagreement between the kept overlaps and energy and a recomputation (∞ if an overlap drifted).
    public func invariantError() -> Double {
        var copy = self
        copy.recomputeOverlaps()
        return copy.overlapSums == overlapSums ? abs(copy.energy - energy) : .infinity
    }
}
