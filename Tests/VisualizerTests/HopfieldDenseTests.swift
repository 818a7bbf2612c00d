import EnergyModels
import Patterns
import Visualizer
import XCTest

/// The live view with the dense kinds and softmax: `f`, the status line, the explain panel, grey levels,
/// the energy trace and the capacity panel.
final class HopfieldDenseTests: XCTestCase {
    func press(_ s: inout HopfieldState, _ c: Character) {
        guard let a = HopfieldState.keyMap.action(for: .char(c)) else { return XCTFail("\(c) is not bound") }
        s.update(a)
    }

    /// `f` cycles quadratic → poly:3 → exp → softmax → quadratic, keeping the state, naming the interaction.
    func testFCyclesInteractionsKeepingTheState() throws {
        var s = makeState(try lettersConfig())
        let start = s.network.upFlags
        for expected in [NetworkKind.dense(.polynomial(3)), .dense(.exponential), .softmax, .hebb] {
            press(&s, "f")
            XCTAssertEqual(s.kind, expected)
            XCTAssertEqual(s.network.upFlags, start, "state kept when switching to \(expected.name)")
            XCTAssertLessThan(s.network.invariantError(), 1e-9)
            if expected != .hebb { XCTAssertTrue(screen(s).text.contains("interaction \(expected.name)"), "status line names \(expected.name)") }
        }
        XCTAssertNotNil(s.network.pairwise)
    }

    /// Every kind recalls the corrupted letter at T = 0, with an energy trace that never rises.
    func testEveryKindRecallsAndItsEnergyNeverRises() throws {
        for presses in 0...3 {
            var s = makeState(try lettersConfig(noise: 0.15))
            for _ in 0..<presses { press(&s, "f") }
            var previous = s.network.energy
            for _ in 0..<30 {
                press(&s, "s")
                XCTAssertLessThanOrEqual(s.network.energy, previous + 1e-9, "\(s.kind.name)")
                previous = s.network.energy
            }
            XCTAssertEqual(s.overlaps[0], 1, accuracy: 1e-12, "\(s.kind.name) recalls A")
            XCTAssertTrue(s.atFixedPoint, "\(s.kind.name)")
        }
    }

    /// softmax: the explain panel lists the attention of the top memories; at T = 1000 the state turns grey
    /// (the mean of the letters), drawn with shade glyphs.
    func testSoftmaxExplainsAttentionAndDrawsGreyLevels() throws {
        var s = makeState(try lettersConfig(), width: 120, height: 40)
        for _ in 0..<3 { press(&s, "f") }
        XCTAssertEqual(s.kind, .softmax)
        press(&s, "e")
        press(&s, "s")
        var text = screen(s).text
        XCTAssertTrue(text.contains("attention weights") || text.contains("all weight on best match"), text)
        XCTAssertTrue(text.contains("A: 1.000"), text)
        s.simulation.temperature = 1000
        for _ in 0..<5 { press(&s, "s") }
        text = screen(s).text
        XCTAssertTrue(text.contains("attention weights"), text)
        XCTAssertTrue(text.unicodeScalars.contains { "░▒▓".unicodeScalars.contains($0) }, "grey levels drawn")
    }

    /// The capacity panel of poly:3 sweeps its own range (K/N far above 0.14) and draws its theory.
    func testCapacityPanelForPolynomial() throws {
        var s = makeState(try lettersConfig(), width: 100, height: 30)
        press(&s, "f")
        press(&s, "C")
        let panel = try XCTUnwrap(s.capacityPanel)
        XCTAssertEqual(panel.kind, .dense(.polynomial(3)))
        XCTAssertGreaterThan(panel.points.map(\.alpha).max() ?? 0, 1)
        // Far below its range poly:3 recalls every pattern; its measured error rates follow the formula.
        XCTAssertEqual(panel.points.first?.perfectRecall, 1)
        XCTAssertTrue(screen(s).text.contains(" th "), "theory value printed")
    }

    /// Binary units cannot hold the dense kinds: `f` refuses with a message and keeps the network.
    func testBinaryUnitsRefuseDenseKinds() throws {
        var s = makeState(try lettersConfig(units: .binary))
        press(&s, "f")
        XCTAssertEqual(s.kind, .hebb)
        XCTAssertTrue(s.message?.contains("spin units") ?? false, s.message ?? "")
    }
}
