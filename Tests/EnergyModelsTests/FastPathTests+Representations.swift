@testable import EnergyModels
import XCTest

/// Every representation of the same couplings, and the capacity kernels, take the same T = 0 decision for every
/// unit (`ZeroTemperatureRule`: a tie leaves the unit), and run the same trajectories.
extension FastPathTests {
    /// The Hebbian weights of `patterns` in each of the five representations. The factors are scaled by powers of
    /// two (exact) so that each lands in its representation while w = scale · v stays bit for bit the same.
    static func hebbInEveryRepresentation(_ patterns: [[Int8]], count n: Int) -> [(String, Couplings)] {
        guard case .dense(let dense) = Learning.couplings(for: patterns, count: n, rule: .hebb, representation: .dense),
              case .lowRank(let low) = Learning.couplings(for: patterns, count: n, rule: .hebb, representation: .lowRank) else {
            return []
        }
        let p = low.rank
        let halfRows = DenseCouplings(count: n, values: dense.values.map { $0 / 2 }, scale: dense.scale * 2)
        let doubled = low.left.map { $0 * 2 }, halved = low.left.map { $0 / 2 }
        return [
            ("dense integer", .dense(dense)),
            ("dense real", .dense(halfRows)),
            ("sign masks", .lowRank(low)),
            ("low-rank Int16", .lowRank(LowRankCouplings(count: n, rank: p, left: doubled, right: doubled, scale: low.scale / 4))),
            ("low-rank Double", .lowRank(LowRankCouplings(count: n, rank: p, left: halved, right: halved, scale: low.scale * 4))),
        ]
    }

    /// The representations are the ones named, and agree unit for unit on the T = 0 decision in the stored
    /// patterns and in random states (ties included: p odd on N odd makes them frequent), with the capacity
    /// kernel's one-step count; and whole T = 0 and T > 0 runs give the same states, energies and generators.
    func testEveryRepresentationDecidesAlike() {
        for (n, p) in [(31, 3), (65, 7), (101, 13)] {
            let patterns = randomPatterns(p, count: n, seed: UInt64(n))
            let all = Self.hebbInEveryRepresentation(patterns, count: n)
            let nets = all.map { EnergyNetwork(couplings: $0.1, unscaledBiases: nil, units: .spin) }
            XCTAssertEqual(nets.map { "\(type(of: $0.storage))" },
                           ["DenseIntegerStorage", "DenseRealStorage", "SignMaskStorage", "LowRankIntegerStorage", "LowRankRealStorage"])
            var rng = Xoshiro256(seed: 3)
            var ties = 0
            let states = patterns + (0..<20).map { _ in (0..<n).map { _ in rng.next() & 1 == 1 ? Int8(1) : -1 } }
            for (index, xi) in states.enumerated() {
                let decisions = nets.map { net -> [Bool] in
                    var net = net
                    net.setState(net.values(of: xi))
                    return (0..<n).map { net.isUnstable($0) }
                }
                for (label, d) in zip(all.map(\.0), decisions) { XCTAssertEqual(d, decisions[0], "\(label) N=\(n) state \(index)") }
                var reference = nets[0]
                reference.setState(reference.values(of: xi))
                ties += (0..<n).filter { reference.unscaledField($0) == 0 }.count
            }
            XCTAssertGreaterThan(ties, 0, "N=\(n): the check must include ties")
            // The capacity kernel's one-step test counts the same unstable units in each stored pattern.
            var orderRNG = Xoshiro256(seed: 1)
            let kernel = CapacityTrial.measure(patterns: patterns, neurons: n, rule: .hebb, recall: false, rng: &orderRNG)
            var engine = nets[2]
            let unstable = patterns.reduce(0) { sum, xi in
                engine.setState(engine.values(of: xi))
                return sum + (0..<n).filter { engine.isUnstable($0) }.count
            }
            XCTAssertEqual(kernel.unstableBits, unstable, "N=\(n)")
            for t in [0.0, 0.6] {
                let runs = nets.map { net -> Simulation<EnergyNetwork> in
                    var sim = Simulation(network: net, temperature: t, seed: 8)
                    sim.network.setState(up: states[p].map { $0 > 0 })
                    for _ in 0..<6 { sim.sweep() }
                    for _ in 0..<(n / 2) { sim.step() }
                    return sim
                }
                for (label, run) in zip(all.map(\.0), runs) {
                    XCTAssertEqual(run.network.state, runs[0].network.state, "\(label) N=\(n) T=\(t)")
                    XCTAssertEqual(run.network.energy, runs[0].network.energy, accuracy: 1e-12, "\(label) N=\(n) T=\(t)")
                    XCTAssertEqual(run.rng, runs[0].rng, "\(label) N=\(n) T=\(t)")
                    run.network.checkInvariants()
                }
            }
        }
    }

    /// The pseudo-inverse at full rank (p = N random patterns span everything) has W = 0 exactly, so every
    /// unit is tied in every state: the engine's network and the capacity kernel both keep every state, where
    /// rounding noise of order 1e-16 in the weights used to decide (the kernel then needed a 1e-9 tie band).
    func testPseudoInverseAtFullRankIsExactlyZero() {
        let n = 24
        let patterns = randomPatterns(n, count: n, seed: 5)
        XCTAssertEqual(Learning.orthonormalBasis(patterns, count: n).rank, n)
        XCTAssertEqual(Learning.projectionFactor(patterns, count: n).rank, 0)
        for rep in CouplingRepresentation.allCases {
            var net = EnergyNetwork(patterns: patterns, count: n, rule: .pinv, units: .spin, representation: rep)
            XCTAssertTrue(net.couplings.denseValues().allSatisfy { $0 == 0 }, "\(rep)")
            var rng = Xoshiro256(seed: 9)
            for _ in 0..<10 {
                net.setState(up: (0..<n).map { _ in rng.next() & 1 == 1 })
                XCTAssertTrue(net.isFixedPoint, "\(rep)")
            }
        }
        var rng = Xoshiro256(seed: 2)
        let result = CapacityTrial.measure(patterns: patterns, neurons: n, rule: .pinv, rng: &rng)
        XCTAssertEqual(result.unstableBits, 0)
        XCTAssertEqual(result.fixedPoints, n)
    }
}

extension FastPathTests {
    /// The spin forms of the T = 0 rule (s h < 0, used by the capacity kernels) are the rule itself: for s = ±1 and
    /// fields of every sign, including ties and extremes, they say a unit changes exactly when the rule would
    /// give it another value.
    func testSpinFormsOfTheZeroTemperatureRuleAgree() {
        let fields: [Int32] = [0, 1, -1, 2, -2, 37, -37, Int32.max, Int32.min + 1]
        for s in [Int32(1), -1] {
            for h in fields {
                let current = Double(s)
                let changes = ZeroTemperatureRule.next(current, gap: h, units: .spin) != current
                XCTAssertEqual(ZeroTemperatureRule.changes(spin: s, field: h), changes, "s=\(s) h=\(h)")
                XCTAssertEqual(ZeroTemperatureRule.changes(isUp: s > 0, gap: h), changes, "s=\(s) h=\(h)")
                XCTAssertEqual(ZeroTemperatureRule.changes(spin: current, field: Double(h)), changes, "s=\(s) h=\(h)")
            }
            for h in [0.0, -0.0, 1e-300, -1e-300, 0.5, -0.5, .infinity, -.infinity] {
                let current = Double(s)
                XCTAssertEqual(ZeroTemperatureRule.changes(spin: current, field: h),
                               ZeroTemperatureRule.next(current, gap: h, units: .spin) != current, "s=\(s) h=\(h)")
            }
        }
    }
}
