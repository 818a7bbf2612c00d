import Foundation
import XCTest

/// `hopfield patterns …` run as a user runs it: the built executable, its exit status and its output.
final class PatternsCommandTests: XCTestCase {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `hopfield` executable beside the test bundle (SwiftPM puts both in the build directory).
    static func executable() throws -> URL {
        let candidates = [
            Bundle.main.bundleURL,
            Bundle(for: PatternsCommandTests.self).bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for dir in candidates {
            let url = dir.appendingPathComponent("hopfield")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw XCTSkip("hopfield executable not found next to the tests (looked in \(candidates.map(\.path)))")
    }

    func run(_ arguments: [String], in directory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pct-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func testListShowsEveryBuiltInSet() throws {
        let r = try run(["patterns", "list"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for name in ["letters", "digits", "shapes", "seed-example", "optdigits-8x8", "correlated"] {
            XCTAssertTrue(r.stdout.contains(name), name)
        }
        XCTAssertTrue(r.stdout.contains("optdigits-8x8  8x8    1797"), r.stdout)
        let json = try run(["patterns", "list", "seed-example", "--json"])
        XCTAssertEqual(json.stdout, "{\"sets\":[{\"cols\":4,\"count\":2,\"name\":\"seed-example\",\"patterns\":[\"xi1\",\"xi2\"],\"rows\":1}]}\n")
    }

    func testShowDrawsPatterns() throws {
        let r = try run(["patterns", "show", "seed-example"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "seed-example: 2 patterns of 1x4\n\nxi1   xi2\n##..  #.#.\n")
        let one = try run(["patterns", "show", "letters", "T"])
        XCTAssertTrue(one.stdout.hasSuffix("T\n##########\n##########\n....##....\n....##....\n....##....\n....##....\n....##....\n....##....\n....##....\n....##....\n"), one.stdout)
        let missing = try run(["patterns", "show", "letters", "Ä"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("no pattern named “Ä”"), missing.stderr)
    }

    /// Each malformed-input class: a non-zero exit and `file:line[:column]: what was expected` on stderr,
    /// with no raw escape character reaching the terminal.
    func testMalformedFilesExitNonZeroWithPlace() throws {
        let dir = try scratch()
        let cases: [(String, String, String)] = [
            ("ragged.txt", ">a\n###\n##\n", "ragged.txt:3:3: ragged row"),
            ("char.txt", ">a\n#o#\n", "char.txt:2:2: unexpected 'o'"),
            ("size.txt", ">a\n##\n\n>b\n###\n", "size.txt:5:3: pattern “b” is 3 wide but the first pattern “a” is 1x2"),
            ("empty.txt", "; nothing\n", "empty.txt: no patterns"),
            ("dup.txt", ">a\n#\n\n>a\n.\n", "dup.txt:4: duplicate pattern name “a”"),
            ("esc.txt", ">\u{1B}[2Jx\n#\n", "esc.txt:1:2: pattern name contains control character \\u{1B}"),
            ("huge.pbm", "P4\n100000 100000\n", "huge.pbm:2: image is 100000x100000"),
            ("short.pbm", "P1\n2 2\n1 0\n", "short.pbm:4:1: the image ends after 2 of its 4 pixels"),
            ("bad.csv", "1,0\n1,x\n", "bad.csv:2:3: expected 0 or 1"),
        ]
        for (name, content, expected) in cases {
            try content.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
            for command in [["patterns", "show", name], ["patterns", "list", name], ["patterns", "convert", name, "out.txt"],
                            ["store", "--patterns", name, "--output", "m.json"]] {
                let r = try run(command, in: dir)
                XCTAssertNotEqual(r.status, 0, "\(command) succeeded")
                XCTAssertTrue(r.stderr.contains(expected), "\(command): \(r.stderr)")
                XCTAssertFalse(r.stderr.contains("\u{1B}"), "raw ESC on stderr")
                XCTAssertEqual(r.stdout, "")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/out.txt"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/m.json"))
    }

    func testConvertBetweenFormats() throws {
        let dir = try scratch()
        var r = try run(["patterns", "convert", "letters", "l.csv"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "wrote 26 patterns of 10x10 to l.csv\n")
        r = try run(["patterns", "convert", "l.csv", "l.txt"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let a = try run(["patterns", "show", "l.txt"], in: dir), b = try run(["patterns", "show", "letters"], in: dir)
        XCTAssertEqual(a.stdout.split(separator: "\n").dropFirst(), b.stdout.split(separator: "\n").dropFirst())

        // Several patterns to one PBM file: refused, with the two ways out named.
        r = try run(["patterns", "convert", "letters", "l.pbm"], in: dir)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("a PBM file holds one pattern but letters has 26"), r.stderr)
        XCTAssertTrue(r.stderr.contains("--name"), r.stderr)
        r = try run(["patterns", "convert", "letters", "l.pbm", "--name", "Q"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try run(["patterns", "show", "l.pbm"], in: dir)
        XCTAssertTrue(r.stdout.hasPrefix("l: 1 pattern of 10x10\n\nl\n..######..\n"), r.stdout)
        r = try run(["patterns", "convert", "digits", "d/"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try run(["patterns", "list", "d"], in: dir)
        XCTAssertTrue(r.stdout.contains("patterns: 10"), r.stdout)

        // Shapes: CSV takes --shape, other input is checked against it.
        try "1,0,1,0,1,0\n".write(toFile: dir + "/s.csv", atomically: true, encoding: .utf8)
        r = try run(["patterns", "show", "s.csv", "--shape", "2x3"], in: dir)
        XCTAssertTrue(r.stdout.hasSuffix("1\n#.#\n.#.\n"), r.stdout)
        r = try run(["patterns", "show", "s.csv", "--shape", "4x4"], in: dir)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("the shape 4x4 needs 16"), r.stderr)
        r = try run(["patterns", "convert", "letters", "x.txt", "--shape", "8x8"], in: dir)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("patterns are 10x10, not the 8x8"), r.stderr)
        r = try run(["patterns", "convert", "letters", "x.png"], in: dir)
        XCTAssertNotEqual(r.status, 0)
    }
}
