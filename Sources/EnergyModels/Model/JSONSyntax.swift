import Foundation

/// Where a JSON text is malformed: the line and column (1-based), the key path of the value being read
/// (e.g. `weights[3][7]`, empty at the top level) and what is wrong.
public struct JSONParseError: Error, CustomStringConvertible, Sendable {
    public var line: Int
    public var column: Int
    public var path: String
    public var message: String
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A strict RFC 8259 syntax check that builds no values: it explains why `JSONDecoder` refused a text,
/// which Foundation's decoder does not say (on Linux it reports only "not valid JSON", with no place).
/// Model files are decoded by `JSONDecoder`; this runs only on a text it refused. Numbers beyond the
/// range of a Double (`1e999`) are refused here as the decoder refuses them; nesting deeper than `maxDepth`
/// is refused (no stack overflow).
public struct JSONSyntax {
    public static let maxDepth = 256

    /// The text, borrowed for the duration of one check (no copy of a large file).
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// The key path of the value being read, one component per level.
    private var path: [String] = []
    /// For `extractMatrices`: the key whose values are read as matrices, those read, and where they were.
    private var matrixKey: String?
    private var matrices: [String: NumberMatrix] = [:]
    private var cutRanges: [Range<Int>] = []

    private var pathString: String { path.reduce("") { $1.hasPrefix("[") || $0.isEmpty ? $0 + $1 : $0 + "." + $1 } }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The first syntax error in `data`, or nil if it is well-formed JSON.
    public static func firstError(in data: Data) -> JSONParseError? {
        data.withUnsafeBytes { raw in
            var p = JSONSyntax(bytes: raw.bindMemory(to: UInt8.self))
            do {
                p.skipWhitespace()
                try p.value(depth: 0)
                p.skipWhitespace()
                if p.index < p.bytes.count { throw p.error("unexpected text after the JSON value") }
                return nil
            } catch let e as JSONParseError {
                return e
            } catch {
                return p.error("\(error)")
            }
        }
    }

    public static func firstError(in text: String) -> JSONParseError? { firstError(in: Data(text.utf8)) }

