import EnergyModels
import Foundation

/// Netpbm bitmaps: P1 (plain, digits `0`/`1`) and P4 (raw, 8 pixels per byte, most significant bit
/// first, rows padded to whole bytes). One pattern per file; black (`1`) is up.
///
/// The header is the magic number, width and height, separated by whitespace and `#` comments; the
/// size is checked against `PatternLimits.maxUnits` before anything is allocated.
public enum PBMFormat {
    /// Parses one image. `name` names the pattern (callers pass the file's stem).
    public static func parse(_ bytes: [UInt8], file: String, name: String) throws -> Pattern {
        var reader = PBMReader(bytes: bytes, file: file)
        return try reader.read(name: name)
    }

    /// True if the bytes start like a PBM file (`P1` or `P4`).
    public static func looksLikePBM(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == UInt8(ascii: "P") && (bytes[1] == UInt8(ascii: "1") || bytes[1] == UInt8(ascii: "4"))
    }

    /// The pattern as plain PBM (P1): a `# name` comment, then rows of `0`/`1` separated by spaces,
    /// lines at most 70 characters as the format asks.
    public static func renderP1(_ pattern: Pattern) -> String {
        var out = "P1\n# \(Sanitize.terminal(pattern.name))\n\(pattern.cols) \(pattern.rows)\n"
        for r in 0..<pattern.rows {
            var c = 0
            while c < pattern.cols {
                let chunk = (c..<Swift.min(c + 35, pattern.cols)).map { pattern.bits[r * pattern.cols + $0] ? "1" : "0" }
                out += chunk.joined(separator: " ") + "\n"
                c += 35
            }
        }
        return out
    }

    /// The pattern as raw PBM (P4).
    public static func renderP4(_ pattern: Pattern) -> [UInt8] {
        var out = Array("P4\n\(pattern.cols) \(pattern.rows)\n".utf8)
        let rowBytes = (pattern.cols + 7) / 8
        for r in 0..<pattern.rows {
            var row = [UInt8](repeating: 0, count: rowBytes)
            for c in 0..<pattern.cols where pattern.bits[r * pattern.cols + c] { row[c / 8] |= 0x80 >> UInt8(c % 8) }
            out += row
        }
        return out
    }
}

private struct PBMReader {
    let bytes: [UInt8]
    let file: String
    var pos = 0
    var line = 1
    var lineStart = 0

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    var column: Int { pos - lineStart + 1 }

    func fail(_ kind: PatternError.Kind, _ message: String, here: Bool = true) -> PatternError {
        PatternError(kind, file: file, line: here ? line : nil, column: here ? column : nil, message: message)
    }

    mutating func advance() {
        if bytes[pos] == 0x0A { line += 1; lineStart = pos + 1 }
        pos += 1
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C }

    /// Skips whitespace and `#` comments (to the end of the line).
    mutating func skipSpace() {
        while pos < bytes.count {
            if Self.isSpace(bytes[pos]) {
                advance()
            } else if bytes[pos] == UInt8(ascii: "#") {
                while pos < bytes.count && bytes[pos] != 0x0A { pos += 1 }
            } else {
                return
            }
        }
    }

