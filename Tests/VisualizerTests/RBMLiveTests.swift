import EnergyModels
import Foundation
import Patterns
import Visualizer
import XCTest

/// The RBM live view: every key does what its help says, the screen shows every panel at several sizes,
/// and saving goes through the host's writer.
final class RBMLiveTests: XCTestCase {
    /// A small set: 40 random 6x5 pictures (fast in debug), 8 hidden units.
    static func config(method: RBMGradientMethod = .contrastiveDivergence(steps: 1)) -> RBMLiveConfig {
        var rng = Xoshiro256(seed: 3)
        let rows = (0..<40).map { _ in (0..<30).map { _ in rng.nextUnit() < 0.3 } }
        return RBMLiveConfig(title: "tiny", data: RBMData(bits: rows), rows: 6, cols: 5, hidden: 8,
                             training: RBMTrainingConfiguration(method: method, learningRate: 0.05, batchSize: 5),
                             dreamChains: 12, seed: 1)
    }

    func makeState(width: Int = 80, height: Int = 24, capabilities: DisplayCapabilities = .unicodeColor) -> RBMLiveState {
        var s = RBMLiveState(config: Self.config())
        s.capabilities = capabilities
        s.update(.resize(width: width, height: height))
        return s
    }

    func press(_ c: Character, _ s: inout RBMLiveState) {
        guard let a = RBMLiveState.keyMap.action(for: .char(c)) else { return XCTFail("\(c) is not bound") }
        s.update(a)
    }

    func screen(_ s: RBMLiveState, _ w: Int, _ h: Int) -> CellGrid {
        var grid = CellGrid(width: w, height: h)
        s.render(into: &grid)
        return grid
    }

    func testEveryDocumentedKeyIsBoundOnce() {
        for c in Array(" spcnrgwlL+=-<>,.[]?q") + (1...9).map({ Character(String($0)) }) {
            XCTAssertNotNil(RBMLiveState.keyMap.action(for: .char(c)), "key \(c)")
        }
        XCTAssertNotNil(RBMLiveState.keyMap.action(for: .escape))
        var seen = Set<Key>()
        for e in RBMLiveState.keyMap.bindings { for (k, _) in e.keys { XCTAssertTrue(seen.insert(k).inserted, "\(k) bound twice") } }
    }

    func testSpacePausesAndSTrainsOneMiniBatch() {
        var s = makeState()
        XCTAssertTrue(s.running)
        press(" ", &s)
        XCTAssertFalse(s.running)
        XCTAssertFalse(s.isAnimating)
        s.tick(elapsed: 1)   // paused: nothing happens
        XCTAssertEqual(s.trainer.updates, 0)
        let before = s.model
        press("s", &s)
        XCTAssertEqual(s.trainer.updates, 1)
        XCTAssertNotEqual(s.model, before, "the displayed model follows the trainer")
        XCTAssertEqual(s.dreams.model, s.model, "the dream chains follow the model")
    }

    func testTicksTrainAtTheChosenRateAndEpochsAdvance() {
        var s = makeState()
        let rate = s.batchesPerSecond
        s.tick(elapsed: 0.1)
        XCTAssertEqual(Double(s.trainer.updates), (rate * 0.1).rounded(.down), accuracy: 1)
        // 40 vectors in batches of 5: an epoch is 8 updates.
        for _ in 0..<20 { press("s", &s) }
        XCTAssertGreaterThanOrEqual(s.trainer.epoch, 2)
        XCTAssertGreaterThan(s.curve.count, 1)
        press("[", &s)
        XCTAssertLessThan(s.batchesPerSecond, rate)
        press("]", &s); press("]", &s)
        XCTAssertGreaterThan(s.batchesPerSecond, rate)
    }

    func testMethodAndStepsKeys() {
        var s = makeState()
        XCTAssertEqual(s.method, .contrastiveDivergence(steps: 1))
        press("p", &s)
        XCTAssertEqual(s.method, .persistent(steps: 1))
        press("5", &s)
        XCTAssertEqual(s.method, .persistent(steps: 5))
        press("p", &s)
        XCTAssertEqual(s.method, .contrastiveDivergence(steps: 5))
        press("s", &s)
        XCTAssertEqual(s.trainer.updates, 1)
    }

    func testLearningRateAndTemperatureKeysStayInRange() {
        var s = makeState()
        press("L", &s)
        XCTAssertEqual(s.learningRate, 0.1, accuracy: 1e-12)
        press("l", &s); press("l", &s)
        XCTAssertEqual(s.learningRate, 0.025, accuracy: 1e-12)
        for _ in 0..<40 { press("l", &s) }
        XCTAssertEqual(s.learningRate, RBMLiveState.learningRateRange.lowerBound)
        press("+", &s)
        XCTAssertEqual(s.temperature, 1.25, accuracy: 1e-12)
        press("-", &s); press("-", &s)
        XCTAssertEqual(s.temperature, 0.8, accuracy: 1e-12)
        for _ in 0..<100 { press("=", &s) }
        XCTAssertEqual(s.temperature, RBMLiveState.temperatureRange.upperBound)
    }

