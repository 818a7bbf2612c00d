import EnergyModels
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Visualizer
import XCTest

final class LessonAppTests: XCTestCase {
    func render<A: TerminalApp>(_ app: A, _ w: Int, _ h: Int) -> CellGrid {
        var g = CellGrid(width: w, height: h)
        app.render(into: &g)
        return g
    }

    /// Every step of every bundled lesson builds and renders at 80x24 with its caption visible and the view
    /// not reduced to the "too small" screen.
    func testEveryBundledStepRendersAt80x24() throws {
        for name in BuiltinLessonLibrary.names {
            let lesson = try XCTUnwrap(try BuiltinLessonLibrary.lesson(named: name))
            // Layout does not depend on how far an RBM has trained: skip pre-training (slow in debug builds).
            var app = try LessonApp(lesson: lesson, pretrain: false)
            app.start(width: 80, height: 24, capabilities: .unicodeColor)
            for k in lesson.steps.indices {
                app.go(to: k)
                XCTAssertEqual(app.stepIndex, k)
                let screen = render(app, 80, 24).text
                XCTAssertTrue(screen.contains("Step \(k + 1)/\(lesson.steps.count)"), "\(name) step \(k + 1)")
                // Captions are drawn in the screen's glyph set (Greek letters and indices in Unicode).
                let caption = lesson.steps[k].caption.map { MathText.render($0, unicode: true) }
                let firstWord = try XCTUnwrap(caption.first?.split(separator: " ").first)
                XCTAssertTrue(screen.contains(firstWord), "\(name) step \(k + 1): caption missing\n\(screen)")
                // The whole caption fits: its last word is on screen too.
                let lastWord = try XCTUnwrap(caption.last?.split(separator: " ").last)
                XCTAssertTrue(screen.contains(lastWord), "\(name) step \(k + 1): caption cut off at 80x24\n\(screen)")
                XCTAssertFalse(screen.lowercased().contains("enlarge"), "\(name) step \(k + 1) too small at 80x24\n\(screen)")
            }
        }
    }

    /// Step k is the same however it is reached: straight there, or forward and back again.
    func testStepsAreDeterministic() throws {
        let lesson = try XCTUnwrap(try BuiltinLessonLibrary.lesson(named: "storing-and-recalling"))
        var a = try LessonApp(lesson: lesson, startAt: 1)
        a.start(width: 100, height: 30, capabilities: .unicodeColor)
        var b = try LessonApp(lesson: lesson)
        b.start(width: 100, height: 30, capabilities: .unicodeColor)
        b.handle(.key(.pageDown))
        b.handle(.key(.pageDown))
        b.handle(.key(.char("<")))
        XCTAssertEqual(b.stepIndex, 1)
        XCTAssertEqual(render(a, 100, 30), render(b, 100, 30))
        XCTAssertEqual(a.hopfield!.state.network.upFlags, b.hopfield!.state.network.upFlags)
        // The corrupted R of step 2 is exactly round(0.3 N) flips away from R.
        let r = try XCTUnwrap(a.hopfield!.state.patterns.first { $0.name == "R" })
        let differing = zip(r.spins, a.hopfield!.state.network.upFlags).filter { ($0 > 0) != $1 }.count
        XCTAssertEqual(differing, 30)
    }

    /// Navigation clamps at both ends, and ordinary keys reach the view inside a step.
    func testNavigationAndPassThrough() throws {
        let lesson = try XCTUnwrap(try BuiltinLessonLibrary.lesson(named: "temperature"))
        var app = try LessonApp(lesson: lesson)
        app.start(width: 80, height: 24, capabilities: .unicodeColor)
        app.handle(.key(.pageUp))
        XCTAssertEqual(app.stepIndex, 0)
        for _ in 0..<20 { app.handle(.key(.char(">"))) }
        XCTAssertEqual(app.stepIndex, lesson.steps.count - 1)
        let t = app.hopfield!.state.simulation.temperature
        app.handle(.key(.char("+")))
        XCTAssertGreaterThan(app.hopfield!.state.simulation.temperature, t)
        app.handle(.key(.char("q")))
        XCTAssertTrue(app.isFinished)
    }

    /// Step settings land in the view: temperature, schedule, rule, panels, annealing, running.
    func testStepSettingsAreApplied() throws {
        let lesson = try LessonFormat.parse("""
            title: t
            step: one
            patterns: letters
            store: R, T
            rule: pinv
            temperature: 0.4
            schedule: sequential
            panels: explain
            cue: inverted T
            run: on
            caption: c
            step: two
            anneal: on
            schedule: sync
            panels: none
            caption: d
            """, name: "t", file: "t")
        var app = try LessonApp(lesson: lesson)
        let s = app.hopfield!.state
        XCTAssertEqual(s.patterns.map(\.name), ["R", "T"])
        XCTAssertEqual(s.kind, .pairwise(.pinv))
        XCTAssertEqual(s.simulation.temperature, 0.4)
        XCTAssertEqual(s.simulation.schedule, .sequential)
        XCTAssertTrue(s.showExplain)
        XCTAssertTrue(s.running)
        XCTAssertEqual(s.overlaps[1], -1)
        app.go(to: 1)
        let t = app.hopfield!.state
        XCTAssertNotNil(t.annealing)
        XCTAssertEqual(t.simulation.schedule, .synchronous)
        XCTAssertFalse(t.showExplain)
        XCTAssertEqual(t.kind, .pairwise(.pinv))
    }

