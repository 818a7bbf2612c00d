import EnergyModels
import Patterns
import Visualizer
import XCTest

/// One test (at least) per key: the key names the action, and the action does what the help says.
final class HopfieldKeyTests: XCTestCase {
    var s: HopfieldState!

    override func setUpWithError() throws {
        s = makeState(try lettersConfig())
    }

    func press(_ key: Key) { if let a = HopfieldState.keyMap.action(for: key) { s.update(a) } else { XCTFail("\(key) is not bound") } }
    func press(_ c: Character) { press(.char(c)) }
    var up: [Bool] { s.network.upFlags }
    func hamming(_ a: [Bool], _ b: [Bool]) -> Int { zip(a, b).filter { $0 != $1 }.count }

    func testEveryDocumentedKeyIsBound() {
        let chars: [Character] = [" ", "s", "n", "c", "r", "i", "+", "=", "-", "0", "a", "u", "l", "[", "]", "S", "D", "w", "e", "?", "q", "h", "j", "k", "x"]
            + (1...9).map { Character(String($0)) }
        for c in chars { XCTAssertNotNil(HopfieldState.keyMap.action(for: .char(c)), "key \(c)") }
        for k in [Key.up, .down, .left, .right, .enter, .escape] { XCTAssertNotNil(HopfieldState.keyMap.action(for: k), "\(k)") }
        XCTAssertNil(HopfieldState.keyMap.action(for: .char("Z")))
        // Every binding appears in exactly one help entry.
        var seen = Set<Key>()
        for e in HopfieldState.keyMap.bindings { for (k, _) in e.keys { XCTAssertTrue(seen.insert(k).inserted, "\(k) bound twice") } }
    }

    func testSpaceTogglesRunning() {
        XCTAssertFalse(s.running)
        press(" ")
        XCTAssertTrue(s.running)
        XCTAssertTrue(s.isAnimating)
        press(" ")
        XCTAssertFalse(s.running)
        XCTAssertFalse(s.isAnimating)
    }

    func testSDoesOneSweepAndNOneUpdate() {
        press("n")
        XCTAssertEqual(s.simulation.updates, 1)
        XCTAssertNotNil(s.simulation.lastUpdate)
        press("s") // finishes the sweep under way
        XCTAssertEqual(s.simulation.updates, s.unitCount)
        XCTAssertEqual(s.simulation.sweeps, 1)
        press("s")
        XCTAssertEqual(s.simulation.sweeps, 2)
        XCTAssertEqual(s.simulation.updates, 2 * s.unitCount)
    }

    func testDigitsCueStoredPatterns() {
        for k in 1...5 {
            press(Character(String(k)))
            XCTAssertEqual(up, s.patterns[k - 1].spins.map { $0 > 0 })
            XCTAssertEqual(s.overlaps[k - 1], 1)
            XCTAssertEqual(s.bestIndex, k - 1)
            XCTAssertEqual(s.simulation.sweeps, 0)
        }
        let before = up
        press("9") // only 5 memories
        XCTAssertEqual(up, before)
        XCTAssertTrue(s.message?.contains("no memory 9") ?? false)
    }

    func testCCorruptsTenPercent() {
        press("1")
        let before = up
        press("c")
        XCTAssertEqual(hamming(before, up), 10) // N = 100: exactly round(0.1 N) distinct units
    }

    func testRRandomizes() {
        press("r")
        // N = 100 fair coins: 50 ± 5 sd; 5 sd either side.
        let k = up.filter { $0 }.count
        XCTAssertTrue((25...75).contains(k), "\(k) units up")
        XCTAssertEqual(s.simulation.updates, 0)
    }

    func testIInverts() {
        let before = up
        press("i")
        XCTAssertEqual(hamming(before, up), s.unitCount)
    }

    func testTemperatureKeys() {
        XCTAssertEqual(s.simulation.temperature, 0)
        press("+")
        XCTAssertEqual(s.simulation.temperature, 0.05)
        press("=")
        XCTAssertEqual(s.simulation.temperature, 0.0625, accuracy: 1e-12)
        press("-")
        XCTAssertEqual(s.simulation.temperature, 0.05, accuracy: 1e-12)
        press("-") // 0.04 < 0.05 → 0
        XCTAssertEqual(s.simulation.temperature, 0)
        press("-")
        XCTAssertEqual(s.simulation.temperature, 0)
        for _ in 0..<5 { press("+") }
        XCTAssertEqual(s.simulation.temperature, 0.05 * pow(1.25, 4), accuracy: 1e-12)
        press("0")
        XCTAssertEqual(s.simulation.temperature, 0)
    }

