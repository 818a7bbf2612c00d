import EnergyModels
import Foundation

/// The text format (`.txt`): one pattern per block of rows.
///
/// - UTF-8 (a leading byte-order mark is skipped). Lines end in `\n` or `\r\n`; trailing whitespace is
///   ignored.
/// - A line starting with `;` is a comment, anywhere.
/// - A line starting with `>` starts a pattern and names it (the rest of the line, trimmed).
/// - Blank lines separate patterns; an unnamed pattern is named by its position (`1`, `2`, …).
/// - Rows use `#` `X` `*` `1` `+` `█` for up and `.` `-` `0` `_` for down; any other character is an
///   error. Every row of a pattern has the same width and every pattern the size of the first.
///
/// Errors name the file, line and column (columns count Unicode scalars, from 1).
public enum TextPatternFormat {
    /// Characters read as an up unit.
    public static let upCharacters: [Character] = ["#", "X", "*", "1", "+", "█"]
    /// Characters read as a down unit.
    public static let downCharacters: [Character] = [".", "-", "0", "_"]

    /// Parses a whole file's text. `name` is the set's name (default: the file's stem).
    public static func parse(_ text: String, file: String, name: String? = nil) throws -> PatternSet {
        try parse(bytes: Array(text.utf8), file: file, name: name)
    }

    /// Parses raw bytes, checking that they are UTF-8 (the error names the first bad line).
    public static func parse(bytes: [UInt8], file: String, name: String? = nil) throws -> PatternSet {
        var parser = Parser(bytes: bytes, file: file)
        let patterns = try parser.run()
        let first = patterns[0]
        return PatternSet(name: name ?? PatternLoader.stem(of: file), rows: first.rows, cols: first.cols, patterns: patterns)
    }

    /// The set as text: a comment line, then `>name` and `#`/`.` rows per pattern, blank lines between.
    /// Names are written as they are; a name that would not read back the same (leading or trailing
    /// spaces, control characters) is sanitised first so that the output always parses.
    public static func render(_ set: PatternSet, comment: String? = nil) -> String {
        var out = ""
        if let comment {
            for line in comment.split(separator: "\n", omittingEmptySubsequences: false) {
                out += "; " + Sanitize.terminal(String(line)) + "\n"
            }
            out += "\n"
        }
        for (k, p) in set.patterns.enumerated() {
            if k > 0 { out += "\n" }
            let name = Sanitize.terminal(p.name).trimmingCharacters(in: .whitespaces)
            out += ">" + name + "\n"
            out.reserveCapacity(out.utf8.count + p.rows * (p.cols + 1))
            for r in 0..<p.rows {
                var row = [UInt8](repeating: UInt8(ascii: "."), count: p.cols + 1)
                for c in 0..<p.cols where p.bits[r * p.cols + c] { row[c] = UInt8(ascii: "#") }
                row[p.cols] = UInt8(ascii: "\n")
                out += String(decoding: row, as: UTF8.self)
            }
        }
        return out
    }
}

/// One pass over the lines; work and memory are linear in the input size.
private struct Parser {
    let bytes: [UInt8]
    let file: String

    var patterns: [Pattern] = []
    var namesSeen: [String: Int] = [:]
    // The pattern being read.
    var name: String? = nil
    var nameLine = 0
    var firstRowLine = 0
    var width = 0
    var rowCount = 0
    var bits: [Bool] = []
    var totalUnits = 0

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    func fail(_ kind: PatternError.Kind, _ line: Int?, _ column: Int? = nil, _ message: String) -> PatternError {
        PatternError(kind, file: file, line: line, column: column, message: message)
    }

    mutating func run() throws -> [Pattern] {
        if bytes.count > PatternLimits.maxFileBytes {
            throw fail(.tooLarge, nil, nil, "the file is \(bytes.count) bytes; the limit is \(PatternLimits.maxFileBytes)")
        }
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        if String(bytes: bytes, encoding: .utf8) == nil { try findInvalidUTF8(from: start) }
        var lineNo = 0
        var i = start
        while i <= bytes.count {
            lineNo += 1
            var end = i
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            try line(i..<end, number: lineNo)
            i = end + 1
        }
        try finish(atLine: lineNo)
        guard !patterns.isEmpty else {
            throw fail(.emptyFile, nil, nil, "no patterns: the file is empty or holds only comments (expected rows of # and .)")
        }
        return patterns
    }

    /// Throws naming the first line that is not valid UTF-8.
    func findInvalidUTF8(from start: Int) throws {
        var lineNo = 1
        var i = start
        while i <= bytes.count {
            var end = i
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            if String(bytes: bytes[i..<end], encoding: .utf8) == nil {
                throw fail(.notUTF8, lineNo, nil, "not UTF-8 text (pattern files are UTF-8)")
            }
            i = end + 1
            lineNo += 1
        }
        throw fail(.notUTF8, nil, nil, "not UTF-8 text (pattern files are UTF-8)")
    }

