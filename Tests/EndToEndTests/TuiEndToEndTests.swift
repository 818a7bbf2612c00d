// Linux only: the helpers read /proc and spawn tmux with posix_spawn and `environ`.
#if os(Linux)
import Foundation
import Glibc
import XCTest

/// The live view in a real terminal: the built binary inside a detached tmux session of a fixed size,
/// driven with send-keys and read back with capture-pane. Every wait polls the screen until a condition
/// holds (with a timeout); nothing relies on a fixed sleep alone. Skipped only when tmux is not installed.
final class TuiEndToEndTests: XCTestCase {
    var tmux: Tmux!
    var dir = ""

    override func setUpWithError() throws {
        guard Tmux.executable != nil else { throw XCTSkip("tmux is not installed: the terminal end-to-end tests need it (CI installs it)") }
        dir = NSTemporaryDirectory() + "hopfield-tui-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        tmux?.killServer()
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Starts `hopfield <arguments>` in a new session; the shell then prints `EXITED <status>` and waits,
    /// so the exit status and the restored screen can be read.
    func start(_ arguments: [String] = [], width: Int = 80, height: Int = 24, env: [String: String] = [:]) throws {
        var environment = ["LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TERM": Tmux.term]
        for (k, v) in env { environment[k] = v }
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Tmux.quote($0.value))" }.joined(separator: " ")
        let unset = env["NO_COLOR"] == nil ? "-u NO_COLOR " : ""
        // `trap : INT` keeps the wrapper shell alive through Ctrl-C (the child still gets the default action).
        let command = "trap : INT; env \(unset)\(assignments) \(Tmux.quote(Hopfield.binary.path)) \(arguments.map(Tmux.quote).joined(separator: " ")); echo EXITED $?; sleep 120"
        tmux = try Tmux(width: width, height: height, directory: dir, command: command)
    }

