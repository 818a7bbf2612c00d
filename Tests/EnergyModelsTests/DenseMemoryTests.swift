import EnergyModels
import Foundation
import XCTest

/// p random unbiased memories of length n as stored patterns.
func randomMemories(_ p: Int, count n: Int, seed: UInt64) -> [StoredPattern] {
    randomPatterns(p, count: n, seed: seed).enumerated().map { StoredPattern(name: "m\($0.offset)", spins: $0.element) }
}

/// One sweep as `Simulation` does it from a sweep's start: the persistent order shuffled by the generator,
/// then every unit updated in turn.
func denseSweep(_ net: inout DenseAssociativeMemory, order: inout [Int], temperature t: Double, rng: inout Xoshiro256) -> Int {
    rng.shuffle(&order)
    var flips = 0
    for k in order where net.update(k, temperature: t, rng: &rng).flipped { flips += 1 }
    return flips
}

final class DenseMemoryTests: XCTestCase {
    let kinds: [Separation] = [.polynomial(2), .polynomial(3), .rectifiedPolynomial(3), .polynomial(4), .exponential]

    /// poly:2 is the Hebbian network: E = E_Hebb − p/2, the same field h_k (bit for bit), and so the same
    /// trajectory for a seed at T = 0 and at T > 0 (the same random draws decide the same way).
    func testQuadraticPolynomialIsHebbianDecisionForDecision() throws {
        for (n, p) in [(40, 3), (60, 12), (33, 9)] {
            for t in [0.0, 0.4, 1.3] {
                let seed = UInt64(n * 7 + p) + UInt64(t * 10)
                let memories = randomMemories(p, count: n, seed: seed)
                let couplings = Learning.couplings(for: memories.map(\.spins), count: n, rule: .hebb)
                var start = Xoshiro256(seed: seed + 1)
                let cue = (0..<n).map { _ in start.next() & 1 == 1 }
                var hebb = Simulation(network: EnergyNetwork(couplings: couplings, units: .spin), temperature: t, schedule: .random, seed: 5)
                hebb.network.setState(up: cue)
                var dense = try DenseAssociativeMemory(count: n, patterns: memories, separation: .polynomial(2))
                dense.setState(up: cue)
                for k in 0..<n { XCTAssertEqual(dense.energyGap(k), 2 * hebb.network.field(k), "gap of unit \(k)") }
                XCTAssertEqual(dense.energy, hebb.network.energy - Double(p) / 2, accuracy: 1e-9)
                var rng = Xoshiro256(seed: 5)
                var order = Array(0..<n)
                for sweep in 0..<12 {
                    let a = hebb.sweep()
                    let b = denseSweep(&dense, order: &order, temperature: t, rng: &rng)
                    XCTAssertEqual(a, b, "flips in sweep \(sweep), N = \(n), T = \(t)")
                    XCTAssertEqual(dense.upFlags, hebb.network.upFlags, "state after sweep \(sweep), N = \(n), T = \(t)")
                    XCTAssertEqual(dense.energy, hebb.network.energy - Double(p) / 2, accuracy: 1e-9)
                }
            }
        }
    }

