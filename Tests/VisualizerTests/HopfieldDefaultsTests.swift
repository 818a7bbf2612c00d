import EnergyModels
import Patterns
import Visualizer
import XCTest

/// The default memories must make the lecture demo tell the truth about temperature.
final class HopfieldDefaultsTests: XCTestCase {
    func defaultPatterns() throws -> [StoredPattern] {
        let letters = try XCTUnwrap(PatternLoader.builtin(named: "letters"))
        return try HopfieldDefaults.letters.map { name in
            let p = try XCTUnwrap(letters.patterns.first { $0.name == name })
            return StoredPattern(name: name, up: p.bits)
        }
    }

    /// Every default letter is a Hebbian fixed point and the letters overlap little.
    func testDefaultsAreFixedPointsWithSmallOverlaps() throws {
        let pats = try defaultPatterns()
        var net = EnergyNetwork(patterns: pats.map(\.spins), count: 100, rule: .hebb, units: .spin)
        for p in pats {
            net.setState(up: p.spins.map { $0 > 0 })
            XCTAssertTrue(net.isFixedPoint, p.name)
            let m = net.overlaps(with: pats)
            for (k, q) in pats.enumerated() where q.name != p.name { XCTAssertLessThanOrEqual(abs(m[k]), 0.1, "\(p.name)-\(q.name)") }
        }
    }

    /// Cued on a letter at T = 0.3, the heat-bath chain stays on it: the time-averaged overlap over sweeps
    /// 50-150 exceeds 0.9 for every letter (mean-field theory gives m = tanh(m/0.3) ≈ 0.997; a slide into a
    /// mixture state, as A C H T X show, would give about 0.5).
    func testMemoriesSurviveModerateTemperature() throws {
        let pats = try defaultPatterns()
        let net = EnergyNetwork(patterns: pats.map(\.spins), count: 100, rule: .hebb, units: .spin)
        for (k, p) in pats.enumerated() {
            var sim = Simulation(network: net, temperature: 0.3, schedule: .random, seed: UInt64(k + 1))
            sim.network.setState(up: p.spins.map { $0 > 0 })
            var sum = 0.0
            for sweep in 0..<150 {
                sim.sweep()
                if sweep >= 50 { sum += sim.network.overlaps(with: [p])[0] }
            }
            XCTAssertGreaterThan(sum / 100, 0.9, p.name)
        }
    }
}
