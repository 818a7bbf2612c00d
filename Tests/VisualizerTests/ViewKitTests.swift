import Visualizer
import XCTest

/// The view kit: key maps that also make the hint line and the help overlay, the frame budget, the speed
/// ladder, and the chrome widgets every view shares.
final class ViewKitTests: XCTestCase {
    enum Act: Equatable, Sendable { case run, help, quit, step }

    let keys = KeyMap<Act>([
        KeyBinding("space", "run / pause", hint: KeyHint("run", whenRunning: "pause", priority: 0), [(.char(" "), .run)]),
        KeyBinding("n", "one step", hint: KeyHint("step", priority: 3), [(.char("n"), .step)]),
        KeyBinding("? F1", "this help", hint: KeyHint("help", key: "?", priority: 0), [(.char("?"), .help), (.function(1), .help)]),
        KeyBinding("q F10", "quit", hint: KeyHint("quit", key: "q"), [(.char("q"), .quit), (.function(10), .quit)]),
    ])

    func testKeyMapLooksUpAndMakesHints() {
        XCTAssertEqual(keys.action(for: .function(1)), .help)
        XCTAssertEqual(keys.action(for: .function(10)), .quit)
        XCTAssertNil(keys.action(for: .char("x")))
        XCTAssertEqual(keys.hints(running: false).map { "\($0.key) \($0.text)" }, ["space run", "n step", "? help", "q quit"])
        XCTAssertEqual(keys.hints(running: true).first?.text, "pause")
        XCTAssertEqual(keys.summary(running: false), "space run, ? help")
    }

    /// The hint line is the key map's hints; the least important go first when the line is narrow.
    func testHintLineDropsLowPriorityWhenNarrow() {
        var wide = CellGrid(width: 60, height: 1)
        Chrome.hintLine(keys, running: true, in: wide.bounds, into: &wide)
        XCTAssertEqual(wide.text, " space pause  n step  ? help  q quit")
        XCTAssertEqual(wide[1, 0].style, .key)
        XCTAssertEqual(wide[7, 0].style, .hint)
        var narrow = CellGrid(width: 30, height: 1)
        Chrome.hintLine(keys, running: false, in: narrow.bounds, into: &narrow)
        XCTAssertEqual(narrow.text, " space run  ? help  q quit")
    }

    func testHelpOverlayListsEveryBinding() {
        var g = CellGrid(width: 60, height: 12)
        Chrome.helpOverlay(keys, glyphs: .ascii, into: &g)
        for b in keys.bindings {
            XCTAssertTrue(g.text.contains(b.label) && g.text.contains(b.help), "\(b.label) missing:\n\(g.text)")
        }
    }

    func testTitleBarClipsTheMessageAndKeepsTheBadge() {
        var g = CellGrid(width: 30, height: 1)
        Chrome.titleBar(g.bounds, head: ["view", "what"], message: "a long message \u{1B}[2J that cannot fit", badge: "PAUSED",
                        badgeStyle: .paused, glyphs: .unicode, into: &g)
        XCTAssertEqual(g.rowText(0), " view · a long messag\u{2026} PAUSED ")
        Chrome.titleBar(g.bounds, head: ["view", "what"], message: "short", badge: "PAUSED", badgeStyle: .paused, glyphs: .unicode, into: &g)
        XCTAssertEqual(g.rowText(0), " view · what · short   PAUSED ")
        XCTAssertEqual(g[29, 0].style, .paused)
        XCTAssertFalse(g.rowText(0).contains("\u{1B}"))
    }

    func testTooSmallNamesBothSizes() {
        var g = CellGrid(width: 40, height: 8)
        Chrome.tooSmall(minWidth: 60, minHeight: 16, into: &g)
        XCTAssertTrue(g.text.contains("This window is 40x8."), g.text)
        XCTAssertTrue(g.text.contains("at least 60x16"), g.text)
    }

    /// Work accrues with wall-clock time, at most a quarter second's worth, and is taken by cost.
    func testFrameBudget() {
        var b = FrameBudget()
        b.accrue(rate: 100, elapsed: 0.05)
        XCTAssertEqual(b.owed, 5, accuracy: 1e-12)
        XCTAssertTrue(b.take(4))
        XCTAssertFalse(b.take(4))
        b.accrue(rate: 100, elapsed: 10)
        XCTAssertEqual(b.owed, 25, accuracy: 1e-12, "capped at 0.25 s of work")
        b.accrue(rate: 0.5, elapsed: 10)
        b.reset()
        XCTAssertEqual(b.owed, 0)
        b.accrue(rate: 1, elapsed: 100)
        XCTAssertEqual(b.owed, 1, "the cap is never below one unit, so slow rates still move")
    }

    func testSpeedLadder() {
        XCTAssertEqual(SpeedLadder.oneTwoFive(upTo: 100), [1, 2, 5, 10, 20, 50, 100])
        XCTAssertEqual(SpeedLadder.oneTwoFive(from: 0.1, upTo: 1), [0.1, 0.2, 0.5, 1])
        var s = SpeedLadder(upTo: 50_000, atMost: 30)
        XCTAssertEqual(s.rate, 20)
        s.faster()
        XCTAssertEqual(s.rate, 50)
        for _ in 0..<40 { s.faster() }
        XCTAssertEqual(s.rate, 50_000)
        XCTAssertEqual(s.index, s.levels.count - 1)
        for _ in 0..<40 { s.slower() }
        XCTAssertEqual(s.rate, 1)
        XCTAssertEqual(SpeedLadder.nearest(700, in: s.levels), s.levels.firstIndex(of: 500))
        XCTAssertEqual(SpeedLadder.nearest(800, in: s.levels), s.levels.firstIndex(of: 1000))
    }

    /// Every view: no key bound twice, F1 opens help and F10 quits, and the hint line follows running/paused.
    func testEveryViewBindsFunctionKeysOnce() {
        func check<A: Equatable>(_ map: KeyMap<A>, help: A, quit: A, _ name: String) {
            var seen = Set<Key>()
            for k in map.bindings.flatMap({ $0.keys.map(\.0) }) { XCTAssertTrue(seen.insert(k).inserted, "\(name): \(k) bound twice") }
            XCTAssertEqual(map.action(for: .function(1)), help, name)
            XCTAssertEqual(map.action(for: .function(10)), quit, name)
            XCTAssertEqual(map.action(for: .char("?")), help, name)
            XCTAssertEqual(map.action(for: .char("q")), quit, name)
            XCTAssertTrue(map.hints(running: true).contains { $0.key == "space" && $0.text == "pause" }, name)
            XCTAssertTrue(map.hints(running: false).contains { $0.key == "space" && $0.text == "run" }, name)
        }
        check(HopfieldState.keyMap, help: .toggleHelp, quit: .quit, "hopfield")
        check(RBMLiveState.keyMap, help: .toggleHelp, quit: .quit, "rbm")
        check(BMLiveState.keyMap, help: .toggleHelp, quit: .quit, "bm")
    }
}