    /// Annealing cools geometrically, never warms, ends at exactly T = 0 and stays there.
    func testAAnneals() {
        press("a")
        XCTAssertNotNil(s.annealing)
        XCTAssertTrue(s.running)
        XCTAssertEqual(s.simulation.temperature, AnnealingDefaults.start)
        var last = s.simulation.temperature
        var ticks = 0
        while s.annealing != nil && ticks < 10_000 {
            s.tick(elapsed: 0.1)
            XCTAssertLessThanOrEqual(s.simulation.temperature, last)
            last = s.simulation.temperature
            ticks += 1
        }
        XCTAssertNil(s.annealing)
        XCTAssertEqual(s.simulation.temperature, 0)
        XCTAssertGreaterThanOrEqual(s.simulation.sweeps, AnnealingDefaults.sweeps)
        for _ in 0..<100 { s.tick(elapsed: 0.1) }
        XCTAssertEqual(s.simulation.temperature, 0)
        // Pressed again while cooling: off, T kept.
        press("a")
        press("a")
        XCTAssertNil(s.annealing)
        XCTAssertEqual(s.simulation.temperature, AnnealingDefaults.start)
    }

    func testUCyclesSchedules() {
        XCTAssertEqual(s.simulation.schedule, .random)
        press("u")
        XCTAssertEqual(s.simulation.schedule, .sequential)
        press("u")
        XCTAssertEqual(s.simulation.schedule, .synchronous)
        press("u")
        XCTAssertEqual(s.simulation.schedule, .random)
    }

    /// `l` re-learns with the next rule and keeps the state; the pseudo-inverse rule makes every stored
    /// pattern a fixed point with local field exactly the pattern (W ξ = ξ before the diagonal is removed).
    func testLCyclesRulesKeepingState() {
        let before = up
        let hebbW = s.pairwiseNetwork.couplings.weight(0, 1)
        press("l")
        XCTAssertEqual(s.kind, .pairwise(.storkey))
        XCTAssertEqual(up, before)
        press("l")
        XCTAssertEqual(s.kind, .pairwise(.pinv))
        XCTAssertEqual(up, before)
        XCTAssertNotEqual(s.pairwiseNetwork.couplings.weight(0, 1), hebbW)
        for k in 0..<s.patterns.count {
            s.update(.cue(k))
            XCTAssertTrue(s.network.isFixedPoint)
        }
        press("l")
        XCTAssertEqual(s.kind, .pairwise(.hebb))
        XCTAssertEqual(s.pairwiseNetwork.couplings.weight(0, 1), hebbW, accuracy: 1e-12)
        XCTAssertLessThan(s.pairwiseNetwork.invariantError(), 1e-9)
    }

    func testBracketsChangeSpeed() {
        let i = s.speed.index
        press("]")
        XCTAssertEqual(s.speed.index, i + 1)
        press("[")
        press("[")
        XCTAssertEqual(s.speed.index, i - 1)
        for _ in 0..<50 { press("[") }
        XCTAssertEqual(s.updatesPerSecond, 1)
        for _ in 0..<50 { press("]") }
        XCTAssertEqual(s.updatesPerSecond, Speeds.fastest)
    }

    func testCapitalSStoresAndDForgets() {
        press("r")
        let state = up
        press("S")
        XCTAssertEqual(s.patterns.count, 6)
        XCTAssertEqual(s.patterns.last?.name, "S1")
        XCTAssertEqual(s.patterns.last?.spins.map { $0 > 0 }, state)
        XCTAssertEqual(s.overlaps.last, 1)
        XCTAssertEqual(up, state, "storing keeps the state")
        press("D")
        XCTAssertEqual(s.patterns.count, 5)
        for _ in 0..<10 { press("D") }
        XCTAssertEqual(s.patterns.count, 1, "the last memory is kept")
        XCTAssertLessThan(s.pairwiseNetwork.invariantError(), 1e-9)
    }

    func testWWritesThePatternFileThroughTheHost() throws {
        press("2")
        let effect = s.update(try XCTUnwrap(HopfieldState.keyMap.action(for: .char("w"))))
        guard case .writeStateFile(let text)? = effect else { return XCTFail("no write effect") }
        let set = try TextPatternFormat.parse(text, file: "written")
        XCTAssertEqual(set.rows, 10)
        XCTAssertEqual(set.patterns.first?.bits, up)

        // The app performs it with the injected writer and reports the name.
        final class Box: @unchecked Sendable { var text = "" }
        let box = Box()
        var app = HopfieldApp(state: s, writeFile: { box.text = $0; return "hopfield-state-7.txt" })
        app.handle(.key(.char("w")))
        XCTAssertEqual(app.state.message, "wrote hopfield-state-7.txt")
        XCTAssertEqual(box.text, text)
        struct ReadOnly: Error {}
        var failing = HopfieldApp(state: s, writeFile: { _ in throw ReadOnly() })
        failing.handle(.key(.char("w")))
        XCTAssertTrue(failing.state.message?.contains("could not write") ?? false)
    }

