import Foundation

/// Comma-separated `0`/`1` values, one pattern per line (for data sets).
///
/// - Blank lines are skipped; spaces around values are ignored; `\r\n` line ends are accepted.
/// - An optional header line starts with the field `name`: then every row starts with the pattern's
///   name (quoted with `"` if it contains a comma or quote, `""` for a quote inside), and if the last
///   header field is `r<R>c<C>` (the writer's `r0c0,r0c1,…` column labels) the shape is (R+1)x(C+1).
/// - Without names, patterns are named by their row (`1`, `2`, …).
/// - The shape: the one given by the caller, else the header's, else square when the count of values is
///   a perfect square, else one row.
public enum CSVPatternFormat {
    public static func parse(_ bytes: [UInt8], file: String, name: String? = nil,
                             shape: (rows: Int, cols: Int)? = nil) throws -> PatternSet {
        if bytes.count > PatternLimits.maxFileBytes {
            throw PatternError(.tooLarge, file: file, message: "the file is \(bytes.count) bytes; the limit is \(PatternLimits.maxFileBytes)")
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw PatternError(.notUTF8, file: file, message: "not UTF-8 text")
        }
        var hasHeader = false
        var headerShape: (rows: Int, cols: Int)? = nil
        var width: Int? = nil       // values per row
        var widthLine = 0
        var rows: [(name: String?, line: Int, bits: [Bool])] = []
        var totalUnits = 0
        var lineNo = 0
        for rawLine in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNo += 1
            let fields = try splitFields(Array(rawLine), file: file, line: lineNo)
            if fields.count == 1 && fields[0].text.isEmpty { continue }
            if width == nil && rows.isEmpty && !hasHeader,
               fields[0].text.lowercased() == "name" && !fields[0].quoted {
                hasHeader = true
                headerShape = shapeFromLabel(fields.last?.text ?? "")
                if fields.count - 1 > PatternLimits.maxUnits {
                    throw PatternError(.tooLarge, file: file, line: lineNo, message: "more than \(PatternLimits.maxUnits) columns, the limit for one pattern")
                }
                continue
            }
            let valueFields = hasHeader ? fields.dropFirst() : fields[...]
            if let w = width, valueFields.count != w {
                let column = valueFields.count > w ? valueFields[valueFields.startIndex + w].column : (fields.last?.endColumn ?? 1)
                throw PatternError(.raggedRow, file: file, line: lineNo, column: column,
                                   message: "\(valueFields.count) values, expected \(w) like the row at line \(widthLine)")
            }
            if width == nil {
                guard !valueFields.isEmpty else {
                    throw PatternError(.badValue, file: file, line: lineNo, column: fields[0].endColumn, message: "expected 0/1 values after the name")
                }
                if valueFields.count > PatternLimits.maxUnits {
                    throw PatternError(.tooLarge, file: file, line: lineNo, message: "\(valueFields.count) values in a row; the limit for one pattern is \(PatternLimits.maxUnits)")
                }
                width = valueFields.count
                widthLine = lineNo
            }
            totalUnits += valueFields.count
            if totalUnits > PatternLimits.maxTotalUnits {
                throw PatternError(.tooLarge, file: file, line: lineNo, message: "the set has more than \(PatternLimits.maxTotalUnits) units in all, the limit for one set")
            }
            var bits: [Bool] = []
            bits.reserveCapacity(valueFields.count)
            for f in valueFields {
                switch f.text {
                case "1": bits.append(true)
                case "0": bits.append(false)
                default:
                    throw PatternError(.badValue, file: file, line: lineNo, column: f.column,
                                       message: "expected 0 or 1, found \(f.text.isEmpty ? "an empty field" : "“" + Sanitize.terminal(String(f.text.prefix(20))) + "”")")
                }
            }
            var patternName: String? = nil
            if hasHeader {
                let n = fields[0].text
                if let (scalar, position) = Sanitize.firstUnsafe(in: n) {
                    throw PatternError(.badName, file: file, line: lineNo, column: fields[0].column + position - 1,
                                       message: "pattern name contains \(Sanitize.describe(scalar)); names must be printable text")
                }
                if n.unicodeScalars.count > PatternLimits.maxNameLength {
                    throw PatternError(.badName, file: file, line: lineNo, column: fields[0].column, message: "pattern name longer than \(PatternLimits.maxNameLength) characters")
                }
                patternName = n.isEmpty ? nil : n
            }
            rows.append((patternName, lineNo, bits))
        }
        guard let n = width, !rows.isEmpty else {
            throw PatternError(.emptyFile, file: file, message: "no patterns: expected lines of comma-separated 0/1 values")
        }
        let resolved: (rows: Int, cols: Int)
        if let shape {
            guard shape.rows > 0, shape.cols > 0, shape.rows * shape.cols == n else {
                throw PatternError(.shapeMismatch, file: file, line: widthLine,
                                   message: "rows have \(n) values but the shape \(shape.rows)x\(shape.cols) needs \(shape.rows * shape.cols)")
            }
            resolved = shape
        } else if let h = headerShape, h.rows * h.cols == n {
            resolved = h
        } else {
            let side = Int(Double(n).squareRoot().rounded())
            resolved = side * side == n ? (side, side) : (1, n)
        }
        var seen: [String: Int] = [:]
        var patterns: [Pattern] = []
        patterns.reserveCapacity(rows.count)
        for (k, row) in rows.enumerated() {
            let patternName = row.name ?? String(k + 1)
            if let previous = seen[patternName] {
                throw PatternError(.duplicateName, file: file, line: row.line, column: 1,
                                   message: "duplicate pattern name “\(Sanitize.terminal(patternName))” (first used at line \(previous))")
            }
            seen[patternName] = row.line
            patterns.append(Pattern(name: patternName, rows: resolved.rows, cols: resolved.cols, bits: row.bits))
        }
        return PatternSet(name: name ?? PatternLoader.stem(of: file), rows: resolved.rows, cols: resolved.cols, patterns: patterns)
    }

    /// The set as CSV with a header `name,r0c0,r0c1,…` (so the shape survives a round trip).
    public static func render(_ set: PatternSet) -> String {
        var out = "name"
        for r in 0..<set.rows { for c in 0..<set.cols { out += ",r\(r)c\(c)" } }
        out += "\n"
        for p in set.patterns {
            out += quote(Sanitize.terminal(p.name))
            var row = [UInt8](repeating: UInt8(ascii: ","), count: 2 * p.bits.count)
            for (k, b) in p.bits.enumerated() { row[2 * k + 1] = b ? UInt8(ascii: "1") : UInt8(ascii: "0") }
            out += String(decoding: row, as: UTF8.self) + "\n"
        }
        return out
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" }) || s != s.trimmingCharacters(in: .whitespaces) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func shapeFromLabel(_ label: String) -> (rows: Int, cols: Int)? {
        guard label.first == "r", let cIndex = label.firstIndex(of: "c"),
              let r = Int(label[label.index(after: label.startIndex)..<cIndex]),
              let c = Int(label[label.index(after: cIndex)...]), r >= 0, c >= 0,
              r < PatternLimits.maxUnits, c < PatternLimits.maxUnits else { return nil }
        return (r + 1, c + 1)
    }

    struct Field {
        var text: String
        var quoted: Bool
        var column: Int      // 1-based scalar column of the field's first character
        var endColumn: Int   // column just after the field
    }

    /// Splits one line into fields. Work is linear in the line length.
    static func splitFields(_ line: [UInt8], file: String, line lineNo: Int) throws -> [Field] {
        var bytes = line[...]
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        var fields: [Field] = []
        var i = 0
        while true {
            let start = i
            var text = String.UnicodeScalarView()
            var quoted = false
            while i < scalars.count && (scalars[i] == " " || scalars[i] == "\t") { i += 1 }
            if i < scalars.count && scalars[i] == "\"" {
                quoted = true
                i += 1
                var closed = false
                while i < scalars.count {
                    if scalars[i] == "\"" {
                        if i + 1 < scalars.count && scalars[i + 1] == "\"" { text.append("\""); i += 2; continue }
                        i += 1; closed = true; break
                    }
                    text.append(scalars[i]); i += 1
                }
                if !closed {
                    throw PatternError(.badValue, file: file, line: lineNo, column: start + 1, message: "unterminated quoted field")
                }
                while i < scalars.count && (scalars[i] == " " || scalars[i] == "\t") { i += 1 }
                if i < scalars.count && scalars[i] != "," {
                    throw PatternError(.badValue, file: file, line: lineNo, column: i + 1, message: "expected ',' after a quoted field")
                }
            } else {
                while i < scalars.count && scalars[i] != "," { text.append(scalars[i]); i += 1 }
            }
            let s = String(text)
            fields.append(Field(text: quoted ? s : s.trimmingCharacters(in: .whitespaces), quoted: quoted,
                                column: start + 1, endColumn: i + 1))
            if i >= scalars.count { break }
            i += 1  // the comma
        }
        return fields
    }
}