    /// At T = 0 every single-unit update lowers the energy or leaves the state alone, the reported ΔE is the
    /// energy difference, the kept energy matches a fresh computation, and the dynamics reach a fixed point.
    func testEnergyNeverRisesAtZeroTemperature() throws {
        for separation in kinds + [.rectifiedPolynomial(2), .polynomial(5)] {
            for seed in UInt64(1)...12 {
                let n = 24 + Int(seed), p = 3 + Int(seed) % 7 * 5
                var net = try DenseAssociativeMemory(count: n, patterns: randomMemories(p, count: n, seed: seed), separation: separation)
                var rng = Xoshiro256(seed: seed)
                net.setState(up: (0..<n).map { _ in rng.next() & 1 == 1 })
                var previous = net.recomputedEnergy()
                var settled = false
                var order = Array(0..<n)
                for _ in 0..<60 {
                    rng.shuffle(&order)
                    var flips = 0
                    for k in order {
                        let u = net.update(k, temperature: 0, rng: &rng)
                        let e = net.recomputedEnergy()
                        let tolerance = 1e-9 * max(1, abs(e))
                        XCTAssertLessThanOrEqual(e, previous + tolerance, "\(separation) seed \(seed): energy rose at unit \(k)")
                        XCTAssertLessThanOrEqual(u.deltaEnergy, 0)
                        XCTAssertEqual(u.deltaEnergy, e - previous, accuracy: tolerance)
                        XCTAssertEqual(net.energy, e, accuracy: tolerance, "kept energy drifted")
                        previous = e
                        if u.flipped { flips += 1 }
                    }
                    if flips == 0 { settled = true; break }
                }
                XCTAssertTrue(settled, "\(separation) seed \(seed) must reach a fixed point")
                XCTAssertTrue(net.isFixedPoint)
                XCTAssertLessThan(net.invariantError(), 1e-9 * max(1, abs(net.energy)))
            }
        }
    }

    /// Heat-bath sampling leaves exp(−E/T) invariant: state frequencies of many independent chains on 5 units
    /// against the exact distribution by enumeration of all 32 states, within 5 standard errors.
    func testGibbsSamplingMatchesEnumeration() throws {
        let n = 5, chains = 12_000, burnIn = 12
        for (index, separation) in [Separation.polynomial(3), .rectifiedPolynomial(3), .polynomial(4), .exponential].enumerated() {
            for t in [0.8, 2.0] {
                let memories = randomMemories(3, count: n, seed: UInt64(40 + index))
                let weights = (0..<(1 << n)).map { code in
                    exp(-DenseAssociativeMemory.energy(of: enumeratedState(code, count: n, units: .spin), patterns: memories, separation: separation) / t)
                }
                let z = weights.reduce(0, +)
                var net = try DenseAssociativeMemory(count: n, patterns: memories, separation: separation)
                var rng = Xoshiro256(seed: UInt64(index) + 3)
                var order = Array(0..<n)
                var counts = [Int](repeating: 0, count: 1 << n)
                for _ in 0..<chains {
                    net.setState(up: (0..<n).map { _ in rng.next() & 1 == 1 })
                    for _ in 0..<burnIn { _ = denseSweep(&net, order: &order, temperature: t, rng: &rng) }
                    var code = 0
                    for i in 0..<n where net.isUp(i) { code |= 1 << i }
                    counts[code] += 1
                }
                for code in 0..<(1 << n) {
                    let p = weights[code] / z, f = Double(counts[code]) / Double(chains)
                    XCTAssertEqual(f, p, accuracy: 5 * (p * (1 - p) / Double(chains)).squareRoot() + 1e-4, "\(separation), T = \(t), state \(code)")
                }
            }
        }
    }

    /// One-step error of poly:3 and poly:4 in stored states against ½ erfc(√(N^(n−1) / (2 (2n−3)!! K))).
    /// The formula is the leading order in N; at these sizes independent simulations (numpy, 6·10⁴ units)
    /// gave rates 1.02–1.04 (poly:3, N = 150) and 1.08 (poly:4, N = 100) times it. Tolerance: 4 binomial
    /// standard errors plus 8 % for that. A wrong double factorial ((2n−1)!!) or a factor 2 in the variance
    /// moves the rate by a factor 2 or more.
    func testPolynomialOneStepErrorAgainstTheory() throws {
        for (d, n, k, trials, states) in [(3, 150, 1600, 20, 2), (4, 100, 12000, 12, 5)] {
            var errors = 0, checks = 0
            for trial in 0..<trials {
                var net = try DenseAssociativeMemory(count: n, patterns: randomMemories(k, count: n, seed: UInt64(1000 * d + trial)), separation: .polynomial(d))
                for mu in 0..<states {
                    net.setState(net.patterns[mu].spins.map(Double.init))
                    for i in 0..<n where net.flipGap(i).sign < 0 { errors += 1 }
                    checks += n
                }
            }
            let rate = Double(errors) / Double(checks)
            let theory = DenseTheory.polynomialOneStepError(neurons: n, memories: k, degree: d)
            let se = (theory * (1 - theory) / Double(checks)).squareRoot()
            XCTAssertEqual(rate, theory, accuracy: 4 * se + 0.08 * theory, "poly:\(d) N = \(n) K = \(k): \(errors)/\(checks)")
        }
    }