    func testPanelsAndQuit() {
        press("e")
        XCTAssertTrue(s.showExplain)
        press("e")
        XCTAssertFalse(s.showExplain)
        press("?")
        XCTAssertTrue(s.showHelp)
        press(.escape)
        XCTAssertFalse(s.showHelp)
        XCTAssertFalse(s.quit)
        press("q")
        XCTAssertTrue(s.quit)
    }

    func testCursorMovesClampsAndFlips() {
        press(.down) // first press only shows the cursor
        XCTAssertTrue(s.cursorVisible)
        XCTAssertEqual(s.cursorRow, 0)
        press("j"); press(.down); press(.right); press(.right)
        XCTAssertEqual(s.cursorRow, 2)
        XCTAssertEqual(s.cursorCol, 2)
        press("k"); press("h"); press(.up); press(.left)
        XCTAssertEqual(s.cursorRow, 0)
        XCTAssertEqual(s.cursorCol, 0)
        press(.up); press(.left)
        XCTAssertEqual(s.cursorRow, 0, "clamped at the edge")
        for _ in 0..<20 { press(.right); press("j") }
        XCTAssertEqual(s.cursorRow, 9)
        XCTAssertEqual(s.cursorCol, 9)
        let i = 99
        let wasUp = s.network.isUp(i)
        let h = s.pairwiseNetwork.field(i)
        let e0 = s.network.energy
        press("x")
        XCTAssertEqual(s.network.isUp(i), !wasUp)
        // ΔE = -(s_new - s_old) h_i
        XCTAssertEqual(s.network.energy - e0, -(wasUp ? -2.0 : 2.0) * h, accuracy: 1e-9)
        press(.enter)
        XCTAssertEqual(s.network.isUp(i), wasUp)
    }

    /// Mouse: left paints up, right paints down, drags paint along, a click on an overlap row cues it.
    func testMousePaintsAndCues() throws {
        var app = HopfieldApp(state: s)
        app.start(width: 80, height: 24, capabilities: .unicodeColor)
        let lay = app.state.layout
        guard case .block(let k) = lay.scale else { return XCTFail("expected blocks at 80x24") }
        func cell(_ r: Int, _ c: Int) -> (Int, Int) { (lay.gridArea.x + c * 2 * k, lay.gridArea.y + r * k) }
        app.handle(.key(.char("1")))
        let (x0, y0) = cell(0, 0)
        XCTAssertFalse(app.state.network.isUp(0))
        app.handle(.mouse(MouseEvent(.press(.left), x: x0, y: y0)))
        XCTAssertTrue(app.state.network.isUp(0))
        for c in 1...3 {
            let (x, y) = cell(0, c)
            app.handle(.mouse(MouseEvent(.move, x: x, y: y)))
        }
        app.handle(.mouse(MouseEvent(.release, x: cell(0, 3).0, y: y0)))
        XCTAssertEqual((0...3).map { app.state.network.isUp($0) }, [true, true, true, true])
        // Movement without a held button paints nothing.
        app.handle(.mouse(MouseEvent(.move, x: cell(0, 9).0, y: y0)))
        XCTAssertFalse(app.state.network.isUp(9))
        let (xr, yr) = cell(5, 0) // the A's crossbar: up
        XCTAssertTrue(app.state.network.isUp(50))
        app.handle(.mouse(MouseEvent(.press(.right), x: xr, y: yr)))
        XCTAssertFalse(app.state.network.isUp(50))
        app.handle(.mouse(MouseEvent(.release, x: xr, y: yr)))
        // Overlap row 3 cues memory 3.
        let row = try XCTUnwrap(lay.regions.first { $0.1 == .overlapRow(2) }?.0)
        app.handle(.mouse(MouseEvent(.press(.left), x: row.x + 3, y: row.y)))
        XCTAssertEqual(app.state.overlaps[2], 1)
        XCTAssertLessThan(app.state.pairwiseNetwork.invariantError(), 1e-9)
    }

    func testResizeEventChangesLayout() {
        var app = HopfieldApp(state: s)
        app.start(width: 80, height: 24, capabilities: .unicodeColor)
        app.handle(.resize(width: 40, height: 10))
        XCTAssertTrue(app.state.layout.tooSmall)
        app.handle(.key(.char("q")))
        XCTAssertTrue(app.isFinished, "q works on the too-small screen")
    }
}