    mutating func readDimension(_ what: String) throws -> Int {
        skipSpace()
        guard pos < bytes.count else { throw fail(.truncated, "the file ends before the image \(what)") }
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[pos]) else {
            throw fail(.badHeader, "expected the image \(what) (a positive whole number), found \(describe(pos))")
        }
        let startColumn = column
        var value = 0
        while pos < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[pos]) {
            value = value * 10 + Int(bytes[pos] - UInt8(ascii: "0"))
            if value > PatternLimits.maxUnits {
                throw PatternError(.tooLarge, file: file, line: line, column: startColumn,
                                   message: "image \(what) is larger than \(PatternLimits.maxUnits), the limit for one pattern")
            }
            advance()
        }
        guard value > 0 else { throw PatternError(.badHeader, file: file, line: line, column: startColumn, message: "image \(what) must be at least 1") }
        return value
    }

    func describe(_ i: Int) -> String {
        let b = bytes[i]
        if b >= 0x21 && b < 0x7F { return "'\(String(UnicodeScalar(b)))'" }
        return String(format: "byte 0x%02X", b)
    }

    mutating func read(name: String) throws -> Pattern {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P") else {
            throw PatternError(.badHeader, file: file, line: 1, column: 1, message: "not a PBM image: expected 'P1' or 'P4' at the start")
        }
        let magic = bytes[1]
        switch magic {
        case UInt8(ascii: "1"), UInt8(ascii: "4"): break
        case UInt8(ascii: "2"), UInt8(ascii: "3"), UInt8(ascii: "5"), UInt8(ascii: "6"):
            throw PatternError(.unsupportedFormat, file: file, line: 1, column: 1,
                               message: "a grey or colour netpbm image (P\(String(UnicodeScalar(magic)))); only black-and-white PBM (P1, P4) is read")
        default:
            throw PatternError(.badHeader, file: file, line: 1, column: 1, message: "not a PBM image: expected 'P1' or 'P4' at the start")
        }
        pos = 2
        if pos < bytes.count && !Self.isSpace(bytes[pos]) && bytes[pos] != UInt8(ascii: "#") {
            throw fail(.badHeader, "expected whitespace after the magic number, found \(describe(pos))")
        }
        let width = try readDimension("width")
        let height = try readDimension("height")
        // Both are at most maxUnits, so the product cannot overflow.
        guard width * height <= PatternLimits.maxUnits else {
            throw PatternError(.tooLarge, file: file, line: line, column: nil,
                               message: "image is \(width)x\(height) = \(width * height) pixels; the limit for one pattern is \(PatternLimits.maxUnits)")
        }
        let bits = magic == UInt8(ascii: "1") ? try plainPixels(width * height) : try rawPixels(width: width, height: height)
        return Pattern(name: name, rows: height, cols: width, bits: bits)
    }

    mutating func plainPixels(_ n: Int) throws -> [Bool] {
        var bits: [Bool] = []
        bits.reserveCapacity(n)
        while bits.count < n {
            skipSpace()
            guard pos < bytes.count else {
                throw fail(.truncated, "the image ends after \(bits.count) of its \(n) pixels")
            }
            switch bytes[pos] {
            case UInt8(ascii: "1"): bits.append(true)
            case UInt8(ascii: "0"): bits.append(false)
            default: throw fail(.unknownCharacter, "expected a pixel '0' (white) or '1' (black), found \(describe(pos))")
            }
            advance()
        }
        skipSpace()
        if pos < bytes.count {
            throw fail(.extraData, "extra data after the \(n) pixels of the image (a PBM file holds one pattern)")
        }
        return bits
    }

    mutating func rawPixels(width: Int, height: Int) throws -> [Bool] {
        // Exactly one whitespace byte separates the header from the raster.
        guard pos < bytes.count else { throw fail(.truncated, "the file ends before the image data") }
        guard Self.isSpace(bytes[pos]) else { throw fail(.badHeader, "expected one whitespace byte after the height, found \(describe(pos))") }
        pos += 1
        let rowBytes = (width + 7) / 8
        let needed = rowBytes * height
        let available = bytes.count - pos
        if available < needed {
            throw PatternError(.truncated, file: file, message: "raw PBM data is \(available) bytes; a \(width)x\(height) image needs \(needed)")
        }
        if available > needed {
            throw PatternError(.extraData, file: file, message: "\(available - needed) bytes of extra data after the image (a PBM file holds one pattern)")
        }
        var bits = [Bool](repeating: false, count: width * height)
        for r in 0..<height {
            for c in 0..<width where bytes[pos + r * rowBytes + c / 8] & (0x80 >> UInt8(c % 8)) != 0 {
                bits[r * width + c] = true
            }
        }
        return bits
    }
}