    /// rpoly:3: the crosstalk vanishes for negative overlaps, which halves its variance (DenseTheory).
    func testRectifiedOneStepErrorAgainstTheory() throws {
        let n = 100, k = 1800
        var errors = 0, checks = 0
        for trial in 0..<15 {
            var net = try DenseAssociativeMemory(count: n, patterns: randomMemories(k, count: n, seed: UInt64(77 + trial)), separation: .rectifiedPolynomial(3))
            for mu in 0..<3 {
                net.setState(net.patterns[mu].spins.map(Double.init))
                for i in 0..<n where net.flipGap(i).sign < 0 { errors += 1 }
                checks += n
            }
        }
        let rate = Double(errors) / Double(checks)
        let theory = DenseTheory.polynomialOneStepError(neurons: n, memories: k, degree: 3, rectified: true)
        let se = (theory * (1 - theory) / Double(checks)).squareRoot()
        XCTAssertEqual(rate, theory, accuracy: 4 * se + 0.08 * theory, "rpoly:3: \(errors)/\(checks)")
    }

    /// Demircigil's exponential memory stores 2,000 random memories on 32 units (ln K / N = 0.24 < ln 2 / 2)
    /// and recalls them from 10 % noise (3 flipped units).
    func testExponentialRecallsThousandsOfMemoriesOnThirtyTwoUnits() throws {
        let n = 32, k = 2000
        let memories = randomMemories(k, count: n, seed: 17)
        XCTAssertLessThan(log(Double(k)) / Double(n), DenseTheory.exponentialCapacityExponent)
        var net = try DenseAssociativeMemory(count: n, patterns: memories, separation: .exponential)
        var rng = Xoshiro256(seed: 4)
        var order = Array(0..<n)
        var recalled = 0
        let tries = 100
        for trial in 0..<tries {
            let target = memories[trial * 19 % k]
            var cue = target.spins.map(Double.init)
            var flipped = Set<Int>()
            while flipped.count < 3 { flipped.insert(rng.nextInt(below: n)) }
            for i in flipped { cue[i] = -cue[i] }
            net.setState(cue)
            for _ in 0..<20 where denseSweep(&net, order: &order, temperature: 0, rng: &rng) > 0 {}
            if net.state == target.spins.map(Double.init) { recalled += 1 }
            XCTAssertFalse(net.energy.isNaN)
        }
        XCTAssertGreaterThanOrEqual(recalled, 98, "recalled \(recalled)/\(tries)")
    }

    /// Large N: exp never overflows or gives NaN (a naive Σ e^a overflows above N ≈ 709), poly:3 sums exactly.
    func testLargeNetworksStayFinite() throws {
        let n = 2000
        for separation in [Separation.exponential, .polynomial(3)] {
            var net = try DenseAssociativeMemory(count: n, patterns: randomMemories(5, count: n, seed: 2), separation: separation)
            net.setState(net.patterns[1].spins.map(Double.init))
            XCTAssertTrue(net.energy.isFinite)
            let (gap, sign) = net.flipGap(7)
            XCTAssertTrue(gap.isFinite && gap > 0 && sign == 1, "\(separation): a stored state is a minimum")
        }
    }

    /// A flip that swaps two memories' overlaps leaves every energy exactly unchanged: a tie, the unit stays.
    func testExactTiesLeaveTheUnit() throws {
        // a = (3, 1) at s = (1, 1, 1); flipping unit 0 gives (1, 3).
        let memories = [StoredPattern(name: "a", spins: [1, 1, 1]), StoredPattern(name: "b", spins: [-1, 1, 1])]
        for separation in kinds {
            var net = try DenseAssociativeMemory(count: 3, patterns: memories, separation: separation)
            net.setState([1, 1, 1])
            XCTAssertEqual(net.flipGap(0).sign, 0, "\(separation)")
            XCTAssertEqual(net.flipGap(0).gap, 0, "\(separation)")
            var rng = Xoshiro256(seed: 1)
            XCTAssertFalse(net.update(0, temperature: 0, rng: &rng).flipped)
        }
    }

