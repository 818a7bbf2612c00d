import EnergyModels
import Foundation
import XCTest
@testable import Patterns

/// Parses `text` expecting an error; returns it (or fails the test).
func parseError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> PatternError? {
    do {
        let set = try TextPatternFormat.parse(text, file: "t.txt")
        XCTFail("expected an error, parsed \(set.patterns.count) patterns", file: file, line: line)
        return nil
    } catch let e as PatternError {
        return e
    } catch {
        XCTFail("unexpected error type \(error)", file: file, line: line)
        return nil
    }
}

final class TextFormatTests: XCTestCase {
    func testAllCharactersCommentsNamesAndTrailingWhitespace() throws {
        let text = "\u{FEFF}; comment\n>first  \r\n#X*1+█\r\n.-0_#. \t\n; inside a pattern\n#.....\n\n\n##....\n......\n......\n"
        let set = try TextPatternFormat.parse(text, file: "dir/sample.txt")
        XCTAssertEqual(set.name, "sample")
        XCTAssertEqual(set.rows, 3)
        XCTAssertEqual(set.cols, 6)
        XCTAssertEqual(set.patterns.map(\.name), ["first", "2"])
        XCTAssertEqual(set.patterns[0].bits, [true, true, true, true, true, true,
                                              false, false, false, false, true, false,
                                              true, false, false, false, false, false])
        XCTAssertEqual(set.patterns[1].bits.filter { $0 }.count, 2)
    }

    func testUnnamedPatternsAreNumberedByPosition() throws {
        let set = try TextPatternFormat.parse("#.\n\n>b\n.#\n\n##\n", file: "x")
        XCTAssertEqual(set.patterns.map(\.name), ["1", "b", "3"])
    }

    func testRaggedRow() throws {
        let e = try XCTUnwrap(parseError(">a\n#.#.\n#.#\n"))
        XCTAssertEqual(e.kind, .raggedRow)
        XCTAssertEqual(e.line, 3)
        XCTAssertEqual(e.column, 4)
        XCTAssertEqual(e.file, "t.txt")
        XCTAssertTrue(e.description.hasPrefix("t.txt:3:4: ragged row: 3 units wide, expected 4"), e.description)
        let wide = try XCTUnwrap(parseError("#.\n#.#\n"))
        XCTAssertEqual(wide.kind, .raggedRow)
        XCTAssertEqual(wide.column, 3)
    }

    func testUnknownCharacterNamesLineAndColumn() throws {
        let e = try XCTUnwrap(parseError(">a\n#.#\n#o#\n"))
        XCTAssertEqual(e.kind, .unknownCharacter)
        XCTAssertEqual(e.line, 3)
        XCTAssertEqual(e.column, 2)
        XCTAssertTrue(e.message.contains("'o'"))
        // Columns count characters, not bytes: █ is three bytes but one column.
        let wide = try XCTUnwrap(parseError("██é\n"))
        XCTAssertEqual(wide.column, 3)
        // Leading spaces are not allowed (only trailing whitespace is ignored).
        let lead = try XCTUnwrap(parseError("#.\n #\n"))
        XCTAssertEqual(lead.kind, .unknownCharacter)
        XCTAssertEqual(lead.column, 1)
        XCTAssertTrue(lead.message.contains("a space"))
    }

    func testSizeMismatchWithTheFirstPattern() throws {
        let cols = try XCTUnwrap(parseError(">a\n##\n##\n\n>b\n###\n###\n"))
        XCTAssertEqual(cols.kind, .sizeMismatch)
        XCTAssertEqual(cols.line, 6)
        XCTAssertTrue(cols.message.contains("2x2"), cols.message)
        let rows = try XCTUnwrap(parseError(">a\n##\n##\n\n>b\n##\n##\n##\n"))
        XCTAssertEqual(rows.kind, .sizeMismatch)
        XCTAssertEqual(rows.line, 6)
        XCTAssertTrue(rows.message.contains("“b” is 3x2 but the first pattern “a” is 2x2"), rows.message)
    }

    func testEmptyFile() throws {
        for text in ["", "\n\n", "; only\n; comments\n", "   \n\t\n"] {
            let e = try XCTUnwrap(parseError(text))
            XCTAssertEqual(e.kind, .emptyFile, text)
            XCTAssertNil(e.line)
        }
    }