    private func error(_ message: String) -> JSONParseError {
        var line = 1, column = 1
        for b in bytes[0..<min(index, bytes.count)] {
            if b == UInt8(ascii: "\n") { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return JSONParseError(line: line, column: column, path: pathString, message: message)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws {
        guard depth < Self.maxDepth else { throw error("nested more than \(Self.maxDepth) levels deep") }
        guard index < bytes.count else { throw error("unexpected end of the text, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw error("unexpected character, expected a value")
        }
    }

    private mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard index + w.count <= bytes.count, Array(bytes[index..<(index + w.count)]) == w else {
            throw error("unexpected word, expected \(word)")
        }
        index += w.count
    }

    private mutating func object(depth: Int) throws {
        index += 1
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            index += 1
            skipWhitespace()
            let valueStart = index
            path.append(key)
            if key == matrixKey, index < bytes.count, bytes[index] == UInt8(ascii: "["), let m = numberMatrix() {
                matrices[pathString] = m
                cutRanges.append(valueStart..<index)
            } else {
                try value(depth: depth + 1)
            }
            path.removeLast()
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of the text inside an object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func array(depth: Int) throws {
        index += 1
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1; return }
        var k = 0
        while true {
            skipWhitespace()
            path.append("[\(k)]")
            try value(depth: depth + 1)
            path.removeLast()
            k += 1
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of the text inside an array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func number() throws {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits() -> Int {
            let s = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - s
        }
        let intStart = index
        let intDigits = digits()
        guard intDigits > 0 else { throw error("expected digits in a number") }
        if intDigits > 1 && bytes[intStart] == UInt8(ascii: "0") { index = intStart; throw error("leading zeros are not allowed in a number") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw error("expected digits after the decimal point") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error("expected digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            index = start
            throw error("found \(text.prefix(40)), a number beyond the range of a double (about ±1.8e308)")
        }
    }

    /// Reads a string, returning it (keys name the path).
    private mutating func string() throws -> String {
        index += 1
        var out = [UInt8]()
        while true {
            guard index < bytes.count else { throw error("unterminated string") }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { index += 1; break }
            if b < 0x20 { throw error("control character inside a string (escape it)") }
            if b != UInt8(ascii: "\\") { out.append(b); index += 1; continue }
            index += 1
            guard index < bytes.count else { throw error("unterminated escape") }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw error("unpaired surrogate in \\u escape")
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in \\u escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw error("unpaired surrogate in \\u escape")
                }
                guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw error("unknown escape \\\(Character(Unicode.Scalar(e)))")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw error("string is not valid UTF-8") }
        return s
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            index += 1
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("bad hex digit in \\u escape")
            }
            v = v * 16 + d
        }
        return v
    }

    // MARK: - Number matrices read in one pass

    /// The arrays of number arrays stored under the key `key` (at any depth), read straight into flat
    /// buffers, and the text with each of them replaced by `[]`, so that `JSONDecoder` only builds its
    /// value tree for the small rest of the file. Nil if the text is not well-formed JSON or one of those
    /// values is not an array of number arrays (the caller then decodes the whole text, which reports it).
    /// Each matrix is keyed by its path (`weights`, `layers[1].weights`).
    static func extractMatrices(from data: Data, key: String) -> (rest: Data, matrices: [String: NumberMatrix])? {
        data.withUnsafeBytes { raw in
            var p = JSONSyntax(bytes: raw.bindMemory(to: UInt8.self))
            p.matrixKey = key
            guard (try? p.value(depth: 0)) != nil else { return nil }
            p.skipWhitespace()
            guard p.index == p.bytes.count, !p.cutRanges.isEmpty else { return nil }
            var rest = Data()
            var from = 0
            for range in p.cutRanges {
                rest.append(UnsafeBufferPointer(rebasing: p.bytes[from..<range.lowerBound]))
                rest.append(contentsOf: Array("[]".utf8))
                from = range.upperBound
            }
            rest.append(UnsafeBufferPointer(rebasing: p.bytes[from...]))
            return (rest, p.matrices)
        }
    }

    /// Reads `[[n, …], …]` at the current position into a matrix, or returns nil (position restored) if
    /// the value is anything else.
    private mutating func numberMatrix() -> NumberMatrix? {
        let start = index
        var matrix = NumberMatrix()
        func fail() -> NumberMatrix? { index = start; return nil }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return matrix }
        while index < bytes.count {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return fail() }
            index += 1
            var length = 0
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
            } else {
                while true {
                    skipWhitespace()
                    guard let x = numberValue() else { return fail() }
                    matrix.values.append(x)
                    length += 1
                    skipWhitespace()
                    guard index < bytes.count else { return fail() }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; break }
                    return fail()
                }
            }
            matrix.appendRow(length: length)
            skipWhitespace()
            guard index < bytes.count else { return fail() }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return matrix }
            return fail()
        }
        return fail()
    }

    /// A JSON number at the current position, correctly rounded (strtod), or nil if there is none or it
    /// is beyond a double's range.
    private mutating func numberValue() -> Double? {
        let start = index
        guard index < bytes.count, bytes[index] == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]),
              (try? number()) != nil else { index = start; return nil }
        let length = index - start
        guard length < 64 else { return Double(String(decoding: bytes[start..<index], as: UTF8.self)) }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> Double in
            for k in 0..<length { buffer[k] = CChar(bitPattern: bytes[start + k]) }
            buffer[length] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }
}

/// A matrix read from JSON: row-major values, and each row's length run-length encoded as (length, rows)
/// pairs (one pair for a rectangular matrix), so a ragged row can be reported by its index.
struct NumberMatrix: Sendable {
    var values: [Double] = []
    private(set) var rows = 0
    private(set) var lengths: [(length: Int, rows: Int)] = []

    mutating func appendRow(length: Int) {
        if let last = lengths.last, last.length == length { lengths[lengths.count - 1].rows += 1 } else { lengths.append((length, 1)) }
        rows += 1
    }

    /// The first row whose length is not `columns`, and its length.
    func firstRowOfOtherLength(than columns: Int) -> (row: Int, length: Int)? {
        var row = 0
        for run in lengths {
            if run.length != columns { return (row, run.length) }
            row += run.rows
        }
        return nil
    }

    /// The length of row 0 (0 for an empty matrix).
    var columns: Int { lengths.first?.length ?? 0 }
}