    /// Polynomial gaps are exact beyond Int64: poly:6 at N = 1000, where 1,000 memories that lose F(1000) − F(998)
    /// (about 1.2e16 each, 1.2e19 together, past 2^63) and 1,000 that gain it cancel exactly, and one more memory
    /// adds G(1) = 2⁶ = 64, far below the rounding unit of 1.2e19 (2048): only exact sums get the sign and value.
    func testPolynomialGapsAreExactBeyondSixtyFourBits() throws {
        let n = 1000
        let up = [Int8](repeating: 1, count: n)
        var almostUp = up
        almostUp[0] = -1
        let balanced = (0..<n).map { i -> Int8 in i == 0 || i % 2 == 1 ? 1 : -1 } // Σ = 2, unit 0 up
        XCTAssertEqual(balanced.reduce(0) { $0 + Int($1) }, 2)
        let memories = [StoredPattern](repeating: StoredPattern(name: "a", spins: up), count: 1000)
            + [StoredPattern](repeating: StoredPattern(name: "b", spins: almostUp), count: 1000)
        var tied = try DenseAssociativeMemory(count: n, patterns: memories, separation: .polynomial(6))
        tied.setState(up.map(Double.init))
        XCTAssertEqual(tied.flipGap(0).sign, 0)
        XCTAssertEqual(tied.flipGap(0).gap, 0)
        var net = try DenseAssociativeMemory(count: n, patterns: memories + [StoredPattern(name: "c", spins: balanced)], separation: .polynomial(6))
        net.setState(up.map(Double.init))
        // Flipping unit 0 takes c's overlap from 2 to 0: the energy rises by c · (F(2) − F(0)) = 64 / (2 · 1000⁵).
        XCTAssertEqual(net.flipGap(0).sign, 1)
        XCTAssertEqual(net.flipGap(0).gap, 64 / (2 * pow(1000.0, 5)))
        let before = net.energy
        net.flip(0)
        XCTAssertLessThan(net.invariantError(), 1e-9 * max(1, abs(net.energy)))
        XCTAssertEqual(net.energy - before, 64 / (2 * pow(1000.0, 5)), accuracy: 1e-12 * abs(before))
        XCTAssertThrowsError(try DenseAssociativeMemory(count: 2000, patterns: randomMemories(2, count: 2000, seed: 1), separation: .polynomial(6))) { error in
            XCTAssertTrue("\(error)".contains("2^63"), "\(error)")
        }
    }

    func testInteractionNames() {
        for name in ["quadratic", "poly:3", "rpoly:4", "exp", "softmax"] {
            XCTAssertEqual(Interaction(name: name)?.name, name)
        }
        for bad in ["poly", "poly:1", "poly:x", "rpoly:", "cubic", "poly:3:4", "poly:65"] {
            XCTAssertNil(Interaction(name: bad), bad)
        }
    }

    /// n = 2 of the Krotov–Hopfield formula is the Hebbian one-step error.
    func testTheoryReducesToHebbAtDegreeTwo() {
        for (n, k) in [(100, 14), (1000, 300)] {
            XCTAssertEqual(DenseTheory.polynomialOneStepError(neurons: n, memories: k, degree: 2),
                           HopfieldTheory.oneStepErrorProbability(alpha: Double(k) / Double(n)), accuracy: 1e-15)
        }
        XCTAssertEqual(DenseTheory.exponentialCapacityExponent, 0.34657359, accuracy: 1e-8)
        XCTAssertEqual(DenseTheory.exponentialRecallExponent(noise: 0), DenseTheory.exponentialCapacityExponent, accuracy: 1e-12)
    }
}
