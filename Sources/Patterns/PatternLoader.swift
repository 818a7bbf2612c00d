import Foundation

/// Finds and reads pattern sets: files, directories and the built-in library.
/// (Minimal version: the text format and the `seed-example` set; the pattern-library work completes it.)
public enum PatternLoader {
    /// Names of the built-in sets.
    public static var builtinNames: [String] { ["seed-example"] }

    /// A built-in set by name.
    public static func builtin(named name: String) -> PatternSet? {
        switch name {
        case "seed-example":
            return try? TextPatternFormat.parse(">xi1\n##..\n\n>xi2\n#.#.\n", file: "seed-example")
        default:
            return nil
        }
    }

    /// A path if one exists there, otherwise a built-in set of that name.
    public static func resolve(_ argument: String) throws -> PatternSet {
        if FileManager.default.fileExists(atPath: argument) { return try load(path: argument) }
        if let set = builtin(named: argument) { return set }
        throw PatternError(file: argument, message: "no such file, and no built-in set of that name (built-in: \(builtinNames.joined(separator: ", ")))")
    }

    /// Reads a pattern file.
    public static func load(path: String) throws -> PatternSet {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PatternError(file: path, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PatternError(file: path, message: "not UTF-8 text")
        }
        return try TextPatternFormat.parse(text, file: path)
    }
}

/// The text format: `>` names a pattern, `;` comments, blank lines separate, `#` up and `.` down.
public enum TextPatternFormat {
    public static func parse(_ text: String, file: String) throws -> PatternSet {
        var patterns: [Pattern] = []
        var rows: [[Bool]] = []
        var name: String? = nil
        var lineNo = 0
        func finish() throws {
            guard !rows.isEmpty else { return }
            let w = rows[0].count
            let p = Pattern(name: name ?? String(patterns.count + 1), rows: rows.count, cols: w, bits: rows.flatMap { $0 })
            if let first = patterns.first, first.rows != p.rows || first.cols != p.cols {
                throw PatternError(file: file, line: lineNo, message: "pattern is \(p.rows)x\(p.cols) but the first is \(first.rows)x\(first.cols)")
            }
            patterns.append(p)
            rows = []
            name = nil
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix(";") { continue }
            if line.isEmpty { try finish(); continue }
            if line.hasPrefix(">") { try finish(); name = String(line.dropFirst()).trimmingCharacters(in: .whitespaces); continue }
            var row: [Bool] = []
            for (col, ch) in line.enumerated() {
                switch ch {
                case "#", "X", "*", "1", "+", "█": row.append(true)
                case ".", "-", "0", "_": row.append(false)
                default: throw PatternError(file: file, line: lineNo, column: col + 1, message: "unexpected character")
                }
            }
            if let w = rows.first?.count, w != row.count {
                throw PatternError(file: file, line: lineNo, message: "ragged row: \(row.count) wide, expected \(w)")
            }
            rows.append(row)
        }
        try finish()
        guard let first = patterns.first else { throw PatternError(file: file, message: "no patterns in the file") }
        return PatternSet(name: file, rows: first.rows, cols: first.cols, patterns: patterns)
    }
}
