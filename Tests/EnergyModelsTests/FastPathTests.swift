@testable import EnergyModels
import XCTest

/// The performance paths must not change a single decision: each is checked against the plain path it replaces.
final class FastPathTests: XCTestCase {
    /// The bounded heat-bath decision equals `u < probabilityUp` for every draw, across small, large, negative,
    /// zero and extreme scaled fields, both conventions and temperatures from tiny to infinite. Draws are
    /// concentrated near the decision boundary, where a wrong shortcut would show.
    func testBoundedDecisionEqualsExactComparison() {
        var rng = Xoshiro256(seed: 31)
        let fields: [Double] = [0, 1e-300, -1e-300, 0.01, -0.01, 0.3, -0.3, 1, -1, 2.5, -2.5, 7, -7, 40, -40, 1e5, -1e5, 1e300, -1e300]
        let temperatures: [Double] = [1e-300, 1e-3, 0.1, 0.5, 1, 3, 1e6, .infinity]
        var checked = 0
        for units in UnitConvention.allCases {
            for t in temperatures {
                for h in fields {
                    let p = EnergyNetwork.probabilityUp(field: h, units: units, temperature: t)
                    var draws = (0..<200).map { _ in rng.nextUnit() }
                    // Draws at and next to the probability and the bound's threshold.
                    for d in [p, p.nextDown, p.nextUp, 1 - p, 0.5, 0, 1.0.nextDown] where d >= 0 && d < 1 { draws.append(d) }
                    for u in draws {
                        XCTAssertEqual(EnergyNetwork.drawsUp(u, field: h, units: units, temperature: t), u < p,
                                       "u=\(u) h=\(h) T=\(t) \(units)")
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 60_000)
    }

    /// A whole sweep in one call (`sweep()` from a sweep's start) and the same sweep as N calls of `step()`
    /// leave the same state, energy, generator and counters, at T = 0 and T > 0, in both orders and both
    /// representations.
    func testWholeSweepEqualsStepByStep() {
        let n = 64
        let pats = randomPatterns(5, count: n, seed: 3)
        for rep in CouplingRepresentation.allCases {
            for schedule in [UpdateSchedule.random, .sequential] {
                for t in [0.0, 0.4, 1.5] {
                    let net = EnergyNetwork(patterns: pats, count: n, rule: .hebb, units: .spin, representation: rep)
                    var a = Simulation(network: net, temperature: t, schedule: schedule, seed: 9)
                    var b = a
                    var starts = Xoshiro256(seed: 4)
                    let start = (0..<n).map { _ in starts.next() & 1 == 1 }
                    a.network.setState(up: start)
                    b.network.setState(up: start)
                    for _ in 0..<5 {
                        let flips = a.sweep()
                        for _ in 0..<n { b.step() }
                        XCTAssertEqual(flips, b.flipsInLastSweep)
                    }
                    XCTAssertEqual(a.network.state, b.network.state, "\(rep) \(schedule) T=\(t)")
                    XCTAssertEqual(a.network.energy, b.network.energy)
                    XCTAssertEqual(a.rng, b.rng)
                    XCTAssertEqual(a.updates, b.updates)
                    XCTAssertEqual(a.sweeps, b.sweeps)
                    XCTAssertEqual(a.lastUpdate, b.lastUpdate)
                    XCTAssertEqual(a.cursor, 0)
                }
            }
        }
    }

    /// Integer factors get an exact Int16 copy; non-integer ones (pseudo-inverse) do not. The copy is used by
    /// the fields, so a Hebbian low-rank network still matches the dense one field for field.
    func testCompactFactorsOnlyForExactIntegers() {
        let n = 40
        let pats = randomPatterns(4, count: n, seed: 12)
        guard case .lowRank(let hebb) = Learning.couplings(for: pats, count: n, rule: .hebb, representation: .lowRank),
              case .lowRank(let pinv) = Learning.couplings(for: pats, count: n, rule: .pinv, representation: .lowRank) else {
            return XCTFail("expected low-rank couplings")
        }
        XCTAssertNotNil(hebb.compactLeft)
        XCTAssertTrue(hebb.factorsShared)
        XCTAssertNil(pinv.compactLeft)
        XCTAssertEqual(hebb.compactBound, 1)
        var low = EnergyNetwork(patterns: pats, count: n, rule: .hebb, units: .binary, representation: .lowRank)
        var dense = EnergyNetwork(patterns: pats, count: n, rule: .hebb, units: .binary, representation: .dense)
        XCTAssertTrue(low.isCompact)
        var rng = Xoshiro256(seed: 5)
        for _ in 0..<300 {
            let k = rng.nextInt(below: n)
            low.flip(k)
            dense.flip(k)
            for i in 0..<n { XCTAssertEqual(low.unscaledField(i), dense.unscaledField(i)) }
        }
    }
}

extension FastPathTests {
    /// Dense Hebbian couplings get an exact Int16 copy; non-integer or too large ones do not; and a dense
    /// network using the copy computes exactly the fields of a recomputation from the Double values.
    func testDenseInt16CopyIsExactAndUsed() {
        XCTAssertEqual(Kernels.exactInt16([0, -32767, 32767, 3])?.values, [0, -32767, 32767, 3])
        XCTAssertEqual(Kernels.exactInt16([0, -32767, 5, 3])?.bound, 32767)
        XCTAssertNil(Kernels.exactInt16([0, 32768]))
        XCTAssertNil(Kernels.exactInt16([0, 0.25]))
        let n = 50
        let pats = randomPatterns(7, count: n, seed: 21)
        guard case .dense(let hebb) = Learning.couplings(for: pats, count: n, rule: .hebb, representation: .dense),
              case .dense(let storkey) = Learning.couplings(for: pats, count: n, rule: .storkey) else {
            return XCTFail("expected dense couplings")
        }
        XCTAssertEqual(hebb.compactValues?.map(Double.init), hebb.values)
        XCTAssertNil(storkey.compactValues)
        var net = EnergyNetwork(patterns: pats, count: n, rule: .hebb, units: .spin, representation: .dense)
        XCTAssertTrue(net.isCompact)
        var rng = Xoshiro256(seed: 6)
        for _ in 0..<500 { net.flip(rng.nextInt(below: n)) }
        var fresh = net
        fresh.recomputeCaches()
        XCTAssertTrue(net.denseIntegerSums)
        XCTAssertEqual((0..<n).map { net.unscaledField($0) }, (0..<n).map { fresh.unscaledField($0) })
        for i in 0..<n {
            var h = 0.0
            for j in 0..<n { h += hebb.values[i * n + j] * net.state[j] }
            XCTAssertEqual(net.unscaledField(i), h)
        }
    }
}

extension FastPathTests {
    /// Integer factors too large for 16-bit projections (bound · N > 32767) fall back to the Double path, and
    /// both paths give the fields of a direct computation from the weights.
    func testLargeIntegerFactorsFallBackToDouble() {
        let n = 400, r = 3
        var rng = Xoshiro256(seed: 8)
        for big in [false, true] {
            let factor = (0..<(n * r)).map { _ in Double(Int(rng.nextInt(below: 5)) - 2) * (big ? 50 : 1) }
            let l = LowRankCouplings(count: n, rank: r, left: factor, right: factor)
            var net = EnergyNetwork(couplings: .lowRank(l), unscaledBiases: nil, units: .spin)
            XCTAssertEqual(net.isCompact, !big)
            for _ in 0..<200 { net.flip(rng.nextInt(below: n)) }
            for i in stride(from: 0, to: n, by: 7) {
                var h = 0.0
                for j in 0..<n where j != i { h += l[i, j] * net.state[j] }
                XCTAssertEqual(net.unscaledField(i), h, "unit \(i), big \(big)")
            }
        }
    }
}

extension FastPathTests {
    /// The ±1 low-rank fast path (field cache, replayed flips, sign masks, the T = 0 sweep kernel) against the
    /// dense representation of the same Hebbian weights, which computes every field from a row of integers:
    /// under the same seed both run the same trajectory, with exactly equal fields and energies after every
    /// operation, including flips, new states and new couplings applied from outside between sweeps. Ranks
    /// cover partial bytes and words (1, 7, 8, 9, 63, 64, 65, 100) and N large enough that the 16-bit lanes
    /// are widened several times per field (block = 32767 / N bytes); in the last case the patterns are near
    /// copies of one another, so every y_k is close to ±N and a 16-bit lane summing more than the block would
    /// overflow.
    func testSignFastPathMatchesDenseExactly() {
        let cases: [(n: Int, p: Int)] = [(40, 1), (50, 7), (64, 8), (70, 9), (300, 63), (300, 64), (320, 65), (4000, 100), (4000, 130)]
        for (index, c) in cases.enumerated() {
            for units in UnitConvention.allCases {
                var pats = randomPatterns(c.p, count: c.n, seed: UInt64(40 + index))
                if index == cases.count - 1 {
                    var rng = Xoshiro256(seed: 5)
                    pats = pats.map { _ in pats[0].map { rng.nextUnit() < 0.02 ? -$0 : $0 } }
                }
                var low = EnergyNetwork(patterns: pats, count: c.n, rule: .hebb, units: units, representation: .lowRank)
                let dense = EnergyNetwork(patterns: pats, count: c.n, rule: .hebb, units: units, representation: .dense)
                XCTAssertTrue(low.usesSignMasks, "n=\(c.n) p=\(c.p)")
                XCTAssertTrue(low.hasSignSweepKernel)
                // Start near pattern 0, so that y_0 is close to N (the widest 16-bit lanes).
                var noise = Xoshiro256(seed: UInt64(7 + index))
                let start = pats[0].map { noise.nextUnit() < 0.2 ? $0 < 0 : $0 > 0 }
                low.setState(up: start)
                var a = Simulation(network: low, temperature: 0, schedule: .random, seed: 3)
                var b = Simulation(network: dense, temperature: 0, schedule: .random, seed: 3)
                b.network.setState(up: start)
                var ops = Xoshiro256(seed: UInt64(99 + index))
                let label = "n=\(c.n) p=\(c.p) \(units)"
                // Fields and states must agree bit for bit. The energies agree exactly while the biases are integers;
                // with fractional biases each representation sums the energy of a new state in its own order (yᵀy
                // against Σ s h), so they may differ in the last bits.
                func sameEnergy(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-12 * max(1, abs(y)) }
                func compare(_ step: String) {
                    XCTAssertEqual(a.network.state, b.network.state, "\(label) \(step)")
                    XCTAssertTrue(sameEnergy(a.network.energy, b.network.energy), "\(label) \(step): \(a.network.energy) vs \(b.network.energy)")
                    for i in 0..<c.n where a.network.unscaledField(i) != b.network.unscaledField(i) {
                        XCTFail("\(label) \(step): field \(i) \(a.network.unscaledField(i)) vs \(b.network.unscaledField(i))")
                        return
                    }
                }
                for round in 0..<12 {
                    switch ops.nextInt(below: 6) {
                    case 0, 1:
                        // Whole T = 0 sweeps (the kernel), then step by step (the cached single-unit path).
                        XCTAssertEqual(a.sweep(), b.sweep(), label)
                        for _ in 0..<(c.n / 3) { XCTAssertEqual(a.step(), b.step(), label) }
                    case 2:
                        a.temperature = 0.7
                        b.temperature = 0.7
                        XCTAssertEqual(a.sweep(), b.sweep(), label)
                        a.temperature = 0
                        b.temperature = 0
                    case 3:
                        for _ in 0..<5 {
                            let k = ops.nextInt(below: c.n)
                            a.network.flip(k)
                            b.network.flip(k)
                        }
                    case 4:
                        let flags = (0..<c.n).map { _ in ops.next() & 1 == 1 }
                        a.network.setState(up: flags)
                        b.network.setState(up: flags)
                    default:
                        // Integers, fractions, and integers plus a sliver far below the rounding unit of a large
                        // field: the cached paths must round exactly as a fresh computation does.
                        let kinds: [Double] = [0, 0.3, -0.7, 0x1p-40, -0x1p-40]
                        let biases = (0..<c.n).map { _ in Double(ops.nextInt(below: 7)) - 3 + kinds[ops.nextInt(below: kinds.count)] }
                        a.network.setCouplings(a.network.couplings, unscaledBiases: biases)
                        b.network.setCouplings(b.network.couplings, unscaledBiases: biases)
                    }
                    compare("round \(round)")
                }
                // Relaxation to the end: the same fixed point, reached in the same number of sweeps.
                a.temperature = 0
                b.temperature = 0
                let ra = a.relax(maxSweeps: 200, patterns: [])
                let rb = b.relax(maxSweeps: 200, patterns: [])
                XCTAssertEqual(ra.sweeps, rb.sweeps, label)
                XCTAssertEqual(ra.energyTrace.count, rb.energyTrace.count, label)
                XCTAssertTrue(zip(ra.energyTrace, rb.energyTrace).allSatisfy { sameEnergy($0, $1) }, label)
                XCTAssertTrue(a.network.isFixedPoint, label)
                compare("relaxed")
                XCTAssertLessThan(a.network.invariantError(), 1e-9, label)
            }
        }
    }

    /// Factors that are not all ±1 (a zero entry, or entries of 2) get no sign bits; ±1 factors do.
    func testSignBitsOnlyForPlusMinusOne() {
        let n = 30, r = 3
        var rng = Xoshiro256(seed: 4)
        let signs = (0..<(n * r)).map { _ in rng.next() & 1 == 1 ? 1.0 : -1.0 }
        XCTAssertNotNil(LowRankCouplings(count: n, rank: r, left: signs, right: signs).signBits)
        var withZero = signs
        withZero[17] = 0
        XCTAssertNil(LowRankCouplings(count: n, rank: r, left: withZero, right: withZero).signBits)
        let doubled = signs.map { $0 * 2 }
        XCTAssertNil(LowRankCouplings(count: n, rank: r, left: doubled, right: doubled).signBits)
        // Distinct left and right factors (not shared) do not qualify either.
        XCTAssertNil(LowRankCouplings(count: n, rank: r, left: signs, right: signs.map { -$0 }).signBits)
        // Factors given through the public initialiser get both packings (rows, and columns by transposition);
        // loading states through them gives the fields of the dense matrix, in both conventions.
        let low = LowRankCouplings(count: n, rank: r, left: signs, right: signs)
        XCTAssertNotNil(low.patternBits)
        for units in UnitConvention.allCases {
            var a = EnergyNetwork(couplings: .lowRank(low), unscaledBiases: nil, units: units)
            var b = EnergyNetwork(couplings: Couplings.lowRank(low).densified(), unscaledBiases: nil, units: units)
            XCTAssertTrue(a.usesSignMasks)
            for _ in 0..<20 {
                let flags = (0..<n).map { _ in rng.next() & 1 == 1 }
                a.setState(up: flags)
                b.setState(up: flags)
                XCTAssertEqual((0..<n).map { a.unscaledField($0) }, (0..<n).map { b.unscaledField($0) }, "\(units)")
                XCTAssertEqual(a.energy, b.energy, accuracy: 1e-12)
            }
        }
    }
}

extension FastPathTests {
    /// A cached field brought up to date by replaying flips rounds exactly like a fresh computation, also with
    /// fractional biases: the cache holds the exact integer part and the bias is added at each use. (Caching
    /// the biased value and adding integer changes to it rounds twice, and differs in the last bits whenever a
    /// replay shrinks the field.)
    func testReplayedFieldsRoundLikeFreshOnes() {
        let n = 200
        let pats = randomPatterns(30, count: n, seed: 77)
        var net = EnergyNetwork(patterns: pats, count: n, rule: .hebb, units: .spin, representation: .lowRank)
        var rng = Xoshiro256(seed: 78)
        let fractions: [Double] = [0.3, 0.7, 0.1, -0.45]
        let biases = (0..<n).map { _ in Double(rng.nextInt(below: 9)) - 4 + fractions[rng.nextInt(below: fractions.count)] }
        net.setCouplings(net.couplings, unscaledBiases: biases)
        net.setState(up: (0..<n).map { _ in rng.next() & 1 == 1 })
        XCTAssertGreaterThan(net.replayLimit, 0)
        var replayedChecks = 0
        for _ in 0..<20_000 {
            let k = rng.nextInt(below: n)
            let age = net.flipCount - net.fieldCache[k].stamp
            if age > 0 && age <= net.replayLimit { replayedChecks += 1 }
            let tracked = net.trackedUnscaledField(k)
            let fresh = net.lowRankSum(k) - net.hotDiagonal[k] * net.state[k] + net.rawBiases[k]
            XCTAssertEqual(tracked, fresh, "unit \(k)")
            if tracked != fresh { return }
            if rng.nextUnit() < 0.05 { net.flip(rng.nextInt(below: n)) }
        }
        XCTAssertGreaterThan(replayedChecks, 1000)
    }
}