/// Item 17 of the hardening issue: a failure's whole message is shown, not cut at the title's width.
final class AlertPanelTests: XCTestCase {
    func testItem17_failureShownWholeInAPanelUntilTheNextKey() throws {
        let set = try XCTUnwrap(PatternLoader.builtin(named: "letters"))
        let stored = set.patterns.prefix(4).map { StoredPattern(name: $0.name, up: $0.bits) }
        var state = HopfieldState(config: HopfieldConfig(title: "letters", patterns: Array(stored), rows: set.rows, cols: set.cols))
        state.update(.resize(width: 80, height: 24))
        struct ReadOnly: Error, CustomStringConvertible {
            var description: String { "cannot write hopfield-state-1.txt: Read-only file system (the directory /home/student/very/long/path/to/a/mounted/share is mounted read-only)" }
        }
        var app = HopfieldApp(state: state, writeFile: { _ in throw ReadOnly() })
        app.handle(.key(.char("w")))
        var grid = CellGrid(width: 80, height: 24)
        app.render(into: &grid)
        let words = grid.text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "│" }).joined(separator: " ")
        XCTAssertTrue(words.contains("could not write the state: cannot write hopfield-state-1.txt: Read-only file system (the directory /home/student/very/long/path/to/a/mounted/share is mounted read-only)"), grid.text)
        XCTAssertTrue(grid.text.contains(" message "), grid.text)
        // The next key clears it.
        app.handle(.key(.char("e")))
        app.render(into: &grid)
        XCTAssertFalse(grid.text.contains("Read-only"), grid.text)
    }

    func testItem17_wrapBreaksAtSpacesAndLongWords() {
        XCTAssertEqual(Widgets.wrap("aa bb cc", width: 5), ["aa bb", "cc"])
        XCTAssertEqual(Widgets.wrap("abcdefghij kl", width: 4), ["abcd", "efgh", "ij", "kl"])
    }
}

/// Item 15: re-learning a large network runs in the background; input is held back meanwhile and applied
/// in order afterwards, so the outcome is that of instant learning; `q` is instant.
final class BackgroundLearningTests: XCTestCase {
    func makeApp(side: Int, patterns p: Int, background: Bool) -> HopfieldApp {
        var rng = Xoshiro256(seed: 9)
        let stored = (0..<p).map { k in StoredPattern(name: "p\(k)", up: (0..<(side * side)).map { _ in rng.next() & 1 == 1 }) }
        var state = HopfieldState(config: HopfieldConfig(title: "t", patterns: stored, rows: side, cols: side, seed: 4))
        state.backgroundLearningCost = background ? 0 : .infinity
        var app = HopfieldApp(state: state)
        app.start(width: 100, height: 40, capabilities: .unicodeColor)
        return app
    }

    func testItem15_heldInputGivesTheSameOutcomeAsInstantLearning() {
        let script: [InputEvent?] = [.key(.char("l")), nil, .key(.char("c")), nil, .key(.char(" ")), nil, nil,
                                     .key(.char("l")), .key(.char("S")), nil, nil, .key(.char("2")), nil]
        var instant = makeApp(side: 10, patterns: 4, background: false)
        var held = makeApp(side: 10, patterns: 4, background: true)
        var sawLearning = false
        for item in script {
            for k in 0..<2 {
                if let e = item { k == 0 ? instant.handle(e) : held.handle(e) } else { k == 0 ? instant.tick(elapsed: 0.05) : held.tick(elapsed: 0.05) }
            }
            if held.state.learning != nil {
                sawLearning = true
                XCTAssertTrue(held.state.message?.hasPrefix("learning the ") ?? false, held.state.message ?? "")
                XCTAssertTrue(held.wantsFrames, "frames keep coming while learning, to collect the result")
            }
        }
        XCTAssertTrue(sawLearning)
        held.finishBackgroundWork()
        var a = CellGrid(width: 100, height: 40), b = CellGrid(width: 100, height: 40)
        instant.render(into: &a)
        held.render(into: &b)
        XCTAssertEqual(a.text, b.text)
        XCTAssertEqual(held.state.kind, .pairwise(.pinv))
    }

    func testItem15_quitIsInstantWhileLearning() {
        var app = makeApp(side: 70, patterns: 3, background: true)
        app.handle(.key(.char("l")))  // Storkey on 4,900 units: seconds in a debug build
        XCTAssertNotNil(app.state.learning)
        app.tick(elapsed: 1.2)
        XCTAssertEqual(app.state.message, "learning the Storkey weights for 4,900 units… 1 s (q quits)")
        app.handle(.key(.char("c")))  // held, not applied
        let start = ContinuousClock.now
        app.handle(.key(.char("q")))
        XCTAssertLessThan(ContinuousClock.now - start, .milliseconds(50))
        XCTAssertTrue(app.isFinished)
    }
}