    func testBadStepsFailBeforeTheScreenOpens() throws {
        let bad = try LessonFormat.parse("title: t\nstep: a\npatterns: letters\nstore: R\ncaption: x\nstep: b\ncue: Q\ncaption: y", name: "t", file: "t.txt")
        XCTAssertThrowsError(try LessonApp(lesson: bad)) { error in
            XCTAssertTrue("\(error)".contains("step 2"), "\(error)")
            XCTAssertTrue("\(error)".contains("Q"), "\(error)")
        }
        let missing = try LessonFormat.parse("title: t\nstep: a\npatterns: /no/such/file.txt\ncaption: x", name: "t", file: "t.txt")
        XCTAssertThrowsError(try LessonApp(lesson: missing))
    }
}

final class RecordingTests: XCTestCase {
    /// A clock the test advances by hand.
    final class FakeClock: @unchecked Sendable {
        var now = 0.0
    }

    func makeApp() throws -> LessonApp {
        try LessonApp(lesson: try XCTUnwrap(try BuiltinLessonLibrary.lesson(named: "temperature")))
    }

    /// Record a session with keys, mouse and frames; write and parse the file; replay it into a fresh app:
    /// the screens after every entry are identical, random numbers included (T > 0 steps).
    func testRecordedSessionReplaysToIdenticalScreens() throws {
        let clock = FakeClock()
        var rec = RecordingApp(try makeApp(), arguments: ["lesson", "temperature", "--fps", "10"], clock: { clock.now })
        rec.start(width: 90, height: 30, capabilities: .unicodeColor)
        var screens: [CellGrid] = []
        func snap() { var g = CellGrid(width: 90, height: 30); rec.render(into: &g); screens.append(g) }
        let script: [InputEvent?] = [.key(.pageDown), nil, nil, .key(.char("+")), nil, .mouse(MouseEvent(.press(.left), x: 10, y: 6)),
                                     .mouse(MouseEvent(.move, x: 14, y: 6)), .mouse(MouseEvent(.release, x: 14, y: 6)), nil,
                                     .key(.char("c")), nil, .key(.pageDown), nil, nil, .key(.char("e")), .key(.char("n")), nil]
        for item in script {
            clock.now += 0.05
            if let e = item { rec.handle(e) } else { rec.tick(elapsed: 0.05) }
            snap()
        }
        let text = rec.recording.text()
        let parsed = try SessionRecording.parse(text, file: "r")
        XCTAssertEqual(parsed, rec.recording)
        XCTAssertEqual(parsed.arguments, ["lesson", "temperature", "--fps", "10"])

        var replay = ReplayApp(try makeApp(), recording: parsed)
        replay.start(width: 120, height: 40, capabilities: .unicodeColor)
        for k in screens.indices {
            replay.applyNext()
            XCTAssertEqual(replay.innerScreen(), screens[k], "screen after entry \(k + 1) differs")
        }
        XCTAssertTrue(replay.isDone)

        // Real-time playback reaches the same end.
        var timed = ReplayApp(try makeApp(), recording: parsed, speed: 4)
        timed.start(width: 90, height: 30, capabilities: .unicodeColor)
        while !timed.isDone { timed.tick(elapsed: 0.01) }
        XCTAssertEqual(timed.innerScreen(), screens.last)
    }

    /// Item 2: a recorded screen size (header or resize) beyond the largest screen is refused with the line,
    /// before anything is allocated; the grid itself never exceeds the limit.
    func testItem2_hugeRecordedSizesRefusedBeforeAllocation() throws {
        let head = "hopfield-recording 1\nargv: tui\nsize: 80 24\nglyphs: unicode\ncolor: color\n---\n"
        let cases: [(String, Int)] = [
            (head + "0.1 r 100000 100000\n", 7),
            (head + "0.1 r 2001 10\n", 7),
            (head + "0.1 r 0 0\n", 7),
            (head.replacingOccurrences(of: "size: 80 24", with: "size: 10000 10000"), 3),
        ]
        for (text, line) in cases {
            XCTAssertThrowsError(try SessionRecording.parse(text, file: "r.txt")) { error in
                let e = error as? LessonError
                XCTAssertEqual(e?.line, line, "\(error)")
                XCTAssertTrue(e?.message.contains("the largest drawn") == true, "\(error)")
            }
        }
        let largest = try SessionRecording.parse(head + "0.1 r \(CellGrid.maxWidth) \(CellGrid.maxHeight)\n", file: "r.txt")
        XCTAssertEqual(largest.entries.count, 1)
        let clipped = CellGrid(width: 100_000, height: 100_000)
        XCTAssertEqual(clipped.cells.count, CellGrid.maxWidth * CellGrid.maxHeight)
    }

