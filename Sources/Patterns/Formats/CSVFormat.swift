import EnergyModels
import Foundation

/// Comma-separated `0`/`1` values, one pattern per line (for data sets).
///
/// - Blank lines are skipped; spaces around values are ignored; `\r\n` line ends are accepted.
/// - An optional header line starts with the field `name`: then every row starts with the pattern's
///   name (quoted with `"` if it contains a comma or quote, `""` for a quote inside), and if the last
///   header field is `r<R>c<C>` (the writer's `r0c0,r0c1,…` column labels) the shape is (R+1)x(C+1).
///   A header with value columns must agree with the rows (as many values) and with its own last label
///   ((R+1)(C+1) columns); a disagreement is refused with the line.
/// - Without names, patterns are named by their row (`1`, `2`, …).
/// - The shape: the one given by the caller, else the header's, else square when the count of values is
///   a perfect square, else one row.
public enum CSVPatternFormat {
    public static func parse(_ bytes: [UInt8], file: String, name: String? = nil,
                             shape: (rows: Int, cols: Int)? = nil) throws -> PatternSet {
        if bytes.count > PatternLimits.maxFileBytes {
            throw PatternError(.tooLarge, file: file, message: "the file is \(bytes.count) bytes; the limit is \(PatternLimits.maxFileBytes)")
        }
        guard String(bytes: bytes, encoding: .utf8) != nil else {
            throw PatternError(.notUTF8, file: file, message: "not UTF-8 text")
        }
        var hasHeader = false
        var headerShape: (rows: Int, cols: Int)? = nil
        var header = (line: 0, columns: 0)  // value columns the header names (0: only `name`)
        var width: Int? = nil       // values per row
        var widthLine = 0
        var rows: [(name: String?, line: Int, bits: [Bool])] = []
        var totalUnits = 0
        var lineNo = 0
        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNo += 1
            // Fast path for the common data line: unquoted 0/1 values (after a name if there is a header).
            // Anything unusual, including a name that needs an error message, takes the general path.
            if let w = width, let row = fastRow(rawLine, named: hasHeader, count: w),
               row.name.map({ Sanitize.firstUnsafe(in: $0) == nil && $0.unicodeScalars.count <= PatternLimits.maxNameLength }) ?? true {
                totalUnits += w
                if totalUnits > PatternLimits.maxTotalUnits {
                    throw PatternError(.tooLarge, file: file, line: lineNo, message: "the set has more than \(PatternLimits.maxTotalUnits) units in all, the limit for one set")
                }
                rows.append((row.name, lineNo, row.bits))
                continue
            }
            let fields = try splitFields(rawLine, file: file, line: lineNo)
            if fields.count == 1 && fields[0].bytes.isEmpty && !fields[0].quoted { continue }
            if width == nil && rows.isEmpty && !hasHeader,
               fields[0].text.lowercased() == "name" && !fields[0].quoted {
                hasHeader = true
                header = (lineNo, fields.count - 1)
                if fields.count - 1 > PatternLimits.maxUnits {
                    throw PatternError(.tooLarge, file: file, line: lineNo, message: "more than \(PatternLimits.maxUnits) columns, the limit for one pattern")
                }
                if let last = fields.last, fields.count > 1, let labelled = shapeFromLabel(last.text), labelled.rows * labelled.cols != header.columns {
                    throw PatternError(.shapeMismatch, file: file, line: lineNo, column: last.column,
                                       message: "the last column label \(Sanitize.terminal(String(last.text.prefix(30)))) means \(labelled.rows)x\(labelled.cols) = \(product(labelled.rows, labelled.cols)) values, but the header has \(header.columns) value columns")
                }
                headerShape = fields.count > 1 ? shapeFromLabel(fields.last?.text ?? "") : nil
                continue
            }
            let valueFields = hasHeader ? fields.dropFirst() : fields[...]
            if let w = width, valueFields.count != w {
                let column = valueFields.count > w ? valueFields[valueFields.startIndex + w].column : (fields.last?.endColumn ?? 1)
                throw PatternError(.raggedRow, file: file, line: lineNo, column: column,
                                   message: "\(valueFields.count) values, expected \(w) like the row at line \(widthLine)")
            }
            if width == nil {
                if header.columns > 0 && valueFields.count != header.columns {
                    throw PatternError(.raggedRow, file: file, line: lineNo, column: fields.last?.endColumn ?? 1,
                                       message: "\(valueFields.count) values, but the header at line \(header.line) has \(header.columns) value columns")
                }
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
                guard let bit = f.bit else {
                    throw PatternError(.badValue, file: file, line: lineNo, column: f.column,
                                       message: "expected 0 or 1, found \(f.bytes.isEmpty ? "an empty field" : "“" + Sanitize.terminal(String(f.text.prefix(20))) + "”")")
                }
                bits.append(bit)
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
            guard shape.rows > 0, shape.cols > 0, shape.rows <= n, shape.cols <= n, shape.rows * shape.cols == n else {
                throw PatternError(.shapeMismatch, file: file, line: widthLine,
                                   message: "rows have \(n) values but the shape \(shape.rows)x\(shape.cols) needs \(product(shape.rows, shape.cols))")
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

    /// r·c as text, without trapping on overflow.
    static func product(_ r: Int, _ c: Int) -> String {
        let (p, overflow) = r.multipliedReportingOverflow(by: c)
        return overflow ? "more than \(Int.max)" : String(p)
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

    /// A line of exactly `count` unquoted `0`/`1` values (each optionally surrounded by spaces), after an
    /// unquoted name field if `named`; nil for anything else, which the general path then handles.
    static func fastRow(_ line: ArraySlice<UInt8>, named: Bool, count: Int) -> (name: String?, bits: [Bool])? {
        var i = line.startIndex
        var end = line.endIndex
        if end > i && line[end - 1] == 0x0D { end -= 1 }
        var name: String? = nil
        if named {
            let first = i
            while i < end && line[i] != UInt8(ascii: ",") {
                if line[i] == UInt8(ascii: "\"") { return nil }
                i += 1
            }
            guard i < end else { return nil }
            var a = first, b = i
            while a < b && (line[a] == 0x20 || line[a] == 0x09) { a += 1 }
            while b > a && (line[b - 1] == 0x20 || line[b - 1] == 0x09) { b -= 1 }
            name = a == b ? nil : String(decoding: line[a..<b], as: UTF8.self)
            i += 1
        }
        var bits: [Bool] = []
        bits.reserveCapacity(count)
        while true {
            while i < end && line[i] == 0x20 { i += 1 }
            guard i < end else { return nil }
            switch line[i] {
            case UInt8(ascii: "1"): bits.append(true)
            case UInt8(ascii: "0"): bits.append(false)
            default: return nil
            }
            i += 1
            while i < end && line[i] == 0x20 { i += 1 }
            if i == end { break }
            guard line[i] == UInt8(ascii: ","), bits.count < count else { return nil }
            i += 1
        }
        return bits.count == count ? (name, bits) : nil
    }

    /// One field of a line: its bytes (quotes removed and `""` undone for quoted fields) and place.
    struct Field {
        var bytes: ArraySlice<UInt8>
        var quoted: Bool
        var column: Int      // 1-based column (in characters) of the field's first character
        var endColumn: Int   // column just after the field

        var text: String { String(decoding: bytes, as: UTF8.self) }

        /// The single value `0` or `1` (surrounding spaces already trimmed), else nil.
        var bit: Bool? {
            guard bytes.count == 1, !quoted else { return nil }
            switch bytes.first {
            case UInt8(ascii: "1"): return true
            case UInt8(ascii: "0"): return false
            default: return nil
            }
        }
    }

    /// Splits one line into fields, working on bytes (a CSV of a million values must parse quickly).
    /// Unquoted fields are trimmed of spaces and tabs. Work is linear in the line length.
    static func splitFields(_ line: ArraySlice<UInt8>, file: String, line lineNo: Int) throws -> [Field] {
        var end = line.endIndex
        if end > line.startIndex && line[end - 1] == 0x0D { end -= 1 }
        let base = line.startIndex
        // Columns count characters: bytes that do not continue a UTF-8 sequence.
        var columnAt = 1
        var columnIndex = base
        func column(_ i: Int) -> Int {
            while columnIndex < i {
                if line[columnIndex] & 0xC0 != 0x80 { columnAt += 1 }
                columnIndex += 1
            }
            return columnAt
        }
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        var fields: [Field] = []
        var i = base
        while true {
            let startColumn = column(i)
            while i < end && isBlank(line[i]) { i += 1 }
            if i < end && line[i] == UInt8(ascii: "\"") {
                var text: [UInt8] = []
                i += 1
                var closed = false
                while i < end {
                    if line[i] == UInt8(ascii: "\"") {
                        if i + 1 < end && line[i + 1] == UInt8(ascii: "\"") { text.append(line[i]); i += 2; continue }
                        i += 1; closed = true; break
                    }
                    text.append(line[i]); i += 1
                }
                if !closed {
                    throw PatternError(.badValue, file: file, line: lineNo, column: startColumn, message: "unterminated quoted field")
                }
                while i < end && isBlank(line[i]) { i += 1 }
                if i < end && line[i] != UInt8(ascii: ",") {
                    throw PatternError(.badValue, file: file, line: lineNo, column: column(i), message: "expected ',' after a quoted field")
                }
                fields.append(Field(bytes: text[...], quoted: true, column: startColumn, endColumn: column(i)))
            } else {
                let first = i
                while i < end && line[i] != UInt8(ascii: ",") { i += 1 }
                var last = i
                while last > first && isBlank(line[last - 1]) { last -= 1 }
                fields.append(Field(bytes: line[first..<last], quoted: false, column: startColumn, endColumn: column(i)))
            }
            if i >= end { break }
            i += 1  // the comma
        }
        return fields
    }
}
