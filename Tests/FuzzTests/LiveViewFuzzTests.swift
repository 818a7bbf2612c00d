import EnergyModels
import Foundation
import Patterns
import Visualizer
import XCTest

/// Random input into every live view, as the attack's 55,000 random keys with resizes did: keys of every
/// kind, mouse events anywhere (off the screen too), resizes from 1x1 to the largest screen, frames of any
/// length; the screen is drawn after each. No crash, no hang; the views stay drawable. `FUZZ_CASES` scales
/// the number of events (default 3,500: 291 events for the Hopfield and BM views, 58 for each lesson).
final class LiveViewFuzzTests: XCTestCase {
    func randomEvent(_ rng: inout Xoshiro256) -> InputEvent? {
        let keys: [Key] = [.up, .down, .left, .right, .enter, .escape, .backspace, .tab, .pageUp, .pageDown, .other(410), .other(-1)]
        switch rng.nextInt(below: 10) {
        case 0...4:
            let printable = Array("qwertyuiopasdfghjklzxcvbnm QWERTYUIOPASDFGHJKLZXCVBNM0123456789+-[]<>?! é€\u{1B}\u{7F}\u{202E}")
                .filter { $0 != "q" && $0 != "Q" }  // quitting would end the run early
            return .key(.char(printable[rng.nextInt(below: printable.count)]))
        case 5: return .key(keys[rng.nextInt(below: keys.count)])
        case 6, 7:
            let kinds: [MouseEvent.Kind] = [.press(.left), .press(.right), .press(.middle), .release, .move, .scrollUp, .scrollDown]
            return .mouse(MouseEvent(kinds[rng.nextInt(below: kinds.count)], x: rng.nextInt(below: 300) - 20, y: rng.nextInt(below: 120) - 10))
        case 8:
            let big = rng.nextInt(below: 20) == 0
            return .resize(width: big ? CellGrid.maxWidth : 1 + rng.nextInt(below: 200), height: big ? CellGrid.maxHeight : 1 + rng.nextInt(below: 70))
        default: return nil  // a frame
        }
    }

    func drive<A: TerminalApp>(_ app: inout A, name: String, events: Int, seed: UInt64) {
        var rng = Xoshiro256(seed: seed)
        var size = (width: 80, height: 24)
        app.start(width: size.width, height: size.height, capabilities: .unicodeColor)
        let start = ContinuousClock.now
        for _ in 0..<events {
            if let e = randomEvent(&rng) {
                if case .resize(let w, let h) = e { size = (w, h) }
                app.handle(e)
            } else {
                app.tick(elapsed: [0.0, 0.05, 0.25, 3][rng.nextInt(below: 4)])
            }
            // Drawing the largest screen every time would dominate; it is drawn whenever it is current.
            var grid = CellGrid(width: size.width, height: size.height)
            app.render(into: &grid)
            XCTAssertEqual(grid.cells.count, size.width * size.height)
        }
        app.finishBackgroundWork()
        let took = ContinuousClock.now - start
        XCTAssertLessThan(took, .seconds(120), "\(name): \(events) events took too long")
    }

    func testFuzzLiveViews() throws {
        let env = ProcessInfo.processInfo.environment
        let events = max(1, (Int(env["FUZZ_CASES"] ?? "") ?? 3500) / 12)
        let seed = UInt64(env["FUZZ_SEED"] ?? "") ?? 15
        let letters = try XCTUnwrap(PatternLoader.builtin(named: "letters"))
        let stored = letters.patterns.prefix(4).map { StoredPattern(name: $0.name, up: $0.bits) }
        var hopfield = HopfieldApp(state: HopfieldState(config: HopfieldConfig(title: "letters", patterns: Array(stored), rows: letters.rows, cols: letters.cols)),
                                   writes: .describe)
        drive(&hopfield, name: "tui", events: events, seed: seed)
        var bm = BMLiveApp(state: BMLiveState(config: BMLiveConfig(seed: seed)))
        drive(&bm, name: "bm live", events: events, seed: seed &+ 1)
        for name in ["04-capacity", "10-rbm-digits"] {
            var lesson = try LessonApp(lesson: try XCTUnwrap(try BuiltinLessonLibrary.lesson(named: name)), pretrain: false, writes: .describe)
            // Fewer: stepping through a lesson rebuilds the step's view (capacity sweeps, RBM data) each time.
            drive(&lesson, name: name, events: max(1, events / 5), seed: seed &+ 2)
        }
    }
}
