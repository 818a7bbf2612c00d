import EnergyModels
import Patterns
import Visualizer
import XCTest

final class CapacityPanelTests: XCTestCase {
    func makeState() throws -> HopfieldState {
        let letters = try XCTUnwrap(PatternLoader.builtin(named: "letters"))
        let pats = letters.patterns.prefix(4).map { StoredPattern(name: $0.name, up: $0.bits) }
        return HopfieldState(config: HopfieldConfig(title: "t", patterns: Array(pats), rows: 10, cols: 10))
    }

    /// C runs a sweep at the network's size: recall is perfect at low load and has collapsed by α = 0.3;
    /// the panel replaces the energy trace and C again closes it.
    func testCapacityKeyMeasuresAndShowsTheCollapse() throws {
        var s = try makeState()
        s.update(.resize(width: 100, height: 30))
        s.update(.toggleCapacity)
        let panel = try XCTUnwrap(s.capacityPanel)
        XCTAssertEqual(panel.neurons, 100)
        XCTAssertEqual(panel.currentLoad, 0.04, accuracy: 1e-12)
        let low = try XCTUnwrap(panel.points.first)
        let high = try XCTUnwrap(panel.points.last)
        XCTAssertEqual(low.alpha, 0.02, accuracy: 1e-9)
        XCTAssertEqual(high.alpha, 0.30, accuracy: 1e-9)
        XCTAssertGreaterThan(low.recallOverlap, 0.99)
        XCTAssertLessThan(high.perfectRecall, 0.2)
        XCTAssertGreaterThan(high.bitErrorRate, low.bitErrorRate)
        var g = CellGrid(width: 100, height: 30)
        s.render(into: &g)
        XCTAssertTrue(g.text.contains("Capacity: random, N=100 hebb"), g.text)
        XCTAssertTrue(g.text.contains(".138"))
        XCTAssertFalse(g.text.contains("Energy E"))
        s.update(.toggleCapacity)
        XCTAssertNil(s.capacityPanel)
        s.render(into: &g)
        XCTAssertTrue(g.text.contains("Energy E"))
    }

    /// p asks the host to write a picture; the app renders the screen to SVG through its injected writer.
    func testPictureKeyWritesSVGThroughTheHost() throws {
        let captured = Captured()
        var app = HopfieldApp(state: try makeState())
        app.writePicture = { svg in captured.set(svg); return "pic.svg" }
        app.start(width: 80, height: 24, capabilities: .unicodeColor)
        app.handle(.key(.char("p")))
        XCTAssertEqual(app.state.message, "wrote pic.svg")
        XCTAssertTrue(captured.value.hasPrefix("<?xml"))
        XCTAssertTrue(captured.value.contains("</svg>"))
    }

    final class Captured: @unchecked Sendable {
        private(set) var value = ""
        func set(_ v: String) { value = v }
    }
}