    mutating func line(_ range: Range<Int>, number: Int) throws {
        var end = range.upperBound
        // Trailing whitespace (and the \r of a CRLF line end) is ignored.
        while end > range.lowerBound, isTrailingSpace(bytes[end - 1]) { end -= 1 }
        if end == range.lowerBound {
            try finish(atLine: number)
            return
        }
        switch bytes[range.lowerBound] {
        case UInt8(ascii: ";"):
            return
        case UInt8(ascii: ">"):
            try finish(atLine: number)
            try startName(range.lowerBound + 1..<end, number: number)
        default:
            try row(range.lowerBound..<end, number: number)
        }
    }

    mutating func startName(_ range: Range<Int>, number: Int) throws {
        let raw = String(decoding: bytes[range], as: UTF8.self)
        if let (scalar, position) = Sanitize.firstUnsafe(in: raw) {
            throw fail(.badName, number, position + 1,
                       "pattern name contains \(Sanitize.describe(scalar)); names must be printable text")
        }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.unicodeScalars.count > PatternLimits.maxNameLength {
            throw fail(.badName, number, 2, "pattern name is \(trimmed.unicodeScalars.count) characters long; the limit is \(PatternLimits.maxNameLength)")
        }
        name = trimmed.isEmpty ? nil : trimmed
        nameLine = number
    }

    mutating func row(_ range: Range<Int>, number: Int) throws {
        var units: [Bool] = []
        units.reserveCapacity(Swift.min(range.count, PatternLimits.maxUnits))
        var column = 0
        var i = range.lowerBound
        while i < range.upperBound {
            column += 1
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "#"), UInt8(ascii: "X"), UInt8(ascii: "*"), UInt8(ascii: "1"), UInt8(ascii: "+"):
                units.append(true); i += 1
            case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "0"), UInt8(ascii: "_"):
                units.append(false); i += 1
            case 0xE2 where i + 2 < range.upperBound && bytes[i + 1] == 0x96 && bytes[i + 2] == 0x88:  // █ U+2588
                units.append(true); i += 3
            default:
                let scalar = decodeScalar(at: i, end: range.upperBound)
                var message = "unexpected \(Sanitize.describe(scalar)): rows use # X * 1 + █ for up and . - 0 _ for down"
                if rowCount == 0 && name == nil && patterns.isEmpty && column == 1 {
                    message += " (names start with '>', comments with ';')"
                }
                throw fail(.unknownCharacter, number, column, message)
            }
            if units.count > PatternLimits.maxUnits {
                throw fail(.tooLarge, number, column, "row is wider than \(PatternLimits.maxUnits) units, the limit for one pattern")
            }
        }
        if rowCount == 0 {
            if let first = patterns.first, units.count != first.cols {
                throw fail(.sizeMismatch, number, Swift.min(units.count, first.cols) + 1,
                           "\(label()) is \(units.count) wide but the first pattern \(quoted(first.name)) is \(first.rows)x\(first.cols); every pattern in a file has the same size")
            }
            width = units.count
            firstRowLine = number
        } else if units.count != width {
            throw fail(.raggedRow, number, Swift.min(units.count, width) + 1,
                       "ragged row: \(units.count) units wide, expected \(width) like the row at line \(firstRowLine)")
        }
        if (rowCount + 1) * width > PatternLimits.maxUnits {
            throw fail(.tooLarge, number, nil, "\(label()) has more than \(PatternLimits.maxUnits) units, the limit for one pattern")
        }
        if totalUnits + (rowCount + 1) * width > PatternLimits.maxTotalUnits {
            throw fail(.tooLarge, number, nil, "the set has more than \(PatternLimits.maxTotalUnits) units in all, the limit for one set")
        }
        bits.append(contentsOf: units)
        rowCount += 1
    }

    /// Ends the pattern being read, if any. A name with no rows is an error.
    mutating func finish(atLine line: Int) throws {
        if rowCount == 0 {
            if let name, nameLine > 0 {
                throw fail(.missingRows, nameLine, nil,
                           "pattern \(quoted(name)) has no rows: a '>' line must be followed directly by the pattern's rows")
            }
            name = nil
            nameLine = 0
            return
        }
        let patternName = name ?? String(patterns.count + 1)
        if let first = patterns.first, rowCount != first.rows {
            throw fail(.sizeMismatch, firstRowLine, nil,
                       "\(label()) is \(rowCount)x\(width) but the first pattern \(quoted(first.name)) is \(first.rows)x\(first.cols); every pattern in a file has the same size")
        }
        if let previous = namesSeen[patternName] {
            throw fail(.duplicateName, name == nil ? firstRowLine : nameLine, nil,
                       "duplicate pattern name \(quoted(patternName)) (first used at line \(previous))")
        }
        namesSeen[patternName] = name == nil ? firstRowLine : nameLine
        patterns.append(Pattern(name: patternName, rows: rowCount, cols: width, bits: bits))
        totalUnits += bits.count
        bits = []
        rowCount = 0
        width = 0
        name = nil
        nameLine = 0
    }

    func isTrailingSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C
    }

    func label() -> String {
        if let name { return "pattern \(quoted(name))" }
        return "pattern \(patterns.count + 1)"
    }

    func quoted(_ s: String) -> String { "“" + Sanitize.terminal(s) + "”" }

    func decodeScalar(at i: Int, end: Int) -> Unicode.Scalar {
        var iterator = bytes[i..<end].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&iterator) { return s }
        return "\u{FFFD}"
    }
}
