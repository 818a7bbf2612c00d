import EnergyModels
import Foundation
import XCTest

/// The mission text's 4-neuron example: ξ¹ = (+1,+1,-1,-1), ξ² = (+1,-1,+1,-1), start (+1,+1,-1,+1).
/// The text says asynchronous updates "converge to ξ¹". The mathematics says otherwise, and these tests
/// assert what actually happens.
final class SeedExampleTests: XCTestCase {
    let xi1: [Int8] = [1, 1, -1, -1]
    let xi2: [Int8] = [1, -1, 1, -1]
    let start: [Bool] = [true, true, false, true]
    var patterns: [StoredPattern] { [StoredPattern(name: "xi1", spins: xi1), StoredPattern(name: "xi2", spins: xi2)] }

    /// Hebbian weights: w03 = w12 = -1/2, all other pairs 0 (the two patterns' contributions cancel).
    func testWeightsAreTwoIndependentPairs() {
        let c = Learning.couplings(for: [xi1, xi2], count: 4, rule: .hebb)
        for i in 0..<4 {
            for j in 0..<4 {
                let expected: Double = (i != j && i + j == 3) ? -0.5 : 0
                XCTAssertEqual(c.weight(i, j), expected, "w\(i)\(j)")
            }
        }
    }

    /// Units 0 and 3 are both unstable at the start; whichever a random order updates first decides the
    /// end: ξ¹ (unit 3 first) or -ξ² (unit 0 first), each with probability exactly 1/2. Over 4000 seeds the
    /// fraction reaching ξ¹ is within 5 standard errors (5·√(¼/4000) ≈ 0.04) of 1/2, and nothing else occurs.
    func testRandomOrderReachesXi1OnlyHalfTheTime() {
        let net = EnergyNetwork(patterns: [xi1, xi2], count: 4, rule: .hebb, units: .spin)
        var stored = 0, inverted = 0
        let runs = 4000
        for seed in 0..<runs {
            var sim = Simulation(network: net, temperature: 0, schedule: .random, seed: UInt64(seed))
            sim.network.setState(up: start)
            let r = sim.relax(maxSweeps: 10, patterns: patterns)
            XCTAssertTrue(r.converged)
            switch (r.outcome, r.patternIndex) {
            case (.stored, 0): stored += 1
                XCTAssertEqual(sim.network.upFlags, [true, true, false, false])
            case (.inverted, 1): inverted += 1
                XCTAssertEqual(sim.network.upFlags, [false, true, false, true])
            default: XCTFail("unexpected end \(r.outcome) \(String(describing: r.patternIndex))")
            }
            XCTAssertEqual(r.energyTrace.last ?? 0, -1, accuracy: 1e-12)
        }
        XCTAssertEqual(stored + inverted, runs)
        XCTAssertEqual(Double(stored) / Double(runs), 0.5, accuracy: 5 * (0.25 / Double(runs)).squareRoot())
    }

    /// Sequential order updates unit 0 first and always ends in -ξ².
    func testSequentialOrderEndsInInvertedXi2() {
        var sim = Simulation(network: EnergyNetwork(patterns: [xi1, xi2], count: 4, rule: .hebb, units: .spin), schedule: .sequential)
        sim.network.setState(up: start)
        let r = sim.relax(maxSweeps: 10, patterns: patterns)
        XCTAssertEqual(r.outcome, .inverted)
        XCTAssertEqual(r.patternIndex, 1)
    }

    /// Synchronous updates flip units 0 and 3 together, forever: a 2-cycle.
    func testSynchronousUpdatesTwoCycle() {
        var sim = Simulation(network: EnergyNetwork(patterns: [xi1, xi2], count: 4, rule: .hebb, units: .spin), schedule: .synchronous)
        sim.network.setState(up: start)
        sim.sweep()
        XCTAssertEqual(sim.network.upFlags, [false, true, false, false])
        sim.sweep()
        XCTAssertEqual(sim.network.upFlags, start)
        sim.network.setState(up: start)
        let r = sim.relax(maxSweeps: 50, patterns: patterns)
        XCTAssertEqual(r.outcome, .cycle)
        XCTAssertFalse(r.converged)
        XCTAssertLessThanOrEqual(r.sweeps, 3)
    }

    /// The same holds for the binary-unit version of the network.
    func testBinaryConventionBehavesTheSame() {
        var sim = Simulation(network: EnergyNetwork(patterns: [xi1, xi2], count: 4, rule: .hebb, units: .binary), schedule: .sequential)
        sim.network.setState(up: start)
        XCTAssertEqual(sim.relax(maxSweeps: 10, patterns: patterns).outcome, .inverted)
    }
}

/// Synchronous dynamics on larger random Hebbian networks reach a fixed point or a 2-cycle (a theorem for
/// symmetric weights), and `relax` reports the cycle.
final class SynchronousCycleTests: XCTestCase {
    func testSynchronousDynamicsEndInFixedPointOrTwoCycle() {
        var cycles = 0
        for seed in UInt64(0)..<30 {
            let n = 60
            let pats = randomPatterns(12, count: n, seed: seed)
            var sim = Simulation(network: EnergyNetwork(patterns: pats, count: n, rule: .hebb, units: .spin), schedule: .synchronous, seed: seed)
            var rng = Xoshiro256(seed: seed + 1000)
            sim.network.setState(up: (0..<n).map { _ in rng.next() & 1 == 1 })
            let r = sim.relax(maxSweeps: 500, patterns: pats.map { StoredPattern(name: "", spins: $0) })
            XCTAssertTrue(r.converged || r.outcome == .cycle, "seed \(seed): \(r.outcome)")
            if r.outcome == .cycle {
                cycles += 1
                let a = sim.network.upFlags
                sim.sweep()
                XCTAssertNotEqual(sim.network.upFlags, a)
                sim.sweep()
                XCTAssertEqual(sim.network.upFlags, a)
            }
        }
        XCTAssertGreaterThan(cycles, 0, "random synchronous starts above capacity should sometimes 2-cycle")
    }
}
