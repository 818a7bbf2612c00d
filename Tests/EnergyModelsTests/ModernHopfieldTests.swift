import EnergyModels
import Foundation
import XCTest

final class ModernHopfieldTests: XCTestCase {
    /// At T = 0.05 (β = 20) one update from a cue with 10 % of its units flipped is the memory itself.
    func testRetrievesInOneUpdateAtLowTemperature() throws {
        let n = 100
        let memories = randomMemories(10, count: n, seed: 3)
        var net = try ModernHopfieldNetwork(count: n, patterns: memories, temperature: 0.05)
        for (mu, memory) in memories.enumerated() {
            var cue = memory.spins.map(Double.init)
            for i in stride(from: mu, to: n, by: 10) { cue[i] = -cue[i] }
            net.setState(cue)
            net.update()
            XCTAssertEqual(net.state, memory.spins.map(Double.init), "memory \(mu)")
            XCTAssertEqual(net.overlaps[mu], 1)
        }
    }

    /// At T = 1000 the only fixed point is next to the mean of the memories (|β a_μ| ≤ βN = 0.1, so the
    /// weights are uniform to within 10 %); at T = ∞ one update gives the mean exactly. Closer as T grows.
    func testAveragesTheMemoriesAtHighTemperature() throws {
        let n = 100
        let memories = randomMemories(6, count: n, seed: 8)
        let mean = (0..<n).map { i in memories.reduce(0.0) { $0 + Double($1.spins[i]) } / 6 }
        func fixedPoint(_ t: Double) throws -> [Double] {
            var net = try ModernHopfieldNetwork(count: n, patterns: memories, temperature: t)
            net.setState(memories[0].spins.map(Double.init))
            for _ in 0..<500 where net.update() > 1e-13 {}
            return net.state
        }
        func distance(_ x: [Double]) -> Double { zip(x, mean).map { abs($0 - $1) }.max() ?? 0 }
        let hot = try fixedPoint(1000), warm = try fixedPoint(100)
        XCTAssertLessThan(distance(hot), 0.02)
        XCTAssertLessThan(distance(hot), distance(warm))
        XCTAssertEqual(distance(try fixedPoint(.infinity)), 0, accuracy: 1e-15)
        // Low T keeps the memory instead.
        XCTAssertEqual(try fixedPoint(0.1), memories[0].spins.map(Double.init))
    }

    /// The energy never rises from one update to the next (concave–convex procedure), at any T, from random
    /// real states; it stays within [0, 2N] and finite even where exp(β a) would overflow (β N = 4000).
    func testEnergyNeverRisesPerUpdate() throws {
        let n = 40
        for (index, t) in [0.0, 0.01, 0.2, 1.0, 5.0, 100.0].enumerated() {
            var net = try ModernHopfieldNetwork(count: n, patterns: randomMemories(7, count: n, seed: UInt64(index)), temperature: t)
            var rng = Xoshiro256(seed: UInt64(index))
            for _ in 0..<20 {
                net.setState((0..<n).map { _ in 2 * rng.nextUnit() - 1 })
                var previous = net.energy
                for _ in 0..<10 {
                    net.update()
                    XCTAssertTrue(net.energy.isFinite)
                    XCTAssertLessThanOrEqual(net.energy, previous + 1e-9, "T = \(t)")
                    XCTAssertGreaterThanOrEqual(net.energy, -1e-9)
                    XCTAssertLessThanOrEqual(net.energy, 2 * Double(n) + 1e-9)
                    previous = net.energy
                }
            }
        }
    }

    /// At T = 0 two memories tied for the best overlap share the weight: the update is their mean.
    func testZeroTemperatureTieGivesTheMeanOfTheBest() throws {
        let memories = [StoredPattern(name: "a", spins: [1, 1, 1, -1]), StoredPattern(name: "b", spins: [1, 1, -1, 1]),
                        StoredPattern(name: "c", spins: [-1, -1, -1, -1])]
        var net = try ModernHopfieldNetwork(count: 4, patterns: memories, temperature: 0)
        net.setState([1, 1, 0, 0])
        XCTAssertEqual(net.attention, [0.5, 0.5, 0])
        net.update()
        XCTAssertEqual(net.state, [1, 1, 0, 0])
    }
}
