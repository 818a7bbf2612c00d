import EnergyModels
import Visualizer
import XCTest

/// Every live view in every theme, at 80x24 and at a large size: text plus appearance legend, compared
/// with `Snapshots/view-<view>-<size>-<theme>.txt`. Colour themes get the 256-colour grey ramp, mono does not.
final class ViewSnapshotTests: XCTestCase {
    static let sizes = [(80, 24), (160, 48)]

    func capabilities(_ theme: Theme) -> DisplayCapabilities {
        DisplayCapabilities(glyphs: .unicode, theme: theme, greyRamp: theme.isColor)
    }

    func check<A: TerminalApp>(_ name: String, file: StaticString = #filePath, line: UInt = #line, _ make: () throws -> A) rethrows {
        for theme in Theme.allCases {
            for (w, h) in Self.sizes {
                var app = try make()
                app.start(width: w, height: h, capabilities: capabilities(theme))
                var g = CellGrid(width: w, height: h)
                app.render(into: &g)
                assertSnapshot(ScreenSnapshot.dump(g, theme: theme), named: "view-\(name)-\(w)x\(h)-\(theme.rawValue)", file: file, line: line)
            }
        }
    }

    func testHopfield() throws {
        try check("hopfield") {
            HopfieldApp(state: try busyHopfieldState(width: 80, height: 24, capabilities: .unicodeColor))
        }
    }

    func testRBM() throws {
        check("rbm") {
            var s = RBMLiveState(config: RBMLiveTests.config())
            for _ in 0..<30 { s.update(.stepBatch) }
            return RBMLiveApp(state: s, writeModel: { _ in "unused" })
        }
    }

    func testBM() throws {
        check("bm") {
            var s = BMLiveState(config: BMLiveConfig(seed: 1))
            for _ in 0..<2 { s.update(.cycle) }
            for _ in 0..<5 { s.update(.sweep) }
            return BMLiveApp(state: s)
        }
    }

    /// A lesson step: the Hopfield view over its caption (mathematics in the screen's glyphs).
    func testLesson() throws {
        let lesson = try XCTUnwrap(try BuiltinLessonLibrary.lesson(named: "storing-and-recalling"))
        try check("lesson") { try LessonApp(lesson: lesson) }
    }

    /// An RBM lesson step (no pre-training, so the test stays fast).
    func testRBMLesson() throws {
        let lesson = try XCTUnwrap(try BuiltinLessonLibrary.lesson(named: "rbm-digits"))
        try check("lesson-rbm") { try LessonApp(lesson: lesson, pretrain: false) }
    }
}
