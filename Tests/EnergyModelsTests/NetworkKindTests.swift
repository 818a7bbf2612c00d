@testable import EnergyModels
import XCTest

/// `NetworkKind` builds each kind's model and answers for its theory; `AnyEnergyModel` runs it exactly as the
/// concrete model runs.
final class NetworkKindTests: XCTestCase {
    func testPairwiseKindsBuildTheRuleNetworkAndShareTheClassicalTheory() {
        let n = 40
        let patterns = randomPatterns(3, count: n, seed: 4)
        for rule in LearningRule.allCases {
            let kind = NetworkKind.pairwise(rule)
            XCTAssertEqual(kind.name, rule.rawValue)
            XCTAssertEqual(kind.rule, rule)
            let model = kind.makeModel(patterns: patterns, count: n, units: .binary)
            let direct = EnergyNetwork(patterns: patterns, count: n, rule: rule, units: .binary)
            XCTAssertEqual(model.pairwise?.couplings, direct.couplings)
            XCTAssertEqual(model.units, .binary)
            XCTAssertEqual(model.count, n)
            let theory = kind.theory
            XCTAssertEqual(theory.criticalLoad, 0.138)
            XCTAssertEqual(theory.isReference, rule != .hebb)
            XCTAssertEqual(theory.errorFormula, "½ erfc(1/√(2α))")
            for alpha in [0.05, 0.138, 0.3] {
                XCTAssertEqual(theory.oneStepError(alpha, n), 0.5 * erfc(1 / (2 * alpha).squareRoot()), accuracy: 1e-15)
            }
        }
        // No memories: no interactions, every state has energy 0.
        var empty = NetworkKind.hebb.makeModel(patterns: [], count: 5, units: .spin)
        empty.setState(up: [true, false, true, true, false])
        XCTAssertEqual(empty.energy, 0)
        XCTAssertTrue(empty.isFixedPoint)
    }

    /// A simulation through `AnyEnergyModel` makes the same decisions, draws and energies as one on the network.
    func testTypeErasedModelRunsTheSameTrajectory() {
        let n = 64
        let patterns = randomPatterns(6, count: n, seed: 8)
        for schedule in UpdateSchedule.allCases {
            for t in [0.0, 0.7] {
                let net = EnergyNetwork(patterns: patterns, count: n, rule: .hebb, units: .spin)
                var a = Simulation(network: net, temperature: t, schedule: schedule, seed: 3)
                var b = Simulation(network: AnyEnergyModel(net), temperature: t, schedule: schedule, seed: 3)
                let start = (0..<n).map { $0 % 3 == 0 }
                a.network.setState(up: start)
                b.network.setState(up: start)
                for _ in 0..<4 {
                    XCTAssertEqual(a.sweep(), b.sweep())
                    XCTAssertEqual(a.step(), b.step())
                }
                XCTAssertEqual(a.network.state, b.network.state, "\(schedule) T=\(t)")
                XCTAssertEqual(a.network.energy, b.network.energy)
                XCTAssertEqual(a.rng, b.rng)
                XCTAssertEqual(a.network.overlaps(with: [StoredPattern(name: "p", spins: patterns[0])]),
                               b.network.overlaps(with: [StoredPattern(name: "p", spins: patterns[0])]))
            }
        }
    }
}