    @discardableResult
    func waitFor(_ what: String, timeout: Double = 20, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = tmux.capture()
            if condition(screen) { return screen }
            usleep(50_000)
        }
        XCTFail("timed out waiting for \(what); the screen was:\n\(screen)")
        throw XCTSkip("gave up after the failure above")
    }

    @discardableResult
    func waitFor(text: String, timeout: Double = 20) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// The opening screen, then the recall a first-time user does: cue, corrupt, run, recover.
    func testCueCorruptRunRecovers() throws {
        try start()
        // The hint line is drawn last: once it is there, the whole first frame is.
        let first = try waitFor(text: "q quit")
        XCTAssertTrue(first.contains("PAUSED"), first)
        XCTAssertTrue(first.contains("Overlap m with memories"), first)
        XCTAssertTrue(first.contains("space run"), "the hint line is visible")
        tmux.send("1")
        try waitFor(text: "cued memory 1: R")
        tmux.send("c")
        try waitFor(text: "corrupted: flipped 10 units")
        tmux.send("c")
        try waitFor("a corrupted state") { $0.contains("corrupted") && !$0.contains("m=+1.00") }
        tmux.send("Space", literal: false)
        let done = try waitFor(text: "RUNNING: fixed point")
        XCTAssertTrue(done.contains("best R m=+1.00"), done)
        XCTAssertTrue(done.contains("fixed point"), done)
        tmux.send("q")
        try waitFor(text: "EXITED 0")
    }

    /// Resizing re-lays out at once: bigger neurons in a bigger window, the too-small screen, and back.
    func testResizeRelayoutsImmediately() throws {
        try start()
        try waitFor(text: "State 10x10 (x1)")
        tmux.resize(width: 120, height: 40)
        try waitFor(text: "State 10x10 (x3)")
        tmux.resize(width: 50, height: 14)
        try waitFor(text: "Terminal too small")
        tmux.resize(width: 80, height: 24)
        try waitFor(text: "State 10x10 (x1)")
        tmux.send("q")
        try waitFor(text: "EXITED 0")
    }

    func testTooSmallWindowShowsEnlargeMessageAndQuits() throws {
        try start(width: 40, height: 10)
        let screen = try waitFor(text: "Terminal too small")
        XCTAssertTrue(screen.contains("This window is 40x10."), screen)
        XCTAssertTrue(screen.contains("at least 60x16"), screen)
        tmux.send("q")
        try waitFor(text: "EXITED 0")
    }

    /// A non-UTF-8 locale gets the ASCII glyph set.
    func testCLocaleUsesAsciiGlyphs() throws {
        try start(env: ["LC_ALL": "C", "LANG": "C"])
        let screen = try waitFor(text: "q quit")
        XCTAssertTrue(screen.contains("+ State 10x10"), screen)
        XCTAssertTrue(screen.contains("##"), screen)
        XCTAssertFalse(screen.contains("┌") || screen.contains("█") || screen.contains("·"), screen)
        XCTAssertTrue(screen.unicodeScalars.allSatisfy { $0.isASCII }, screen)
        tmux.send("q")
        try waitFor(text: "EXITED 0")
    }

    /// NO_COLOR: no colour escape at all, but bold/reverse still mark the title and badges.
    func testNoColorIsMonochrome() throws {
        try start(env: ["NO_COLOR": "1"])
        try waitFor(text: "PAUSED")
        let sgr = Tmux.sgrParameters(tmux.capture(escapes: true))
        XCTAssertTrue(sgr.contains(7), "reverse video is used")
        XCTAssertTrue(sgr.allSatisfy { !Tmux.isColor($0) }, "colour parameters: \(sgr.filter(Tmux.isColor))")
        tmux.send("q")
        try waitFor(text: "EXITED 0")

        // The same screen in colour does use colours (so the check above can fail).
        tmux.killServer()
        try start()
        try waitFor(text: "PAUSED")
        XCTAssertTrue(Tmux.sgrParameters(tmux.capture(escapes: true)).contains(where: Tmux.isColor))
    }

    /// `q` restores the terminal: the normal screen is back, the cursor visible, mouse reporting off.
    func testQuitRestoresTerminal() throws {
        try start()
        try waitFor(text: "PAUSED")
        XCTAssertEqual(tmux.format("#{alternate_on}"), "1")
        tmux.send("q")
        try waitFor(text: "EXITED 0")
        XCTAssertEqual(tmux.format("#{alternate_on} #{cursor_flag} #{mouse_any_flag}"), "0 1 0")
    }

    /// SIGHUP (as from a dropped SSH link) restores the terminal and ends the process with 128 + 1.
    func testHangupSignalEndsTheProcess() throws {
        try start()
        try waitFor(text: "PAUSED")
        let pid = try XCTUnwrap(tmux.childPID(), "no hopfield process under the pane")
        kill(pid, SIGHUP)
        try waitFor(text: "EXITED 129")
        XCTAssertEqual(tmux.format("#{alternate_on} #{cursor_flag}"), "0 1")
    }

    /// A crash signal restores the terminal, then the process dies of that signal (128 + 11).
    func testCrashSignalRestoresTerminal() throws {
        try start()
        try waitFor(text: "PAUSED")
        kill(try XCTUnwrap(tmux.childPID()), SIGSEGV)
        try waitFor(text: "EXITED 139")
        XCTAssertEqual(tmux.format("#{alternate_on} #{cursor_flag}"), "0 1")
    }

    /// The flags do what the environment does: ASCII in a UTF-8 locale, monochrome with colours available.
    func testAsciiAndNoColorFlags() throws {
        try start(["--ascii", "--no-color"])
        let screen = try waitFor(text: "q quit")
        XCTAssertTrue(screen.unicodeScalars.allSatisfy { $0.isASCII }, screen)
        XCTAssertFalse(Tmux.sgrParameters(tmux.capture(escapes: true)).contains(where: Tmux.isColor))
    }

    /// Closing the terminal (the tmux session goes away) must end the process, never leave it spinning.
    func testClosingTheTerminalEndsTheProcess() throws {
        try start()
        try waitFor(text: "PAUSED")
        let pid = try XCTUnwrap(tmux.childPID())
        tmux.killServer()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline && Tmux.isAlive(pid) { usleep(50_000) }
        XCTAssertFalse(Tmux.isAlive(pid), "hopfield (pid \(pid)) still runs after its terminal closed")
    }

    /// Even with SIGHUP blocked (so only the failing reads tell), a closed terminal ends the process
    /// promptly instead of leaving it spinning on errors.
    func testClosedTerminalWithHangupBlockedStillExits() throws {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("python3 is needed to start the program with SIGHUP blocked")
        }
        let script = "import os, signal, sys; signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGHUP]); os.execv(sys.argv[1], sys.argv[1:])"
        let command = "env -u NO_COLOR LC_ALL=C.UTF-8 TERM=\(Tmux.term) \(python) -c \(Tmux.quote(script)) \(Tmux.quote(Hopfield.binary.path)); echo EXITED $?; sleep 120"
        tmux = try Tmux(width: 80, height: 24, directory: dir, command: command)
        try waitFor(text: "PAUSED")
        let pid = try XCTUnwrap(tmux.childPID())
        let blocked = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("SigBlk:") }
        let mask = blocked.flatMap { UInt64($0.split(separator: "\t").last ?? "", radix: 16) }
        XCTAssertEqual(mask.map { $0 & 1 != 0 }, true, "SIGHUP (bit 0 of SigBlk) is blocked: \(String(describing: blocked))")
        tmux.killServer()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline && Tmux.isAlive(pid) { usleep(50_000) }
        XCTAssertFalse(Tmux.isAlive(pid), "hopfield (pid \(pid)) still runs after its terminal closed")
    }

    func testSigtermAndCtrlCRestoreAndExit() throws {
        try start()
        try waitFor(text: "PAUSED")
        tmux.send("C-c", literal: false)
        try waitFor(text: "EXITED 130")
        XCTAssertEqual(tmux.format("#{alternate_on} #{cursor_flag}"), "0 1")
        tmux.killServer()
        try start()
        try waitFor(text: "PAUSED")
        kill(try XCTUnwrap(tmux.childPID()), SIGTERM)
        try waitFor(text: "EXITED 143")
    }

    /// Paused and idle: no bytes reach the terminal and (almost) no CPU is used; running: bytes flow.
    func testNoOutputWhilePaused() throws {
        try start()
        try waitFor(text: "PAUSED")
        let log = dir + "/pane.log"
        tmux.pipe(to: log)
        // Let anything in flight land, then measure an idle stretch.
        usleep(300_000)
        let pid = try XCTUnwrap(tmux.childPID())
        let size0 = Tmux.fileSize(log)
        let cpu0 = Tmux.cpuTicks(pid)
        usleep(1_500_000)
        XCTAssertEqual(Tmux.fileSize(log), size0, "bytes written while paused")
        if let c0 = cpu0, let c1 = Tmux.cpuTicks(pid) {
            XCTAssertLessThanOrEqual(c1 - c0, 5, "CPU ticks (1/100 s) used in 1.5 s paused")
        }
        // Running writes (only changed cells, but something changes): the measurement works.
        tmux.send("r")
        tmux.send("Space", literal: false)
        try waitFor(text: "RUNNING")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline && Tmux.fileSize(log) == size0 { usleep(50_000) }
        XCTAssertGreaterThan(Tmux.fileSize(log), size0)
        // Running but settled at a T = 0 fixed point: idle again.
        try waitFor(text: "RUNNING: fixed point")
        usleep(300_000)
        let size1 = Tmux.fileSize(log)
        usleep(1_000_000)
        XCTAssertEqual(Tmux.fileSize(log), size1, "bytes written while settled at a fixed point")
        tmux.send("q")
        try waitFor(text: "EXITED 0")
    }

    /// `w` writes the state as a pattern file in the working directory.
    func testWriteStateFile() throws {
        try start()
        try waitFor(text: "PAUSED")
        tmux.send("2")
        try waitFor(text: "cued memory 2")
        tmux.send("w")
        try waitFor(text: "wrote hopfield-state-1.txt")
        let text = try String(contentsOfFile: dir + "/hopfield-state-1.txt", encoding: .utf8)
        XCTAssertTrue(text.contains(">state-1"), text)
        XCTAssertEqual(text.split(separator: "\n").filter { $0.allSatisfy { $0 == "#" || $0 == "." } }.count, 10)
        tmux.send("q")
        try waitFor(text: "EXITED 0")
    }

    /// Mouse painting through the real terminal: xterm mouse reports (as a terminal sends them) for a
    /// left press, a drag and a release paint up; a right press paints down. At 80x24 the 10x10 grid
    /// starts at column 14, row 6, two columns per neuron.
    func testMousePaintsNeurons() throws {
        try start()
        try waitFor(text: "PAUSED")
        tmux.send("1")
        try waitFor(text: "cued memory 1")
        tmux.send("i") // R inverted: row 0 is ........##, so painting (0,0)-(0,2) up changes them
        try waitFor(text: "inverted the state")
        func report(_ button: Int, _ x: Int, _ y: Int) -> String {
            "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + x))) + String(UnicodeScalar(UInt8(33 + y)))
        }
        // One report at a time, as a hand drags: ncurses drops a press that reaches it in one read together
        // with the motion after it, so each step waits for the last one to land.
        tmux.send(report(0, 14, 6))       // left press on (0,0)
        try waitFor(text: "painted (0,0) up")
        tmux.send(report(32, 16, 6))      // drag to (0,1)
        try waitFor(text: "painted (0,1) up")
        tmux.send(report(32, 18, 6))      // drag to (0,2)
        tmux.send(report(3, 18, 6))       // release
        let painted = try waitFor(text: "painted (0,2) up")
        let row0 = Array(painted.components(separatedBy: "\n")[6].unicodeScalars)
        // (0,0)-(0,2) painted up, (0,3)-(0,6) still down from the inverted R.
        XCTAssertEqual(String(String.UnicodeScalarView(row0[14..<28])), String(repeating: "█", count: 6) + String(repeating: " ", count: 8), painted)
        tmux.send(report(2, 14, 6))       // right press on (0,0)
        tmux.send(report(3, 14, 6))
        let erased = try waitFor(text: "painted (0,0) down")
        let row0b = Array(erased.components(separatedBy: "\n")[6].unicodeScalars)
        XCTAssertEqual(String(String.UnicodeScalarView(row0b[14..<16])), "  ", erased)
        tmux.send("q")
        try waitFor(text: "EXITED 0")
    }

    /// xterm mouse report (X10 encoding) of button code `button` at column x, row y (0-based).
    static func mouseReport(_ button: Int, _ x: Int, _ y: Int) -> String {
        "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + x))) + String(UnicodeScalar(UInt8(33 + y)))
    }

    /// A fast click: press and release written to the terminal together (as over SSH or from xdotool).
    /// ncurses merges them into one BUTTONn_CLICKED report, which must act as a click: a left click on an
    /// overlap row cues that memory, on the grid it paints up; a right click paints down.
    func testMergedClickCuesAndPaints() throws {
        try start()
        let first = try waitFor(text: "q quit")
        // At 80x24 the overlap rows start under the "Overlap" title; memory 3 is the third row.
        let lines = first.components(separatedBy: "\n")
        let titleRow = try XCTUnwrap(lines.firstIndex { $0.contains("Overlap m with memories") })
        tmux.send(Self.mouseReport(0, 55, titleRow + 3) + Self.mouseReport(3, 55, titleRow + 3))
        try waitFor(text: "cued memory 3: V")
        tmux.send("1")
        try waitFor(text: "cued memory 1")
        tmux.send("i")
        try waitFor(text: "inverted the state")
        tmux.send(Self.mouseReport(0, 14, 6) + Self.mouseReport(3, 14, 6))
        try waitFor(text: "painted (0,0) up")
        tmux.send(Self.mouseReport(2, 14, 6) + Self.mouseReport(3, 14, 6))
        try waitFor(text: "painted (0,0) down")
        // Two clicks in one read are one double click for ncurses (at the second click's cell): a click too.
        let twice = Self.mouseReport(0, 55, titleRow + 2) + Self.mouseReport(3, 55, titleRow + 2)
        tmux.send(twice + twice)
        try waitFor(text: "cued memory 2: T")
        tmux.send("q")
        try waitFor(text: "EXITED 0")
    }

    /// htop's function keys: F1 opens the help overlay, F10 quits.
    func testF1HelpAndF10Quit() throws {
        try start()
        try waitFor(text: "PAUSED")
        tmux.send("F1", literal: false)
        // The overlay lists the function keys beside ? and q (polled: a capture can catch half a frame).
        try waitFor("the help overlay with F1 and F10") { $0.contains("Keys (Esc closes)") && $0.contains("? F1") && $0.contains("q F10") }
        tmux.send("Escape", literal: false)
        try waitFor("the help closed") { !$0.contains("Keys (Esc closes)") }
        tmux.send("F10", literal: false)
        try waitFor(text: "EXITED 0")
        tmux.killServer()
        try start(["bm", "live"])
        try waitFor(text: "PAUSED")
        tmux.send("F1", literal: false)
        try waitFor(text: "finish this learning cycle")
        tmux.send("F10", literal: false)
        try waitFor(text: "EXITED 0")
    }

    /// Under LC_ALL=C the view falls back to ASCII and says so once; --unicode forces the Unicode glyphs.
    func testUnicodeFlagOverridesTheCLocale() throws {
        try start(env: ["LC_ALL": "C", "LANG": "C"])
        let ascii = try waitFor(text: "q quit")
        XCTAssertTrue(ascii.contains("ASCII glyphs: the locale is not UTF-8; --unicode to override"), ascii)
        XCTAssertTrue(ascii.unicodeScalars.allSatisfy { $0.isASCII }, ascii)
        tmux.send("q")
        try waitFor(text: "EXITED 0")
        tmux.killServer()
        try start(["--unicode"], env: ["LC_ALL": "C", "LANG": "C"])
        let unicode = try waitFor(text: "q quit")
        XCTAssertTrue(unicode.contains("┌ State 10x10") && unicode.contains("██"), unicode)
        XCTAssertFalse(unicode.contains("ASCII glyphs"), unicode)
        tmux.send("q")
        try waitFor(text: "EXITED 0")
    }

    /// The light theme writes no yellow or cyan text (SGR 33/36/93/96) but does use colour; HOPFIELD_THEME
    /// chooses it too, and the dark theme (the default here) uses yellow key hints.
    func testLightThemeHasNoYellowOrCyanText() throws {
        let unreadable: Set<Int> = [33, 36, 93, 96]
        for (args, env) in [(["--theme", "light"], [String: String]()), ([], ["HOPFIELD_THEME": "light"])] {
            try start(args, env: env)
            try waitFor(text: "PAUSED")
            let sgr = Tmux.sgrParameters(tmux.capture(escapes: true))
            XCTAssertTrue(sgr.contains(where: Tmux.isColor), "\(args) \(env): colour is used")
            XCTAssertTrue(Set(sgr).isDisjoint(with: unreadable), "\(args) \(env): \(sgr.filter { unreadable.contains($0) })")
            tmux.send("q")
            try waitFor(text: "EXITED 0")
            tmux.killServer()
        }
        try start()
        try waitFor(text: "q quit")
        XCTAssertTrue(Tmux.sgrParameters(tmux.capture(escapes: true)).contains(33), "the dark theme's key hints are yellow")
    }

    /// The share of the energy plot's columns that carry Braille dots, and the plot's width.
    func traceCoverage(_ screen: String) throws -> (used: Int, width: Int) {
        let lines = screen.components(separatedBy: "\n")
        let top = try XCTUnwrap(lines.firstIndex { $0.contains("Energy E") }, screen)
        let bottom = try XCTUnwrap(lines[(top + 1)...].firstIndex { $0.hasSuffix("┘") }, screen)
        // Each plot row is the text between the axis (the panel's second │) and the right border.
        let rows = lines[(top + 1)..<bottom].map { line -> [Character] in
            let parts = line.components(separatedBy: "│")
            return parts.count >= 3 ? Array(parts[parts.count - 2]) : []
        }
        let width = try XCTUnwrap(rows.map(\.count).max())
        let used = (0..<width).filter { x in
            rows.contains { x < $0.count && ($0[x].unicodeScalars.first.map { (0x2801...0x28FF).contains($0.value) } ?? false) }
        }
        return (used.count, width)
    }

    /// The energy trace is fitted to its panel, the newest sample at the right edge: a T = 0 recall (a few
    /// dozen samples at the default 20 frames a second; a plot of the last samples only, right-aligned,
    /// filled about half the width) spans at least 90% of the plot's columns, and so does a run of a few hundred samples
    /// at T = 1 (one per frame at 120 frames a second), older ones compressed rather than scrolled away.
    func testEnergyTraceSpansThePlotWidth() throws {
        try start()
        try waitFor(text: "q quit")
        tmux.send("Space", literal: false)
        let settled = try waitFor(text: "RUNNING: fixed point")
        let short = try traceCoverage(settled)
        XCTAssertGreaterThan(short.width, 20, settled)
        XCTAssertGreaterThanOrEqual(Double(short.used), 0.9 * Double(short.width), "\(short.used) of \(short.width) columns:\n\(settled)")
        tmux.send("q")
        try waitFor(text: "EXITED 0")
        tmux.killServer()

        try start(["--temperature", "1", "--fps", "120"])
        try waitFor(text: "q quit")
        tmux.send("Space", literal: false)
        func updates(_ screen: String) -> Int {
            guard let r = screen.range(of: "updates ") else { return 0 }
            return Int(screen[r.upperBound...].prefix { $0.isNumber }) ?? 0
        }
        // 200 updates a second, one or two per frame: 600 updates is a few hundred samples.
        let long = try waitFor("600 updates") { updates($0) >= 600 }
        let c = try traceCoverage(long)
        XCTAssertGreaterThanOrEqual(Double(c.used), 0.9 * Double(c.width), "\(c.used) of \(c.width) columns:\n\(long)")
        tmux.send("q")
        try waitFor(text: "EXITED 0")
    }

    /// A HOPFIELD_THEME that names no theme is said once in the message line, not silently ignored.
    func testUnknownThemeInTheEnvironmentIsReported() throws {
        try start(width: 100, height: 30, env: ["HOPFIELD_THEME": "sepia"])
        try waitFor(text: "HOPFIELD_THEME=sepia is not dark, light or mono: ignored")
        tmux.send("q")
        try waitFor(text: "EXITED 0")
    }

    /// `bm live` at its defaults: the first learning cycle (the first weight change) ends within 4 s of
    /// pressing space (the default 200 sweeps a second does it in 1.6 s).
    func testBMLiveFinishesTheFirstCycleQuickly() throws {
        try start(["bm", "live"])
        try waitFor(text: "q quit")
        tmux.send("Space", literal: false)
        let pressed = Date()
        try waitFor(text: "cycle 1 ", timeout: 10)
        let took = Date().timeIntervalSince(pressed)
        XCTAssertLessThan(took, 4, "cycle 1 after \(took) s")
        tmux.send("q")
        try waitFor(text: "EXITED 0")
    }

    /// `--record` saves the session; `hopfield replay --print-final` reproduces the last screen exactly.
    func testRecordAndReplay() throws {
        let file = dir + "/session.txt"
        try start(["--record", file, "--seed", "5"])
        try waitFor(text: "PAUSED")
        tmux.send("2")
        tmux.send("c")
        tmux.send("c")
        tmux.send("Space", literal: false)
        let live = try waitFor(text: "RUNNING: fixed point")
        tmux.send("q")
        try waitFor(text: "EXITED 0")
        let replay = try Hopfield.run(["replay", file, "--print-final"])
        XCTAssertEqual(replay.status, 0, replay.stderr)
        func statusLine(_ text: String) -> String? { text.components(separatedBy: "\n").first { $0.contains("sweep ") && $0.contains("E=") } }
        XCTAssertNotNil(statusLine(live))
        XCTAssertEqual(statusLine(replay.stdout)?.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "RUNNING", with: "X"),
                       statusLine(live)?.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "RUNNING", with: "X"), replay.stdout)
    }

    /// A terminal that cannot position the cursor, or an unknown one, is refused with a message.
    func testUnusableTerminalTypes() throws {
        try start(env: ["TERM": "dumb"])
        try waitFor(text: "EXITED 1")
        XCTAssertTrue(tmux.capture(joined: true).contains("the terminal type TERM=dumb cannot position the cursor"), tmux.capture())
        tmux.killServer()
        try start(env: ["TERM": "no-such-terminal-type"])
        try waitFor(text: "EXITED 1")
        XCTAssertTrue(tmux.capture(joined: true).contains("unknown terminal type TERM=no-such-terminal-type"), tmux.capture())
    }

    func testMaxFramesExitsByItself() throws {
        try start(["--max-frames", "10", "--fps", "50"])
        try waitFor(text: "EXITED 0")
    }

    /// Before the screen opens: not a terminal, a bad file, a bad option: a message and a non-zero exit.
    func testErrorsBeforeTheScreen() throws {
        let notTTY = try Hopfield.run(["tui"])
        XCTAssertNotEqual(notTTY.status, 0)
        XCTAssertTrue(notTTY.stderr.contains("not a terminal"), notTTY.stderr)
        let bare = try Hopfield.run([])
        XCTAssertNotEqual(bare.status, 0, "bare hopfield is the live view")
        XCTAssertTrue(bare.stderr.contains("not a terminal"), bare.stderr)
        let missing = try Hopfield.run(["tui", "--patterns", dir + "/nope.txt"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("nope.txt"), missing.stderr)
        let fps = try Hopfield.run(["tui", "--fps", "0"])
        XCTAssertNotEqual(fps.status, 0)
        XCTAssertTrue(fps.stderr.contains("--fps"), fps.stderr)
    }
}