    func testClampHoldsTheTopHalfInEveryDreamChain() {
        var s = makeState()
        press(" ", &s)
        press("c", &s)
        XCTAssertTrue(s.clamped)
        let ex = s.example
        for _ in 0..<5 { s.dreams.step() }
        for c in 0..<s.dreams.chainCount {
            let v = s.dreams.visible(chain: c)
            XCTAssertEqual(Array(v[0..<15]), Array(ex[0..<15]), "chain \(c): the top 3 of 6 rows are clamped")
        }
        press("n", &s)
        XCTAssertEqual(s.dreams.clamp.prefix(15).map { $0 ?? -1 }, Array(s.example[0..<15]))
        press("c", &s)
        XCTAssertFalse(s.clamped)
        XCTAssertTrue(s.dreams.clamp.allSatisfy { $0 == nil })
    }

    func testGalleryAndFieldPaging() {
        var s = makeState()
        press("s", &s)
        press("g", &s)
        XCTAssertEqual(s.gallery, .negatives)
        XCTAssertTrue(screen(s, 80, 24).text.contains("CD reconstructions"))
        press("g", &s)
        XCTAssertEqual(s.gallery, .dreams)
        // Paging wraps around the hidden units.
        let start = s.fieldOffset
        press(">", &s)
        press("<", &s)
        XCTAssertEqual(s.fieldOffset, start)
    }

    func testSaveReturnsTheCurrentModelToTheHost() throws {
        var written: [RBMModelFile] = []
        var app = RBMLiveApp(state: makeState(), writeModel: { file in
            written.append(file)
            return "model.json"
        })
        app.perform(.stepBatch)
        app.perform(.saveModel)
        XCTAssertEqual(written.count, 1)
        XCTAssertEqual(written.first?.rbm, app.state.model)
        XCTAssertEqual(written.first?.visibleShape, [6, 5])
        XCTAssertEqual(app.state.message, "saved model.json")
        struct DiskFull: Error, CustomStringConvertible { var description: String { "disk full" } }
        app = RBMLiveApp(state: makeState(), writeModel: { _ in throw DiskFull() })
        app.perform(.saveModel)
        XCTAssertTrue(app.state.alert?.contains("disk full") ?? false)
    }

    func testRestartDreamsKeepsTheClamp() {
        var s = makeState()
        press("c", &s)
        let clamp = s.dreams.clamp
        press("r", &s)
        XCTAssertEqual(s.dreams.clamp, clamp)
        XCTAssertEqual(s.dreams.steps, 0)
    }

    func testScreensShowEveryPanelAtSeveralSizes() {
        for (w, h, caps) in [(80, 24, DisplayCapabilities.unicodeColor), (80, 24, DisplayCapabilities(glyphs: .ascii, theme: .mono)),
                             (60, 16, .unicodeColor), (200, 60, .unicodeColor)] {
            var s = makeState(width: w, height: h, capabilities: caps)
            for _ in 0..<10 { s.update(.stepBatch) }
            let text = screen(s, w, h).text
            for title in ["hopfield rbm", "Dreams T=1.00", "Receptive fields", "Monitor", "Example", "CD-1", "lr 0.0500", "q quit"] {
                XCTAssertTrue(text.contains(title), "\(w)x\(h) \(caps.glyphs.isUnicode ? "unicode" : "ascii"): missing \(title)\n\(text)")
            }
            if !caps.glyphs.isUnicode {
                XCTAssertTrue(text.unicodeScalars.allSatisfy { $0.value < 128 }, "ASCII screens use ASCII only")
            }
        }
    }

    func testTooSmallAndHelpScreens() {
        var s = makeState(width: 40, height: 12)
        XCTAssertTrue(screen(s, 40, 12).text.contains("Terminal too small"))
        s.update(.resize(width: 80, height: 24))
        press("?", &s)
        let text = screen(s, 80, 24).text
        XCTAssertTrue(text.contains("Keys") && text.contains("switch CD-k / PCD-k") && text.contains("clamp top half"))
        s.update(.closeOverlay)
        XCTAssertFalse(s.showHelp)
        press("q", &s)
        XCTAssertTrue(s.quit)
    }

