// Linux only, as the tmux helpers they use.
#if os(Linux)
import Foundation
import Glibc
import XCTest

/// Items 11–14 of the hardening issue in a real terminal: flow control, SIGQUIT, every terminating
/// signal, escape sequences nobody decodes.
extension TuiEndToEndTests {
    /// Starts `hopfield tui` in a pane whose shell then prints `EXITED <status>` and the terminal modes
    /// (`stty -a` reduced to the flags that matter), so the restored terminal can be checked.
    func startReportingModes(_ arguments: [String] = [], width: Int = 80, height: Int = 24) throws {
        let env = "env -u NO_COLOR LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=\(Tmux.term)"
        let modes = "stty -a | tr ' ;' '\\n\\n' | grep -x -e '-*icanon' -e '-*echo' -e '-*ixon' | tr '\\n' ' '"
        let command = "trap : INT QUIT; \(env) \(Tmux.quote(Hopfield.binary.path)) \(arguments.map(Tmux.quote).joined(separator: " ")); "
            + "echo EXITED $?; echo MODES $(\(modes)) END; sleep 120"
        tmux = try Tmux(width: width, height: height, directory: dir, command: command)
    }

    /// The pane's terminal modes while the program runs, read from outside (`stty -F`).
    func liveModes() -> String {
        let tty = tmux.format("#{pane_tty}")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "stty -F \(Tmux.quote(tty)) -a"]
        let out = Pipe()
        p.standardOutput = out
        try? p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// After the program ended: status, the shell's modes back (canonical, echo, flow control), the normal
    /// screen, cursor shown, mouse reporting off.
    func expectRestored(status: Int32, file: StaticString = #filePath, line: UInt = #line) throws {
        let screen = try waitFor(text: "END")
        XCTAssertTrue(screen.contains("EXITED \(status)"), screen, file: file, line: line)
        XCTAssertTrue(screen.contains("MODES ixon icanon echo END"), screen, file: file, line: line)
        XCTAssertEqual(tmux.format("#{alternate_on} #{cursor_flag} #{mouse_any_flag}"), "0 1 0", file: file, line: line)
        XCTAssertFalse(screen.contains("crashed") || screen.contains("💣"), screen, file: file, line: line)
    }

    func testItem11_ctrlSDoesNotFreezeTheView() throws {
        try startReportingModes()
        try waitFor(text: "PAUSED")
        XCTAssertTrue(liveModes().contains("-ixon"), "flow control is off while the view is up")
        tmux.send("C-s", literal: false)
        tmux.send("2")
        try waitFor(text: "cued memory 2")  // output was not stopped
        tmux.send("q")
        try expectRestored(status: 0)
    }

    /// Ctrl-\ (SIGQUIT from the keyboard) and kill -QUIT: the terminal restored, exit 131, no crash report.
    func testItem12_sigquitRestoresAndExits131() throws {
        try startReportingModes()
        try waitFor(text: "PAUSED")
        tmux.send("C-\\", literal: false)
        try expectRestored(status: 131)
        tmux.killServer()
        try startReportingModes()
        try waitFor(text: "PAUSED")
        kill(try XCTUnwrap(tmux.childPID()), SIGQUIT)
        try expectRestored(status: 131)
    }

    /// Every signal whose default action ends the process restores the terminal first, then the process
    /// exits with 128 + the signal. SIGPIPE is ignored while the screen is up.
    func testItem13_everyTerminatingSignalRestoresTheTerminal() throws {
        let signals: [Int32] = [SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGIO, SIGPWR, __libc_current_sigrtmin() + 2]
        for sig in signals {
            tmux?.killServer()
            try startReportingModes()
            try waitFor(text: "PAUSED")
            let pid = try XCTUnwrap(tmux.childPID())
            if sig == SIGUSR1 {
                kill(pid, SIGPIPE)  // ignored: the view carries on
                tmux.send("3")
                try waitFor(text: "cued memory 3")
            }
            kill(pid, sig)
            try expectRestored(status: 128 + sig)
        }
    }

