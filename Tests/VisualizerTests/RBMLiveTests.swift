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
        guard let a = RBMKeymap.action(for: .char(c)) else { return XCTFail("\(c) is not bound") }
        s.update(a)
    }

    func screen(_ s: RBMLiveState, _ w: Int, _ h: Int) -> CellGrid {
        var grid = CellGrid(width: w, height: h)
        s.render(into: &grid)
        return grid
    }

    func testEveryDocumentedKeyIsBoundOnce() {
        for c in Array(" spcnrgwlL+=-<>,.[]?q") + (1...9).map({ Character(String($0)) }) {
            XCTAssertNotNil(RBMKeymap.action(for: .char(c)), "key \(c)")
        }
        XCTAssertNotNil(RBMKeymap.action(for: .escape))
        var seen = Set<Key>()
        for e in RBMKeymap.entries { for (k, _) in e.bindings { XCTAssertTrue(seen.insert(k).inserted, "\(k) bound twice") } }
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
        for (w, h, caps) in [(80, 24, DisplayCapabilities.unicodeColor), (80, 24, DisplayCapabilities(glyphs: .ascii, colorMode: .mono)),
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
}
