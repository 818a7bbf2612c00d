import EnergyModels
import Foundation
import XCTest
@testable import Patterns

/// A fresh temporary directory, removed at the end of the test.
func temporaryDirectory(_ test: XCTestCase) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("patterns-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
    return dir
}

func expectError(_ kind: PatternError.Kind, line: Int? = nil, column: Int? = nil,
                 file: StaticString = #filePath, at testLine: UInt = #line, _ body: () throws -> Any) {
    do {
        _ = try body()
        XCTFail("expected \(kind)", file: file, line: testLine)
    } catch let e as PatternError {
        XCTAssertEqual(e.kind, kind, e.description, file: file, line: testLine)
        if let line { XCTAssertEqual(e.line, line, e.description, file: file, line: testLine) }
        if let column { XCTAssertEqual(e.column, column, e.description, file: file, line: testLine) }
    } catch {
        XCTFail("unexpected \(error)", file: file, line: testLine)
    }
}

final class PBMFormatTests: XCTestCase {
    func testPlainPBMWithCommentsAndRunTogetherDigits() throws {
        let text = "P1\n# a comment\n3 2 # size\n101\n0 1\n0\n"
        let p = try PBMFormat.parse(Array(text.utf8), file: "x/dot.pbm", name: "dot")
        XCTAssertEqual(p.rows, 2)
        XCTAssertEqual(p.cols, 3)
        XCTAssertEqual(p.bits, [true, false, true, false, true, false])
    }

    func testRawPBMBitOrderAndPadding() throws {
        // 10 wide: two bytes per row, most significant bit first, the last 6 bits padding.
        let bytes = Array("P4\n10 2\n".utf8) + [0b1000_0000, 0b0100_0000, 0b0000_0001, 0b1111_1111]
        let p = try PBMFormat.parse(bytes, file: "r.pbm", name: "r")
        XCTAssertEqual(p.bits, [true, false, false, false, false, false, false, false, false, true,
                                false, false, false, false, false, false, false, true, true, true])
        let set = PatternSet(name: "r", rows: 2, cols: 10, patterns: [p])
        XCTAssertEqual(try PBMFormat.parse(PBMFormat.renderP4(p), file: "r.pbm", name: "r"), set.patterns[0])
    }

    func testMalformedPBM() {
        expectError(.badHeader, line: 1, column: 1) { try PBMFormat.parse(Array("P7\n1 1\n1".utf8), file: "a.pbm", name: "a") }
        expectError(.unsupportedFormat) { try PBMFormat.parse(Array("P2\n1 1\n15\n1".utf8), file: "a.pgm", name: "a") }
        expectError(.badHeader, line: 2, column: 3) { try PBMFormat.parse(Array("P1\n3 x\n".utf8), file: "a.pbm", name: "a") }
        expectError(.badHeader) { try PBMFormat.parse(Array("P1 0 3\n".utf8), file: "a.pbm", name: "a") }
        expectError(.truncated, line: 3) { try PBMFormat.parse(Array("P1\n2 2\n1 0 1".utf8), file: "a.pbm", name: "a") }
        expectError(.unknownCharacter, line: 3, column: 3) { try PBMFormat.parse(Array("P1\n2 2\n1 2 1 0".utf8), file: "a.pbm", name: "a") }
        expectError(.extraData) { try PBMFormat.parse(Array("P1\n1 1\n1 1".utf8), file: "a.pbm", name: "a") }
        expectError(.truncated) { try PBMFormat.parse(Array("P4\n9 2\n".utf8) + [0, 0, 0], file: "a.pbm", name: "a") }
        expectError(.extraData) { try PBMFormat.parse(Array("P4\n8 1\n".utf8) + [0, 0], file: "a.pbm", name: "a") }
    }

    /// A header promising 100000x100000 pixels is refused from the header alone (nothing allocated, and
    /// the data that would be needed is not even present).
    func testAbsurdHeaderIsRefusedBeforeAllocating() {
        expectError(.tooLarge) { try PBMFormat.parse(Array("P4\n100000 100000\n".utf8), file: "big.pbm", name: "big") }
        expectError(.tooLarge, line: 1, column: 4) { try PBMFormat.parse(Array("P1 99999999999999999999999 1\n".utf8), file: "big.pbm", name: "big") }
        expectError(.tooLarge) { try PBMFormat.parse(Array("P1\n1001 1000\n".utf8), file: "big.pbm", name: "big") }
    }
}

final class CSVFormatTests: XCTestCase {
    func testPlainRowsWithShapeAndGuesses() throws {
        let csv = Array("1,0,0,1\n0, 1 ,1,0\r\n\n".utf8)
        let square = try CSVPatternFormat.parse(csv, file: "d.csv")
        XCTAssertEqual(square.rows, 2)
        XCTAssertEqual(square.cols, 2)
        XCTAssertEqual(square.patterns.map(\.name), ["1", "2"])
        XCTAssertEqual(square.patterns[1].bits, [false, true, true, false])
        let line = try CSVPatternFormat.parse(csv, file: "d.csv", shape: (1, 4))
        XCTAssertEqual(line.cols, 4)
        XCTAssertEqual(try CSVPatternFormat.parse(Array("1,0,1\n".utf8), file: "t.csv").cols, 3)
    }