    /// Receptive fields have square pixels: at double size every weight is two identical cells side by
    /// side (true greys with the 256-colour ramp, shade glyphs without); in little room with the ramp,
    /// half blocks carry two weights per cell, upper in front, lower behind.
    func testReceptiveFieldsHaveSquarePixels() {
        let grey = DisplayCapabilities(glyphs: .unicode, theme: .dark, greyRamp: true)
        var big = makeState(width: 200, height: 60, capabilities: grey)
        for _ in 0..<10 { big.update(.stepBatch) }
        let g = screen(big, 200, 60)
        // The fields panel: from its title's corner to the right edge, above the monitor panel.
        let top = g.rowText(1)
        let left = top.distance(from: top.startIndex, to: top.range(of: "┌ Receptive fields")?.lowerBound ?? top.startIndex)
        let bottom = (2..<60).first { g.rowText($0).hasPrefix("┌ Monitor") } ?? 60
        var pairs = 0, mismatched = 0
        for y in 2..<bottom {
            var x = left
            while x < 200 {
                guard g[x, y].grey != nil else { x += 1; continue }
                var run = 0
                while g[x + run, y].grey != nil { run += 1 }
                if run % 2 != 0 { mismatched += 1 }
                for k in stride(from: 0, to: run - 1, by: 2) {
                    pairs += 1
                    if g[x + k, y].grey != g[x + k + 1, y].grey { mismatched += 1 }
                }
                x += run
            }
        }
        XCTAssertGreaterThan(pairs, 0)
        XCTAssertEqual(mismatched, 0, "every weight is two equal cells")
        // Without the ramp: the same doubled layout in shade glyphs, no grey anywhere.
        var plain = makeState(width: 200, height: 60, capabilities: .unicodeColor)
        for _ in 0..<10 { plain.update(.stepBatch) }
        let p = screen(plain, 200, 60)
        XCTAssertTrue(p.cells.allSatisfy { $0.grey == nil && $0.inkGrey == nil })
        XCTAssertTrue(p.text.contains("▒▒") || p.text.contains("▓▓") || p.text.contains("░░"), p.text)
        // 80x24 with the ramp: half blocks with a grey in front and one behind.
        var small = makeState(width: 80, height: 24, capabilities: grey)
        for _ in 0..<10 { small.update(.stepBatch) }
        let s = screen(small, 80, 24)
        XCTAssertTrue(s.cells.contains { $0.scalar == "▀" && $0.grey != nil && $0.inkGrey != nil }, s.text)
    }

    /// One strip per monitor curve: its own colour and label, the axes of all strips in one column, and
    /// range labels that differ whenever the range does.
    func testMonitorStripsHaveTheirOwnScaleColourAndLabel() {
        var s = makeState(width: 100, height: 40)
        for _ in 0..<60 { s.update(.stepBatch) }
        let g = screen(s, 100, 40)
        let lines = (0..<40).map { g.rowText($0) }
        let labelRows = ["recon", "PLL", "LL "].map { name in lines.firstIndex { $0.hasPrefix("│" + name) } }
        XCTAssertTrue(labelRows.allSatisfy { $0 != nil }, g.text)
        let rows = labelRows.compactMap { $0 }
        XCTAssertEqual(rows, rows.sorted(), "strips top to bottom")
        let axes = rows.map { y in Array(lines[y].dropFirst()).firstIndex(of: "│") }
        XCTAssertEqual(Set(axes).count, 1, "one axis column: \(axes)\n\(g.text)")
        for (y, style) in zip(rows, [Style.curveA, .curveB, .curveC]) {
            XCTAssertEqual(g[1, y].style, style, "label colour")
            XCTAssertTrue((0..<100).contains { x in g[x, y].style == style && (0x2801...0x28FF).contains(g[x, y].scalar.value) }
                          || (0..<100).contains { x in g[x, y + 1].style == style && (0x2801...0x28FF).contains(g[x, y + 1].scalar.value) },
                          "\(style) curve drawn in its own colour\n\(g.text)")
        }
        XCTAssertNotEqual(EnergyPlot.rangeLabels(lo: 0.128, hi: 0.131).lo, EnergyPlot.rangeLabels(lo: 0.128, hi: 0.131).hi)
        XCTAssertEqual(EnergyPlot.rangeLabels(lo: 0.128, hi: 0.131).hi, "0.131")
        XCTAssertEqual(EnergyPlot.rangeLabels(lo: -24.51, hi: -24.49).lo, "-24.51")
    }

    /// The hint line follows the state: "space pause" while training, "space run" when paused.
    func testHintFollowsRunningAndPaused() {
        var s = makeState()
        XCTAssertTrue(screen(s, 80, 24).rowText(23).contains("space pause"))
        press(" ", &s)
        let paused = screen(s, 80, 24).rowText(23)
        XCTAssertTrue(paused.contains("space run"), paused)
        XCTAssertFalse(paused.contains("pause"), paused)
    }
}