    func testDuplicateName() throws {
        let e = try XCTUnwrap(parseError(">a\n#.\n\n>b\n.#\n\n>a\n##\n"))
        XCTAssertEqual(e.kind, .duplicateName)
        XCTAssertEqual(e.line, 7)
        XCTAssertTrue(e.message.contains("first used at line 1"), e.message)
        // An explicit name can collide with a position name too.
        XCTAssertEqual(parseError("#.\n\n>1\n.#\n")?.kind, .duplicateName)
    }

    func testNamesWithControlCharactersAreRejected() throws {
        for (bad, column) in [("\u{1B}[31mred", 2), ("a\u{7}b", 3), ("x\u{202E}y", 3), ("tab\there", 5)] {
            let e = try XCTUnwrap(parseError(">\(bad)\n#.\n"))
            XCTAssertEqual(e.kind, .badName, bad)
            XCTAssertEqual(e.line, 1)
            XCTAssertEqual(e.column, column, bad)
            XCTAssertFalse(e.description.unicodeScalars.contains { Sanitize.isUnsafe($0) }, "raw control character in the message")
        }
        XCTAssertEqual(parseError(">" + String(repeating: "n", count: 201) + "\n#\n")?.kind, .badName)
    }

    func testNameWithoutRows() throws {
        let e = try XCTUnwrap(parseError(">a\n\n#.\n"))
        XCTAssertEqual(e.kind, .missingRows)
        XCTAssertEqual(e.line, 1)
        XCTAssertEqual(parseError(">a\n#.\n\n>b\n")?.kind, .missingRows)
        XCTAssertEqual(parseError(">a\n>b\n#.\n")?.kind, .missingRows)
    }

    func testInvalidUTF8NamesTheLine() throws {
        var bytes = Array("#.\n#.\n".utf8)
        bytes += [0x23, 0xFF, 0x0A]
        XCTAssertThrowsError(try TextPatternFormat.parse(bytes: bytes, file: "b.txt")) { error in
            let e = error as? PatternError
            XCTAssertEqual(e?.kind, .notUTF8)
            XCTAssertEqual(e?.line, 3)
        }
    }

    func testAbsurdlyLargePatternIsRefusedBeforeItIsBuilt() throws {
        // 1001 rows of 1000 units: over the 1,000,000-unit limit at the last row.
        let row = String(repeating: "#", count: 1000) + "\n"
        let e = try XCTUnwrap(parseError(String(repeating: row, count: 1001)))
        XCTAssertEqual(e.kind, .tooLarge)
        XCTAssertEqual(e.line, 1001)
        let wide = try XCTUnwrap(parseError(String(repeating: ".", count: PatternLimits.maxUnits + 1)))
        XCTAssertEqual(wide.kind, .tooLarge)
        XCTAssertEqual(wide.column, PatternLimits.maxUnits + 1)
    }

    func testRenderParsesBack() throws {
        let set = try XCTUnwrap(PatternLoader.builtin(named: "shapes"))
        let text = TextPatternFormat.render(set, comment: "shapes\nsecond line")
        XCTAssertTrue(text.hasPrefix("; shapes\n; second line\n\n>square\n"))
        XCTAssertEqual(try TextPatternFormat.parse(text, file: "shapes.txt"), set)
        // Names that would not survive (control characters, outer spaces) are made safe, never raw.
        let odd = PatternSet(name: "o", rows: 1, cols: 2, patterns: [Pattern(name: " \u{1B}x ", rows: 1, cols: 2, bits: [true, false])])
        let back = try TextPatternFormat.parse(TextPatternFormat.render(odd), file: "o")
        XCTAssertEqual(back.patterns[0].name, "\\u{1B}x")
    }

    func testSanitize() {
        XCTAssertEqual(Sanitize.terminal("a\u{1B}[2Jb\u{9B}c\u{200B}"), "a\\u{1B}[2Jb\\u{9B}c\\u{200B}")
        XCTAssertEqual(Sanitize.terminal("Ünïcode █ ok"), "Ünïcode █ ok")
        XCTAssertEqual(Sanitize.fileName("../a b/\u{1B}"), "pattern.._a_b__")
        XCTAssertEqual(Sanitize.fileName("3-0017"), "3-0017")
        XCTAssertEqual(Sanitize.fileName(""), "pattern")
    }
}