    func testHeaderNamesQuotingAndShape() throws {
        let csv = Array("name,r0c0,r0c1,r0c2,r1c0,r1c1,r1c2\n\"a, \"\"quoted\"\"\",1,1,1,0,0,0\nb,0,1,0,1,0,1\n".utf8)
        let set = try CSVPatternFormat.parse(csv, file: "h.csv")
        XCTAssertEqual(set.rows, 2)
        XCTAssertEqual(set.cols, 3)
        XCTAssertEqual(set.patterns.map(\.name), ["a, \"quoted\"", "b"])
        XCTAssertEqual(try CSVPatternFormat.parse(Array(CSVPatternFormat.render(set).utf8), file: "h.csv"), set)
    }

    func testMalformedCSV() {
        expectError(.badValue, line: 2, column: 5) { try CSVPatternFormat.parse(Array("1,0,1\n1,0,2\n".utf8), file: "a.csv") }
        expectError(.raggedRow, line: 2) { try CSVPatternFormat.parse(Array("1,0,1\n1,0\n".utf8), file: "a.csv") }
        expectError(.emptyFile) { try CSVPatternFormat.parse(Array("\n\n".utf8), file: "a.csv") }
        expectError(.emptyFile) { try CSVPatternFormat.parse(Array("name,x,y\n".utf8), file: "a.csv") }
        expectError(.shapeMismatch, line: 1) { try CSVPatternFormat.parse(Array("1,0,1\n".utf8), file: "a.csv", shape: (2, 2)) }
        expectError(.shapeMismatch) { try CSVPatternFormat.parse(Array("1,0,1\n".utf8), file: "a.csv", shape: (Int.max / 2, 3)) }
        expectError(.duplicateName, line: 3) { try CSVPatternFormat.parse(Array("name,a\nx,1\nx,0\n".utf8), file: "a.csv") }
        expectError(.badName, line: 2, column: 2) { try CSVPatternFormat.parse(Array("name,a\nx\u{1B},1\n".utf8), file: "a.csv") }
        expectError(.badValue, line: 2) { try CSVPatternFormat.parse(Array("name,a\n\"open,1\n".utf8), file: "a.csv") }
        expectError(.notUTF8) { try CSVPatternFormat.parse([0x31, 0x2C, 0xC3], file: "a.csv") }
    }
}

final class LoaderTests: XCTestCase {
    /// text → PBM files → directory → CSV → text gives back the same patterns.
    func testRoundTripsTextPBMCSV() throws {
        let dir = try temporaryDirectory(self)
        let letters = try XCTUnwrap(PatternLoader.builtin(named: "letters"))
        try PatternLoader.write(letters, to: dir + "/letters.txt")
        let text = try PatternLoader.load(path: dir + "/letters.txt")
        XCTAssertEqual(text.patterns, letters.patterns)

        let pbmDir = dir + "/pbm"
        let written = try PatternLoader.writePBMDirectory(text, to: pbmDir)
        XCTAssertEqual(written.count, 26)
        let fromPBM = try PatternLoader.load(path: pbmDir)
        XCTAssertEqual(fromPBM.patterns, letters.patterns)

        try PatternLoader.write(fromPBM, to: dir + "/letters.csv")
        let fromCSV = try PatternLoader.load(path: dir + "/letters.csv")
        XCTAssertEqual(fromCSV.patterns, letters.patterns)
        XCTAssertEqual(fromCSV.rows, 10)

        // One pattern through a single PBM file, with a non-square shape and a width over 35 (wrapped lines).
        let bits = (0..<(3 * 40)).map { ($0 * 7) % 3 == 0 }
        let wide = PatternSet(name: "w", rows: 3, cols: 40, patterns: [Pattern(name: "w", rows: 3, cols: 40, bits: bits)])
        try PatternLoader.write(wide, to: dir + "/w.pbm")
        XCTAssertTrue(try String(contentsOfFile: dir + "/w.pbm", encoding: .utf8).split(separator: "\n").allSatisfy { $0.count <= 70 })
        XCTAssertEqual(try PatternLoader.load(path: dir + "/w.pbm"), wide)
        // PBM to CSV and back keeps the shape through the header.
        try PatternLoader.write(wide, to: dir + "/w.csv")
        XCTAssertEqual(try PatternLoader.load(path: dir + "/w.csv").patterns, wide.patterns)
    }

