import EnergyModels
import Patterns
import Visualizer
import XCTest

/// The captions of "Beyond 0.14 N", checked against the simulation each step opens with.
final class DenseLessonTests: XCTestCase {
    func step(_ k: Int) throws -> HopfieldState {
        let lesson = try XCTUnwrap(try BuiltinLessonLibrary.lesson(named: "beyond-0-14n"))
        return try LessonApp.makeState(lesson: lesson, index: k)
    }

    func relax(_ s: inout HopfieldState) {
        for _ in 0..<100 where s.simulation.sweep() > 0 {}
        s.refresh()
    }

    func testCaptionsHold() throws {
        // 1: Hebb at alpha = 0.2: recall from 10 % noise is spurious, and r1 itself is not a fixed point.
        var s = try step(0)
        XCTAssertEqual(s.patterns.count, 20)
        relax(&s)
        XCTAssertLessThan(s.overlaps[0], 1)
        XCTAssertTrue(s.overlaps.allSatisfy { abs($0) < 1 }, "spurious: no memory recalled")
        s.simulation.network.setState(up: s.patterns[0].spins.map { $0 > 0 })
        XCTAssertFalse(s.simulation.network.isFixedPoint)
        // 2: poly:3 with 138 patterns recalls r1 from 10 % noise.
        s = try step(1)
        XCTAssertEqual(s.patterns.count, 138)
        XCTAssertEqual(s.kind, .dense(.polynomial(3)))
        XCTAssertLessThan(s.overlaps[0], 0.9)
        relax(&s)
        XCTAssertEqual(s.overlaps[0], 1)
        // 3: exp with 2000 patterns on 32 units recalls r1 from 3 flipped units.
        s = try step(2)
        XCTAssertEqual(s.patterns.count, 2000)
        XCTAssertEqual(s.unitCount, 32)
        XCTAssertEqual(s.overlaps[0], 1 - 2 * 3.0 / 32, accuracy: 1e-12)
        relax(&s)
        XCTAssertEqual(s.overlaps[0], 1)
        XCTAssertLessThan(log(2000.0) / 32, DenseTheory.exponentialCapacityExponent)
        // 4: softmax at T = 0.05: one update gives r1 exactly.
        s = try step(3)
        XCTAssertEqual(s.kind, .softmax)
        XCTAssertLessThan(s.overlaps[0], 0.7)
        s.simulation.sweep()
        s.refresh()
        XCTAssertEqual(s.simulation.network.state, s.patterns[0].spins.map(Double.init))
        // 5: softmax at T = 1000: the mean of the 20 memories (to within βN = 0.1 of uniform weights).
        s = try step(4)
        relax(&s)
        let mean = (0..<s.unitCount).map { i in s.patterns.reduce(0.0) { $0 + Double($1.spins[i]) } / Double(s.patterns.count) }
        let distance = zip(s.simulation.network.state, mean).map { abs($0 - $1) }.max() ?? 1
        XCTAssertLessThan(distance, 0.02)
    }
}
