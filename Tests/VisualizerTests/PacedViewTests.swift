import EnergyModels
import Patterns
import Visualizer
import XCTest

/// Space and `[` `]` go through the view kit's one definition in every live view; each view keeps its
/// own wording of the status line.
final class PacedViewTests: XCTestCase {
    func testHopfieldRunPauseAndSpeedMessages() throws {
        let letters = try XCTUnwrap(PatternLoader.builtin(named: "letters"))
        let pats = letters.patterns.prefix(4).map { StoredPattern(name: $0.name, up: $0.bits) }
        var s = HopfieldState(config: HopfieldConfig(title: "t", patterns: Array(pats), rows: 10, cols: 10))
        XCTAssertEqual(s.updatesPerSecond, 200)
        s.update(.faster)
        XCTAssertEqual(s.updatesPerSecond, 500)
        XCTAssertEqual(s.message, "speed 500 updates/s")
        s.update(.slower)
        s.update(.slower)
        XCTAssertEqual(s.message, "speed 100 updates/s")
        s.update(.toggleRun)
        XCTAssertTrue(s.running)
        XCTAssertEqual(s.message, "running")
        s.update(.toggleRun)
        XCTAssertEqual(s.message, "paused")
    }

    func testBMRunPauseAndSpeedMessages() {
        var s = BMLiveState(config: BMLiveConfig(seed: 1))
        s.update(.faster)
        XCTAssertEqual(s.message, "speed 500 sweeps/s")
        s.update(.slower)
        XCTAssertEqual(s.message, "speed 200 sweeps/s")
        s.update(.toggleRun)
        XCTAssertEqual(s.message, "running")
        s.update(.toggleRun)
        XCTAssertEqual(s.message, "paused")
    }

    func testRBMRunPauseAndSpeedMessages() {
        var s = RBMLiveState(config: RBMLiveTests.config())
        XCTAssertTrue(s.running, "the RBM view starts training")
        s.update(.faster)
        XCTAssertEqual(s.message, "200 mini-batches/s")
        s.update(.toggleRun)
        XCTAssertEqual(s.message, "paused")
        s.update(.toggleRun)
        XCTAssertEqual(s.message, "training")
    }
}