    func testSeveralPatternsToOnePBMFileIsRefused() throws {
        let dir = try temporaryDirectory(self)
        let digits = try XCTUnwrap(PatternLoader.builtin(named: "digits"))
        expectError(.unsupportedFormat) { try PatternLoader.write(digits, to: dir + "/d.pbm") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/d.pbm"))
        expectError(.unsupportedFormat) { try PatternLoader.write(digits, to: dir + "/d.png") }
    }

    /// Pattern names that clash as file names (case, unsafe characters) still give one file each.
    func testPBMDirectoryFileNamesNeverCollide() throws {
        let dir = try temporaryDirectory(self)
        let names = ["x", "X", "x-2", "a/b", "a_b", ""]
        let set = PatternSet(name: "n", rows: 1, cols: 1,
                             patterns: names.map { Pattern(name: $0, rows: 1, cols: 1, bits: [true]) })
        let written = try PatternLoader.writePBMDirectory(set, to: dir + "/out")
        XCTAssertEqual(Set(written.map { $0.lowercased() }).count, names.count)
        XCTAssertTrue(written.allSatisfy { $0.hasPrefix(dir + "/out/") && !$0.dropFirst(dir.count + 5).contains("/") })
        XCTAssertEqual(try PatternLoader.load(path: dir + "/out").patterns.count, names.count)
    }

    func testDirectorySetRules() throws {
        let dir = try temporaryDirectory(self)
        try "P1\n2 1\n1 0\n".write(toFile: dir + "/b.pbm", atomically: true, encoding: .utf8)
        try ">a\n.#\n\n>c\n##\n".write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try "ignored".write(toFile: dir + "/notes.md", atomically: true, encoding: .utf8)
        try "garbage".write(toFile: dir + "/.hidden.txt", atomically: true, encoding: .utf8)
        let set = try PatternLoader.load(path: dir)
        XCTAssertEqual(set.patterns.map(\.name), ["a", "c", "b"])
        XCTAssertEqual(set.cols, 2)

        try "P1\n3 1\n1 0 1\n".write(toFile: dir + "/z.pbm", atomically: true, encoding: .utf8)
        expectError(.sizeMismatch) { try PatternLoader.load(path: dir) }
        try FileManager.default.removeItem(atPath: dir + "/z.pbm")
        try "P1\n2 1\n0 0\n".write(toFile: dir + "/c.pbm", atomically: true, encoding: .utf8)
        expectError(.duplicateName) { try PatternLoader.load(path: dir) }

        let empty = dir + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        expectError(.emptyFile) { try PatternLoader.load(path: empty) }
    }

    func testResolveAndErrorsName() throws {
        XCTAssertEqual(try PatternLoader.resolve("seed-example").patterns.count, 2)
        expectError(.notFound) { try PatternLoader.resolve("no-such-set-or-file") }
        expectError(.cannotRead) { try PatternLoader.load(path: "/nonexistent/x.txt") }
        // A file name with an escape sequence is never echoed raw.
        let e = PatternError(.other, file: "\u{1B}]0;title\u{7}.txt", line: 1, message: "m")
        XCTAssertFalse(e.description.unicodeScalars.contains { Sanitize.isUnsafe($0) })
    }

    /// A file over the size limit is refused having read at most limit + 1 bytes.
    func testOversizedFileIsRefused() throws {
        let dir = try temporaryDirectory(self)
        let path = dir + "/huge.txt"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(PatternLimits.maxFileBytes + 10))  // sparse: no disk used
        try handle.close()
        expectError(.tooLarge) { try PatternLoader.load(path: path) }
    }

    func testPBMNamesComeFromTheStemAndAreSanitised() throws {
        let dir = try temporaryDirectory(self)
        let path = dir + "/bad\u{1B}name.pbm"
        try "P1\n1 1\n1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let set = try PatternLoader.load(path: path)
        XCTAssertEqual(set.patterns[0].name, "bad\\u{1B}name")
    }
}

/// Item 19 of the hardening issue.
final class CSVHeaderTests: XCTestCase {
    func testItem19_csvHeaderDisagreeingWithRowsRefusedWithTheLine() {
        // Three labelled columns over rows of two values.
        expectError(.raggedRow, line: 2) {
            try CSVPatternFormat.parse(Array("name,r0c0,r0c1,r0c2\na,1,0\nb,0,1\n".utf8), file: "h.csv")
        }
        // A last label claiming a huge picture over three columns: refused at the header.
        expectError(.shapeMismatch, line: 1, column: 16) {
            try CSVPatternFormat.parse(Array("name,r0c0,r0c1,r999999c999999\na,1,0,1\n".utf8), file: "h.csv")
        }
        // A header whose labels agree, and a bare `name` header, are still read.
        XCTAssertEqual(try CSVPatternFormat.parse(Array("name,r0c0,r0c1,r1c0,r1c1\na,1,0,0,1\n".utf8), file: "h.csv").rows, 2)
        XCTAssertEqual(try CSVPatternFormat.parse(Array("name\na,1,0,1\n".utf8), file: "h.csv").patterns.count, 1)
        XCTAssertThrowsError(try CSVPatternFormat.parse(Array("name,r0c0,r0c1,r0c2\na,1,0\n".utf8), file: "h.csv")) {
            XCTAssertEqual("\($0)", "h.csv:2:6: 2 values, but the header at line 1 has 3 value columns")
        }
    }
}