    /// A DCS string holding `q`, an OSC title ending in BEL, SGR mouse reports ncurses does not decode and
    /// Alt+q are swallowed whole: no quit, no cue; the next real key works.
    func testItem14_unknownEscapeSequencesSwallowedWhole() throws {
        let file = dir + "/keys.rec"
        try startReportingModes(["--record", file])
        try waitFor(text: "PAUSED")
        tmux.send("\u{1B}P1$qq\u{1B}\\")              // DCS … ST with q inside
        tmux.send("\u{1B}]0;q 1 2\u{07}")             // OSC … BEL
        tmux.send("\u{1B}[<0;12;5M\u{1B}[<0;12;5m")   // SGR mouse press and release
        tmux.send("\u{1B}[1;2;3;4x")                  // a CSI with an unknown final byte
        tmux.send("\u{1B}q")                          // Alt+q
        tmux.send("\u{9B}1;5q")                       // 8-bit CSI (U+009B, UTF-8 encoded)
        tmux.send("4")
        let after = try waitFor(text: "cued memory 4")
        XCTAssertFalse(after.contains("EXITED"), after)
        tmux.send("q")
        try expectRestored(status: 0)
        // What reached the view (the recording holds every event it was given): 4 and q, nothing else.
        var recorded: [String] = []
        for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            if fields.count >= 3 && (fields[1] == "k" || fields[1] == "m") { recorded.append(fields[1...].joined(separator: " ")) }
        }
        XCTAssertEqual(recorded, ["k 4", "k q"])
    }

    /// Item 9: `--record` into an impossible place fails before the screen opens; a session killed with
    /// SIGKILL keeps everything recorded up to its last second.
    func testItem9_recordCheckedAtStartAndWrittenAsItGoes() throws {
        let bad = try Hopfield.run(["tui", "--record", dir + "/missing/x.rec"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(bad.stderr, "Error: --record: cannot write \(dir)/missing/x.rec: No such file or directory\n")
        let file = dir + "/session.rec"
        try startReportingModes(["--record", file, "--seed", "4"])
        try waitFor(text: "PAUSED")
        tmux.send("2")
        try waitFor(text: "cued memory 2")
        tmux.send("c")
        try waitFor(text: "corrupted")
        kill(try XCTUnwrap(tmux.childPID()), SIGKILL)
        try waitFor(text: "END")  // the screen is left as it was (nothing can restore it after SIGKILL)
        XCTAssertTrue(tmux.capture(joined: true).contains("EXITED 137"), tmux.capture())
        let recording = try String(contentsOfFile: file, encoding: .utf8)
        XCTAssertTrue(recording.hasPrefix("hopfield-recording 1\nargv: --seed\t4\n"), recording)
        XCTAssertTrue(recording.contains(" k 2\n") && recording.contains(" k c\n"), recording)
        let replay = try Hopfield.run(["replay", file, "--print-final"])
        XCTAssertEqual(replay.status, 0, replay.stderr)
        XCTAssertTrue(replay.stdout.contains("corrupted"), replay.stdout)
    }

    /// Item 15: switching to Storkey's rule on 10,000 units learns in the background with a progress
    /// message; `q` quits at once instead of waiting for it.
    func testItem15_learningInTheBackgroundAndQuitStaysInstant() throws {
        var text = ""
        for (k, name) in ["a", "b"].enumerated() {
            text += ">\(name)\n"
            for r in 0..<100 { text += String((0..<100).map { c in (r * 7 + c * (k + 3)) % 5 < 2 ? "#" : "." }) + "\n" }
        }
        try text.write(toFile: dir + "/big.txt", atomically: true, encoding: .utf8)
        try startReportingModes(["--patterns", "big.txt"], width: 140, height: 60)  // a 100x100 grid needs 134x56
        try waitFor(text: "PAUSED", timeout: 60)
        tmux.send("l")
        try waitFor(text: "learning the Storkey weights for 10,000 units")
        let start = Date()
        tmux.send("q")
        try expectRestored(status: 0)
        XCTAssertLessThan(Date().timeIntervalSince(start), 3, "q waited for the learning")
    }

    /// Item 17: when `w` cannot write (here the working directory is gone), the whole message, cause
    /// included, is shown in a panel instead of being cut at the title's width; the next key clears it.
    func testItem17_writeFailureShownWhole() throws {
        let gone = dir + "/gone"
        try FileManager.default.createDirectory(atPath: gone, withIntermediateDirectories: true)
        let env = "env -u NO_COLOR LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=\(Tmux.term)"
        tmux = try Tmux(width: 80, height: 24, directory: gone,
                        command: "\(env) \(Tmux.quote(Hopfield.binary.path)); echo EXITED $?; sleep 120")
        try waitFor(text: "PAUSED")
        try FileManager.default.removeItem(atPath: gone)
        tmux.send("w")
        let screen = try waitFor(text: " message ")
        let words = screen.split(whereSeparator: { " \n│".contains($0) }).joined(separator: " ")
        XCTAssertTrue(words.contains("could not write the state: cannot write hopfield-state-1.txt: No such file or directory"), screen)
        tmux.send("e")
        try waitFor("the panel to close") { !$0.contains(" message ") }
        tmux.send("q")
        try waitFor(text: "EXITED 0")
    }
}
#endif