/// A private tmux server (its own socket) with one session of a fixed size.
final class Tmux {
    let socket: String

    /// The terminal type inside the panes: tmux's own if its terminfo entry is installed (not everywhere:
    /// older systems ship it in an extra package), else the universal screen-256color.
    static let term: String = {
        let dirs = ["/usr/share/terminfo", "/lib/terminfo", "/etc/terminfo", "/usr/lib/terminfo"]
        return dirs.contains { FileManager.default.fileExists(atPath: "\($0)/t/tmux-256color") } ? "tmux-256color" : "screen-256color"
    }()

    static let executable: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/tmux"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }()

    init(width: Int, height: Int, directory: String, command: String) throws {
        socket = "hopfield-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        let status = run(["-f", "/dev/null", "-u", "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)",
                          "-c", directory, "/bin/sh", "-c", command]).status
        guard status == 0 else { throw XCTSkip("could not start tmux (status \(status))") }
        socketPath = run(["display-message", "-p", "#{socket_path}"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private var socketPath = ""

    /// Runs one tmux client command. Spawned and reaped directly (posix_spawn + waitpid) rather than with
    /// Foundation's Process: `new-session` forks the server, which inherits Process's exit-watching
    /// descriptor, so Process would never see the client exit.
    @discardableResult
    func run(_ args: [String]) -> (status: Int32, output: String) {
        let path = NSTemporaryDirectory() + "hopfield-tmux-\(UUID().uuidString)"
        defer { unlink(path) }
        let argv = [Tmux.executable ?? "/usr/bin/tmux", "-L", socket] + args
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
        guard rc == 0 else { return (-1, "") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let data = FileManager.default.contents(atPath: path) ?? Data()
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : -1, String(decoding: data, as: UTF8.self))
    }

    /// The screen as text; `joined` rejoins lines the terminal wrapped (for plain output such as errors).
    func capture(escapes: Bool = false, joined: Bool = false) -> String {
        run(["capture-pane", "-p"] + (escapes ? ["-e"] : []) + (joined ? ["-J"] : []) + ["-t", "t"]).output
    }

    /// Keys: literal text by default, or tmux key names (Space, Enter, C-c) with `literal: false`.
    func send(_ keys: String, literal: Bool = true) {
        run(["send-keys", "-t", "t"] + (literal ? ["-l"] : []) + [keys])
    }

    func resize(width: Int, height: Int) {
        run(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
    }

    func format(_ f: String) -> String {
        run(["display-message", "-p", "-t", "t", f]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func pipe(to path: String) {
        run(["pipe-pane", "-t", "t", "-o", "cat >> \(Tmux.quote(path))"])
    }

    /// The hopfield process: the child of the pane's shell.
    func childPID() -> pid_t? {
        guard let shell = Int32(format("#{pane_pid}")) else { return nil }
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") {
                for e in entries {
                    guard let pid = Int32(e), let stat = try? String(contentsOfFile: "/proc/\(e)/stat", encoding: .utf8) else { continue }
                    // Fields after the parenthesised command name: state, ppid, …
                    guard let close = stat.lastIndex(of: ")") else { continue }
                    let fields = stat[stat.index(after: close)...].split(separator: " ")
                    if fields.count > 1, Int32(fields[1]) == shell, stat.contains("(hopfield)") { return pid }
                }
            }
            usleep(50_000)
        }
        return nil
    }

    func killServer() {
        run(["kill-server"])
        if socketPath.contains("hopfield-e2e-") { unlink(socketPath) }
    }

    static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        // A zombie has exited; only its parent has not collected it yet.
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    /// utime + stime in clock ticks.
    static func cpuTicks(_ pid: pid_t) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let f = stat[stat.index(after: close)...].split(separator: " ")
        guard f.count > 13, let u = Int(f[11]), let s = Int(f[12]) else { return nil }
        return u + s
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// All numeric parameters of SGR escapes (ESC [ … m) in the text.
    static func sgrParameters(_ text: String) -> [Int] {
        var out: [Int] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i + 1 < scalars.count {
            if scalars[i] == "\u{1B}" && scalars[i + 1] == "[" {
                var j = i + 2
                var params = ""
                while j < scalars.count, scalars[j] != "m", scalars[j].properties.numericType != nil || scalars[j] == ";" || scalars[j] == ":" {
                    params.unicodeScalars.append(scalars[j])
                    j += 1
                }
                if j < scalars.count, scalars[j] == "m" {
                    out += params.split(whereSeparator: { $0 == ";" || $0 == ":" }).compactMap { Int($0) }
                }
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    static func isColor(_ p: Int) -> Bool { (30...38).contains(p) || (40...48).contains(p) || (90...97).contains(p) || (100...107).contains(p) }
}
#endif
