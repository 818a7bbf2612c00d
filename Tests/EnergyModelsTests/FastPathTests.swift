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
