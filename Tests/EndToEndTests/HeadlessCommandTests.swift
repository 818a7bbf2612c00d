import Foundation
import XCTest

/// The headless commands, run as a user runs them: the built executable, its exit status and its output.
final class HeadlessCommandTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "hopfield-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func json(_ text: String) throws -> [String: Any] {
        let obj = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try XCTUnwrap(obj as? [String: Any], text)
    }

    func testRunReportsTheSeedExampleOutcomes() throws {
        var outcomes: [String: Int] = [:]
        for seed in 1...12 {
            let r = try Hopfield.run(["run", "--patterns", "seed-example", "--state", "1101", "--seed", "\(seed)", "--json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let j = try json(r.stdout)
            XCTAssertEqual(j["converged"] as? Bool, true)
            let outcome = try XCTUnwrap(j["outcome"] as? String)
            outcomes[outcome, default: 0] += 1
            XCTAssertEqual(j["energyTrace"] as? [Double], [0, -1, -1])
            switch outcome {
            case "stored": XCTAssertEqual(j["finalState"] as? String, "1100"); XCTAssertEqual(j["pattern"] as? String, "xi1")
            case "inverted": XCTAssertEqual(j["finalState"] as? String, "0101"); XCTAssertEqual(j["pattern"] as? String, "xi2")
            default: XCTFail("unexpected outcome \(outcome)")
            }
        }
        XCTAssertGreaterThan(outcomes["stored", default: 0], 0)
        XCTAssertGreaterThan(outcomes["inverted", default: 0], 0)

        let sync = try Hopfield.run(["run", "--patterns", "seed-example", "--state", "1101", "--schedule", "sync", "--json"])
        let j = try json(sync.stdout)
        XCTAssertEqual(j["outcome"] as? String, "cycle")
        XCTAssertEqual(j["converged"] as? Bool, false)
        XCTAssertTrue(j["pattern"] is NSNull)
    }

    func testStoreThenRunAndSampleFromTheModel() throws {
        let model = dir + "/seed.json"
        let s = try Hopfield.run(["store", "--patterns", "seed-example", "--output", model])
        XCTAssertEqual(s.status, 0, s.stderr)
        let r = try Hopfield.run(["run", "--model", model, "--cue", "xi2", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try json(r.stdout)["outcome"] as? String, "stored")
        let sample = try Hopfield.run(["sample", "--model", model, "--temperature", "0.5", "--sweeps", "25", "--burn-in", "5"])
        XCTAssertEqual(sample.status, 0, sample.stderr)
        let lines = sample.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 25)
        XCTAssertTrue(lines.allSatisfy { $0.count == 4 && $0.allSatisfy { $0 == "0" || $0 == "1" } })
        // Binary units store the same memories.
        let bin = dir + "/bin.json"
        XCTAssertEqual(try Hopfield.run(["store", "--patterns", "seed-example", "--units", "binary", "--output", bin]).status, 0)
        XCTAssertEqual(try json(try Hopfield.run(["run", "--model", bin, "--cue", "xi1", "--json"]).stdout)["outcome"] as? String, "stored")
    }

    func testBadInputGivesAMessageAndNonZeroExit() throws {
        let bad = dir + "/bad.json"
        try #"{"format": "hopfield-model", "version": 1, "kind": "boltzmann", "units": "spin", "weights": [[0, 1], [2, 0]], "biases": [0, 0]}"#
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["run", "--model", bad], "weights[0][1]"),
            (["run", "--model", dir + "/missing.json"], "no such file"),
            (["run", "--patterns", "seed-example", "--noise", "2"], "--noise"),
            (["run", "--patterns", "seed-example", "--temperature", "nan"], "--temperature"),
            // A negative value after a space is read as the value, not as an option, and refused as such.
            (["run", "--patterns", "seed-example", "--temperature", "-1"], "--temperature must be a finite number ≥ 0, found -1"),
            (["run", "--patterns", "seed-example", "--state", "10"], "4 units"),
            (["run", "--patterns", "seed-example", "--cue", "\u{1B}[31mred"], "\\u{1B}"),
            (["run"], "--patterns"),
            (["sample", "--model", bad, "--temperature", "1", "--sweeps", "1"], "symmetric"),
            (["store", "--patterns", "no-such-set", "--output", dir + "/x.json"], "no-such-set"),
        ]
        for (args, text) in cases {
            let r = try Hopfield.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(text), "\(args): stderr lacks \(text): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("\u{1B}"), "raw escape echoed for \(args)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/x.json"))
    }
}

/// Runs the built `hopfield` executable (next to the test bundle; HOPFIELD_BINARY overrides).
enum Hopfield {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["HOPFIELD_BINARY"] { return URL(fileURLWithPath: path) }
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("hopfield")
        }
        #endif
        return Bundle.main.bundleURL.appendingPathComponent("hopfield")
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, directory: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = binary
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        // Output goes to temporary files: no pipe can fill up and block the child.
        let base = NSTemporaryDirectory() + "hopfield-run-\(UUID().uuidString)"
        let outPath = base + ".out", errPath = base + ".err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outPath); try? FileManager.default.removeItem(atPath: errPath) }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        p.waitUntilExit()
        try? out.close()
        try? err.close()
        let outData = FileManager.default.contents(atPath: outPath) ?? Data()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
