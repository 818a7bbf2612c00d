import Foundation
import XCTest

/// The hardening issue's items, run as a user (or an attacker) runs the program: one test per item,
/// named after it.
final class HardeningTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "hopfield-harden-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Runs the program and checks it failed with a one-line message containing `expected`.
    /// (`oneLine` false: option errors, which the parser follows with the usage.)
    func expectRefusal(_ arguments: [String], _ expected: String, oneLine: Bool = true, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try Hopfield.run(arguments)
        XCTAssertNotEqual(r.status, 0, "\(arguments)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains(expected), "\(arguments): \(r.stderr)", file: file, line: line)
        if oneLine {
            XCTAssertEqual(r.stderr.trimmingCharacters(in: .newlines).split(separator: "\n").count, 1, r.stderr, file: file, line: line)
        }
    }

    /// Every reader refuses devices at once instead of reading them for ever, and reads pipes (`<(…)`).
    func testItem4_devicesRefusedByEveryReader() throws {
        let start = Date()
        try expectRefusal(["replay", "/dev/zero"], "/dev/zero: is a character device, not a file")
        try expectRefusal(["lesson", "/dev/zero"], "/dev/zero: is a character device, not a file")
        try expectRefusal(["store", "--patterns", "/dev/zero", "--output", dir + "/m.json"], "/dev/zero: is a character device, not a file")
        try expectRefusal(["run", "--model", "/dev/zero"], "/dev/zero: is a character device, not a file")
        try expectRefusal(["rbm", "sample", "--model", "/dev/zero"], "/dev/zero: is a character device, not a file")
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        // A pipe is read (to its end, within the limit): patterns through `<(…)` work.
        let r = try Hopfield.run(["patterns", "show", "/dev/stdin"], stdin: ">a\n#.\n.#\n")
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    /// `--output /dev/stdout` writes the file to standard output and the report to standard error; a
    /// device is refused with what it is, and stays a device.
    func testItem8_outputToStandardOutputAndDevices() throws {
        let r = try Hopfield.run(["store", "--patterns", "seed-example", "--output", "/dev/stdout"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let model = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(model?["format"] as? String, "hopfield-model", r.stdout)
        XCTAssertTrue(r.stderr.contains("stored 2 patterns"), r.stderr)
        // The picture too: the SVG on standard output, the report on standard error.
        let picture = try Hopfield.run(["snapshot", "--output", "/dev/stdout"])
        XCTAssertEqual(picture.status, 0, picture.stderr)
        XCTAssertTrue(picture.stdout.contains("<svg") && picture.stdout.hasSuffix("</svg>\n"), String(picture.stdout.prefix(200)))
        XCTAssertTrue(picture.stderr.contains("wrote /dev/stdout"), picture.stderr)
        try expectRefusal(["store", "--patterns", "seed-example", "--output", "/dev/zero"], "cannot write /dev/zero: is a device")
        try expectRefusal(["store", "--patterns", "seed-example", "--output", dir], "cannot write \(dir): is a directory")
    }

    /// A report that cannot be written (`> /dev/full`) is an error with the reason and status 1, whether it
    /// went through `print`, the buffered writer or a one-line report: never a trap, never a silent exit 0.
    func testStandardOutputThatCannotBeWrittenIsAnError() throws {
        let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? full.close() }
        for arguments in [["patterns", "list"], ["patterns", "show", "optdigits-8x8"], ["run", "--patterns", "letters", "--json"],
                          ["store", "--patterns", "seed-example", "--output", dir + "/m.json"], ["run", "--help"]] {
            let p = Process()
            p.executableURL = Hopfield.binary
            p.arguments = arguments
            let err = Pipe()
            p.standardOutput = full
            p.standardError = err
            try p.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationReason, .exit, "\(arguments): \(message)")
            XCTAssertEqual(p.terminationStatus, 1, "\(arguments): \(message)")
            XCTAssertEqual(message, "Error: cannot write standard output: No space left on device\n", "\(arguments)")
        }
    }

    /// A message that cannot be written to standard error (`2> /dev/full`) is dropped: the status stays
    /// the command's own (64 for a bad option), never a trap.
    func testStandardErrorThatCannotBeWrittenKeepsTheStatus() throws {
        let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? full.close() }
        for (arguments, status) in [(["run", "--bogus"], Int32(64)), (["run", "--model", "/dev/zero"], 1)] {
            let p = Process()
            p.executableURL = Hopfield.binary
            p.arguments = arguments
            p.standardOutput = FileHandle.nullDevice
            p.standardError = full
            try p.run()
            p.waitUntilExit()
            XCTAssertEqual(p.terminationReason, .exit, "\(arguments)")
            XCTAssertEqual(p.terminationStatus, status, "\(arguments)")
        }
    }

    /// Item 2: `replay` of a recording with a huge size fails at once with the line, in both modes.
    func testItem2_replayOfHugeSizesRefused() throws {
        let file = dir + "/huge.txt"
        try "hopfield-recording 1\nargv: tui\nsize: 80 24\nglyphs: unicode\ncolor: color\n---\n0.1 r 100000 100000\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        try expectRefusal(["replay", file, "--print-final"], "huge.txt:7: screen size 100000x100000 is outside 1x1 to 2000x1000")
        try expectRefusal(["replay", file], "huge.txt:7: screen size 100000x100000")
    }

    /// Item 3: a legal but large pattern (one 1000x1000 image) is refused by store and by run --rule storkey
    /// with what it would need, before anything is allocated; bench refuses sizes in its range that do not fit.
    func testItem3_largeNetworksRefusedBeforeAllocation() throws {
        let file = dir + "/big.txt"
        try (">big\n" + String(repeating: String(repeating: "#", count: 1000) + "\n", count: 1000)).write(toFile: file, atomically: true, encoding: .utf8)
        let start = Date()
        try expectRefusal(["store", "--patterns", file, "--rule", "storkey", "--output", dir + "/m.json"],
                          "a 1,000,000-unit Storkey network of 1 pattern needs 8 TB of weights; the limit is")
        // Hebb needs no N² memory: the file holds the rule and the pattern (1 MB), and loading builds low rank.
        let hebb = try Hopfield.run(["store", "--patterns", file, "--output", dir + "/hebb.json"])
        XCTAssertEqual(hebb.status, 0, hebb.stderr)
        XCTAssertLessThan(try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: dir + "/hebb.json")[.size] as? Int), 1_100_000)
        try expectRefusal(["run", "--patterns", file, "--rule", "storkey"], "needs 8 TB of weights")
        try expectRefusal(["bench", "--neurons", "50000", "--patterns", "10000", "--only", "store"], "the dense workloads: a 50,000-unit Hebbian network of 10,000 patterns needs 25.06 GB")
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/m.json"))
    }

    /// Item 7: replaying a session that pressed w and p, or saved an RBM over --output, writes nothing and
    /// says what it would have written.
    func testItem7_replayIsSideEffectFree() throws {
        let head = "hopfield-recording 1\nsize: 100 30\nglyphs: unicode\ncolor: color\n---\n"
        try ("hopfield-recording 1\nargv: tui\t--seed\t3\n" + head.dropFirst(21) + "0.1 k w\n0.2 k p\n0.3 k w\n")
            .write(toFile: dir + "/tui.rec", atomically: true, encoding: .utf8)
        let tui = try Hopfield.run(["replay", "tui.rec", "--print-final"], directory: dir)
        XCTAssertEqual(tui.status, 0, tui.stderr)
        XCTAssertTrue(tui.stdout.contains("would write hopfield-state-1.txt (replay: not written)"), tui.stdout)
        let model = dir + "/model.json"
        try "precious".write(toFile: model, atomically: true, encoding: .utf8)
        try ("hopfield-recording 1\nargv: rbm\tlive\t--hidden\t4\t--output\t\(model)\n" + head.dropFirst(21) + "0.1 k w\n")
            .write(toFile: dir + "/rbm.rec", atomically: true, encoding: .utf8)
        let rbm = try Hopfield.run(["replay", "rbm.rec", "--print-final"], directory: dir)
        XCTAssertEqual(rbm.status, 0, rbm.stderr)
        XCTAssertTrue(rbm.stdout.contains("would save "), rbm.stdout)
        XCTAssertEqual(try String(contentsOfFile: model, encoding: .utf8), "precious")
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: dir)), ["tui.rec", "rbm.rec", "model.json"])
    }

    /// Item 16: a negative number after any option is taken as its value. Every option of every command
    /// (listed by the program's own help dump) is given -1, followed by an unknown option so that nothing
    /// runs: whatever the first error is (a required option absent, the value refused, the unknown option),
    /// it is never a missing value or an unknown option '-1'. Then range validation speaks for a sample.
    func testItem16_negativeNumbersAcceptedAsOptionValues() throws {
        let dump = try Hopfield.run(["--experimental-dump-help"])
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var cases: [(path: [String], option: String)] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["kind"] as? String == "option" {
                let long = (argument["names"] as? [[String: Any]])?.first { $0["kind"] as? String == "long" }
                if let name = long?["name"] as? String { cases.append((path, name)) }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, path + [sub["commandName"] as? String ?? ""]) }
        }
        walk(try XCTUnwrap(root["command"] as? [String: Any]), [])
        XCTAssertGreaterThan(cases.count, 150)
        let commands = cases.map { $0.path + ["--\($0.option)", "-1", "--no-such-option"] }
        let results = ResultBox(count: cases.count)
        DispatchQueue.concurrentPerform(iterations: commands.count) { k in
            let r = try? Hopfield.run(commands[k])
            results.set(k, r?.stderr ?? "did not run")
        }
        for (k, c) in cases.enumerated() {
            let stderr = results.get(k)
            // The defect: -1 read as an option, so the value was "missing" and -1 "unknown".
            let fine = !stderr.contains("Missing value") && !stderr.contains("argument '-1'") && !stderr.contains("option '-1'")
            XCTAssertTrue(fine, "\(c.path) --\(c.option) -1: \(stderr)")
        }
        let ranges: [([String], String)] = [
            (["run", "--patterns", "seed-example", "--noise", "-1"], "--noise must be between 0 and 1, found -1"),
            (["run", "--patterns", "seed-example", "--noise", "-.5"], "--noise must be between 0 and 1, found -0.5"),
            (["run", "--patterns", "seed-example", "--temperature", "-inf"], "--temperature must be a finite number ≥ 0, found -inf"),
            (["bench", "--neurons", "-3"], "--neurons must be from 2 to 50000"),
            (["capacity", "--neurons", "100", "--alpha", "-0.1,0.2"], "--alpha value 1 (-0.1) must be greater than 0"),
            (["tui", "--fps", "-1"], "--fps must be from 1 to 120, found -1"),
            (["replay", "x.rec", "--speed", "-2"], "--speed must be a number above 0, found -2"),
        ]
        for (arguments, message) in ranges { try expectRefusal(arguments, message, oneLine: false) }
        // After `--` nothing is rewritten.
        let after = try Hopfield.run(["patterns", "show", "--", "-1"])
        XCTAssertTrue(after.stderr.contains("-1: no such file"), after.stderr)
    }

    /// Item 20: untrusted text in error messages (a model's units value, a file name, an argument) reaches
    /// the terminal with controls, bidi overrides and format characters escaped, by the one sanitiser.
    func testItem20_untrustedTextEscapedInMessages() throws {
        let model = dir + "/bidi.json"
        try #"{"format": "hopfield-model", "version": 1, "kind": "boltzmann", "units": "spin\u202Eevil\u001B[2J", "shape": [1, 2], "weights": [[0, 1], [1, 0]], "biases": [0, 0]}"#
            .write(toFile: model, atomically: true, encoding: .utf8)
        let cases: [[String]] = [
            ["run", "--model", model],
            ["run", "--patterns", dir + "/x\u{202E}\u{1B}]0;t\u{7}.txt"],
            ["run", "--patterns", "seed-example", "--cue", "\u{2066}\u{9B}31m"],
        ]
        for arguments in cases {
            let r = try Hopfield.run(arguments)
            XCTAssertNotEqual(r.status, 0)
            let raw = r.stderr.unicodeScalars.filter { $0 != "\n" && [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) }
            XCTAssertEqual(raw.count, 0, "\(arguments): \(r.stderr.debugDescription)")
            XCTAssertTrue(r.stderr.contains("\\u{202E}") || r.stderr.contains("\\u{2066}"), r.stderr)
        }
    }

    /// Item 10: `store` killed with SIGKILL while writing leaves its hidden temporary file; the next write
    /// to the same target removes it.
    func testItem10_killedWriteLeavesNothingAfterTheNextWrite() throws {
        var rng = SystemRandomNumberGenerator()
        var text = ""
        for k in 0..<3 {
            text += ">p\(k)\n"
            for _ in 0..<40 { text += String((0..<40).map { _ in Bool.random(using: &rng) ? "#" : "." }) + "\n" }
        }
        try text.write(toFile: dir + "/p.txt", atomically: true, encoding: .utf8)
        func temporaries() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasPrefix(".m.json.tmp-") }
        }
        var killed = false
        for _ in 0..<3 where !killed {
            let p = Process()
            p.executableURL = Hopfield.binary
            p.arguments = ["store", "--patterns", dir + "/p.txt", "--output", dir + "/m.json"]
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            // The 1600-unit model is about 30 MB of JSON: the temporary file lives long enough to be seen.
            while p.isRunning {
                if !temporaries().isEmpty {
                    kill(p.processIdentifier, SIGKILL)
                    killed = true
                    break
                }
                usleep(500)
            }
            p.waitUntilExit()
        }
        XCTAssertTrue(killed, "never caught the write in progress")
        XCTAssertEqual(temporaries().count, 1, "the killed writer's temporary file")
        let again = try Hopfield.run(["store", "--patterns", dir + "/p.txt", "--output", dir + "/m.json"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(temporaries(), [])
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: dir)), ["p.txt", "m.json"])
    }
}

/// Results written from concurrent workers, one slot each.
final class ResultBox: @unchecked Sendable {
    private var values: [String]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: "", count: count) }
    func set(_ k: Int, _ v: String) { lock.withLock { values[k] = v } }
    func get(_ k: Int) -> String { lock.withLock { values[k] } }
}
