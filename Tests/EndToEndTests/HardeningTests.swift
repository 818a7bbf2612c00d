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
    func expectRefusal(_ arguments: [String], _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try Hopfield.run(arguments)
        XCTAssertNotEqual(r.status, 0, "\(arguments)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains(expected), "\(arguments): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stderr.trimmingCharacters(in: .newlines).split(separator: "\n").count, 1, r.stderr, file: file, line: line)
    }

    /// Every reader refuses devices at once instead of reading them for ever, and reads pipes (`<(…)`).
    func testItem4_devicesRefusedByEveryReader() throws {
        let start = Date()
        try expectRefusal(["replay", "/dev/zero"], "/dev/zero: is a character device, not a file")
        try expectRefusal(["lesson", "/dev/zero"], "/dev/zero: is a character device, not a file")
        try expectRefusal(["store", "--patterns", "/dev/zero", "--output", dir + "/m.json"], "/dev/zero: is a character device, not a file")
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
        try expectRefusal(["store", "--patterns", "seed-example", "--output", "/dev/zero"], "cannot write /dev/zero: is a device")
        try expectRefusal(["store", "--patterns", "seed-example", "--output", dir], "cannot write \(dir): is a directory")
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
        try expectRefusal(["store", "--patterns", file, "--output", dir + "/m.json"], "a 1,000,000-unit Hebbian network of 1 pattern needs 10 TB of weights")
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
}