    func testKeyNamesRoundTrip() {
        let keys: [Key] = [.char(" "), .char("a"), .char("+"), .char("é"), .char("?"), .char("f"), .up, .down, .left, .right, .enter, .escape,
                           .backspace, .tab, .pageUp, .pageDown, .function(1), .function(10), .other(410)]
        for k in keys { XCTAssertEqual(KeyName.key(named: KeyName.name(of: k)), k, "\(k)") }
    }

    /// The recorded theme is shown ("color: color", from older files, is dark), unless the terminal is
    /// monochrome; `replay --theme` shows another.
    func testReplayShowsTheRecordedTheme() throws {
        let text = "hopfield-recording 1\nargv: tui\nsize: 80 24\nglyphs: unicode\ncolor: light\n---\n0.05 t 0.05\n"
        let light = try SessionRecording.parse(text, file: "r")
        XCTAssertEqual(light.theme, .light)
        XCTAssertTrue(light.text().contains("color: light"))
        XCTAssertEqual(try SessionRecording.parse(text.replacingOccurrences(of: "color: light", with: "color: color"), file: "r").theme, .dark)
        let app = HopfieldApp(state: HopfieldState(config: try lettersConfig()))
        var shown = ReplayApp(app, recording: light)
        shown.start(width: 80, height: 24, capabilities: .unicodeColor)
        XCTAssertEqual(shown.theme, .light)
        var mono = ReplayApp(app, recording: light)
        mono.start(width: 80, height: 24, capabilities: DisplayCapabilities(glyphs: .unicode, theme: .mono))
        XCTAssertEqual(mono.theme, .mono)
        var asked = ReplayApp(app, recording: light, theme: .dark)
        asked.start(width: 80, height: 24, capabilities: .unicodeColor)
        XCTAssertEqual(asked.theme, .dark)
    }

    func testMalformedRecordingsNameTheLine() {
        let head = "hopfield-recording 1\nargv: tui\nsize: 80 24\nglyphs: unicode\ncolor: color\n---\n"
        let cases: [(String, Int, String)] = [
            ("nope", 1, "not a hopfield recording"),
            ("hopfield-recording 1\nargv: tui\n", 2, "'---'"),
            (head + "0.1 k space\n0.05 k q\n", 8, "non-decreasing"),
            (head + "0.1 z 1\n", 7, "unknown entry"),
            (head + "0.1 k nosuchkey\n", 7, "unknown key"),
            (head + "0.1 m press thumb 1 2\n", 7, "press left"),
            (head + "0.1 t -1\n", 7, "frame duration"),
            ("hopfield-recording 1\nargv: tui\nsize: 0 24\nglyphs: unicode\ncolor: color\n---\n", 3, "size"),
        ]
        for (text, line, message) in cases {
            XCTAssertThrowsError(try SessionRecording.parse(text, file: "r.txt"), text) { error in
                guard let e = error as? LessonError else { return XCTFail("\(error)") }
                XCTAssertEqual(e.line, line, "\(text): \(e)")
                XCTAssertTrue(e.description.contains(message), "\(e)")
            }
        }
    }
}

final class SVGExportTests: XCTestCase {
    /// The SVG of a real screen is well-formed XML with one text or shape per visible cell group.
    func testSVGIsWellFormedXML() throws {
        let lesson = try XCTUnwrap(try BuiltinLessonLibrary.lesson(named: "temperature"))
        var app = try LessonApp(lesson: lesson)
        app.start(width: 100, height: 32, capabilities: .unicodeColor)
        for _ in 0..<10 { app.tick(elapsed: 0.1) }
        var g = CellGrid(width: 100, height: 32)
        app.render(into: &g)
        g.put("<&>\"' \u{1}", x: 0, y: 0, style: .warning) // characters XML must escape
        for theme in Theme.allCases {
            let svg = SVGExport.svg(g, theme: theme, title: "a <title> & more")
            let data = Data(svg.utf8)
            let parser = XMLParser(data: data)
            let delegate = Counter()
            parser.delegate = delegate
            XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
            XCTAssertEqual(delegate.roots, ["svg"])
            XCTAssertGreaterThan(delegate.elements["rect", default: 0], 10)
            XCTAssertGreaterThan(delegate.elements["text", default: 0], 10)
            XCTAssertGreaterThan(delegate.elements["line", default: 0], 10)
            XCTAssertTrue(delegate.text.contains("<&>\"'"))
        }
    }

    final class Counter: NSObject, XMLParserDelegate {
        var elements: [String: Int] = [:]
        var roots: [String] = []
        var depth = 0
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if depth == 0 { roots.append(name) }
            depth += 1
            elements[name, default: 0] += 1
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { depth -= 1 }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }
}
