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
        try expectRefusal(["run", "--model", "/dev/zero"], "/dev/zero: is a character device, not a file")
        try expectRefusal(["rbm", "sample", "--model", "/dev/zero"], "/dev/zero: is a character device, not a file")
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        // A pipe is read (to its end, within the limit): patterns through `<(…)` work.
        let r = try Hopfield.run(["patterns", "show", "/dev/stdin"], stdin: ">a\n#.\n.#\n")
        XCTAssertEqual(r.status, 0, r.stderr)
    }
}
