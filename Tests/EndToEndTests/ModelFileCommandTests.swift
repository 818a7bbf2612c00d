import Foundation
import XCTest

/// Model files through the commands a user runs: size limits, memory, messages, JSON reports.
final class ModelFileCommandTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "hopfield-model-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Runs the built executable with output discarded and returns its exit status and peak resident set in
    /// bytes (wait4 reports the rusage of that one child).
    func peakMemory(_ arguments: [String]) throws -> (status: Int32, bytes: Int) {
        let path = Hopfield.binary.path
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid else { throw CocoaError(.executableLoad) }
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exit, usage.ru_maxrss * 1024)
    }

    /// Issue 15 item 5: a model file of zeros (3 bytes per weight, the densest text there is) is read at a few
    /// times its size, not the 24x of a tree of boxed numbers. The floor is 2.7x: the network holds each
    /// weight as an 8-byte Double.
    func testItem5_modelFilesReadWithinAFewTimesTheirSize() throws {
        let n = 1500
        let row = "[" + Array(repeating: "0", count: n).joined(separator: ", ") + "]"
        var text = "{\"format\": \"hopfield-model\", \"version\": 1, \"kind\": \"boltzmann\", \"units\": \"spin\",\n\"weights\": [\n"
        text += Array(repeating: "  " + row, count: n).joined(separator: ",\n")
        text += "\n],\n\"biases\": " + row + "}\n"
        let path = dir + "/zeros.json"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        let size = text.utf8.count
        let baseline = try peakMemory(["run", "--patterns", "seed-example", "--json"])
        let r = try peakMemory(["run", "--model", path, "--max-sweeps", "1", "--json"])
        XCTAssertEqual(r.status, 0)
        let extra = Double(r.bytes - baseline.bytes) / Double(size)
        XCTAssertLessThan(extra, 6, "peak \(r.bytes) bytes for a \(size)-byte file (baseline \(baseline.bytes))")
    }

    /// Issue 15 items 1 and 6 through the commands: no trap, a message naming the field, a non-zero exit.
    func testItem1And6_badModelsRefusedByTheCommands() throws {
        let huge = dir + "/huge.json"
        _ = FileManager.default.createFile(atPath: huge, contents: Data(#"{"format": "hopfield-model", "version": 1, "kind": "boltzmann", "units": "spin", "weights": [[0, 1e308], [1e308, 0]], "biases": [0, 0]}"#.utf8))
        let r = try Hopfield.run(["run", "--model", huge, "--json"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("weights[0][1]") && r.stderr.contains("energy"), r.stderr)
        XCTAssertEqual(r.stdout, "")
        let shape = dir + "/shape.json"
        _ = FileManager.default.createFile(atPath: shape, contents: Data(#"{"format": "hopfield-model", "version": 1, "kind": "rbm", "visibleShape": [999999999999999, 999999999999999], "weights": [[1]], "visibleBias": [0], "hiddenBias": [0]}"#.utf8))
        for command in [["rbm", "sample", "--model", shape], ["rbm", "eval", "--model", shape, "--data", "seed-example"]] {
            let s = try Hopfield.run(command)
            XCTAssertEqual(s.status, 1, "\(command): \(s.stderr)")
            XCTAssertTrue(s.stderr.contains("visibleShape"), s.stderr)
        }
    }

    /// Issue 15 item 6: `run --json` reports energies as numbers, never null, NaN or inf.
    func testItem6_runJSONHasOnlyNumbersWhereNumbersArePromised() throws {
        let model = dir + "/m.json"
        XCTAssertEqual(try Hopfield.run(["store", "--patterns", "seed-example", "--output", model]).status, 0)
        let r = try Hopfield.run(["run", "--model", model, "--cue", "xi1", "--noise", "0.5", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("null") || r.stdout.contains("nan") || r.stdout.contains("inf"), r.stdout)
        let j = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertFalse(try XCTUnwrap(j["energyTrace"] as? [Double]).isEmpty)
    }

    /// Issue 15 item 5 (`--json` outputs): every report is one line written by JSONEncoder (keys sorted at every
    /// level, numbers finite), and parses as JSON.
    func testItem5_jsonReportsAreEncodedNotConcatenated() throws {
        let model = dir + "/digits.json"
        let commands: [[String]] = [
            ["run", "--patterns", "seed-example", "--state", "1101", "--json"],
            ["patterns", "list", "--json"],
            ["capacity", "--neurons", "60", "--alpha", "0.05,0.1", "--trials", "1", "--json"],
            ["phase-diagram", "--neurons", "60", "--alpha", "0.05", "--temperature", "0.5,1.5", "--trials", "1", "--json"],
            ["rbm", "train", "--data", "seed-example", "--hidden", "2", "--epochs", "3", "--output", model, "--json"],
            ["rbm", "eval", "--model", model, "--data", "seed-example", "--json"],
            ["bm", "encoder", "--trials", "2", "--max-cycles", "30", "--json"],
        ]
        func keysSorted(_ value: Any) -> Bool {
            if let d = value as? [String: Any] { return d.values.allSatisfy(keysSorted) }
            if let a = value as? [Any] { return a.allSatisfy(keysSorted) }
            return true
        }
        for command in commands {
            let r = try Hopfield.run(command)
            XCTAssertEqual(r.status, 0, "\(command): \(r.stderr)")
            let lines = r.stdout.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(command): one line")
            let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
            XCTAssertTrue(keysSorted(object), "\(command)")
            // Keys in the text appear in sorted order (JSONEncoder's .sortedKeys), e.g. the top level's.
            if let d = object as? [String: Any] {
                let order = d.keys.sorted().compactMap { r.stdout.range(of: "\"\($0)\":")?.lowerBound }
                XCTAssertEqual(order, order.sorted(), "\(command): keys in sorted order")
            }
            for bad in ["nan", "inf"] { XCTAssertFalse(r.stdout.lowercased().contains(bad), "\(command): \(bad)") }
        }
    }
}
