import EnergyModels
import Foundation

/// Finds, reads and writes pattern sets: files, directories and the built-in library.
public enum PatternLoader {
    /// A path if one exists there, otherwise a built-in set of that name.
    public static func resolve(_ argument: String, shape: (rows: Int, cols: Int)? = nil) throws -> PatternSet {
        if FileManager.default.fileExists(atPath: argument) { return try load(path: argument, shape: shape) }
        if let set = builtin(named: argument) { return set }
        throw PatternError(.notFound, file: argument,
                           message: "no such file, and no built-in set of that name (built-in: \(builtinNames.joined(separator: ", ")))")
    }

    /// Reads a pattern file (`.txt`, `.pbm`, `.csv`; another extension is read as PBM if it starts with
    /// `P1`/`P4`, else as text) or a directory of `.txt` and `.pbm` files. `shape` applies to CSV.
    public static func load(path: String, shape: (rows: Int, cols: Int)? = nil) throws -> PatternSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PatternError(.cannotRead, file: path, message: "no such file or directory")
        }
        if isDirectory.boolValue { return try loadDirectory(path: path) }
        let bytes = try readBytes(path: path)
        return try parse(bytes, file: path, format: PatternFormat(path: path), shape: shape)
    }

    /// Parses bytes in the given format (nil: guess from the content).
    public static func parse(_ bytes: [UInt8], file: String, format: PatternFormat?,
                             shape: (rows: Int, cols: Int)? = nil) throws -> PatternSet {
        switch format ?? (PBMFormat.looksLikePBM(bytes) ? .pbm : .text) {
        case .text:
            return try TextPatternFormat.parse(bytes: bytes, file: file)
        case .csv:
            return try CSVPatternFormat.parse(bytes, file: file, shape: shape)
        case .pbm:
            let p = try PBMFormat.parse(bytes, file: file, name: Sanitize.terminal(stem(of: file)))
            return PatternSet(name: p.name, rows: p.rows, cols: p.cols, patterns: [p])
        }
    }

    /// Reads a file's bytes through the capped reader (`BoundedFile`): at most `PatternLimits.maxFileBytes`,
    /// devices refused, pipes read to their end or the limit.
    public static func readBytes(path: String) throws -> [UInt8] {
        do {
            return [UInt8](try BoundedFile.read(path: path, limit: PatternLimits.maxFileBytes))
        } catch {
            if case .tooLarge = error.reason { throw PatternError(.tooLarge, file: path, message: error.problem) }
            throw PatternError(.cannotRead, file: path, message: error.problem)
        }
    }

    /// All `.txt` and `.pbm` files directly inside a directory, in name order, as one set. Every
    /// pattern must have the same size and a different name. Hidden files are skipped.
    public static func loadDirectory(path: String) throws -> PatternSet {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw PatternError(.cannotRead, file: path, message: "cannot list the directory")
        }
        let files = names.filter { !$0.hasPrefix(".") && (PatternFormat(path: $0) == .text || PatternFormat(path: $0) == .pbm) }
            .sorted()
        guard !files.isEmpty else {
            throw PatternError(.emptyFile, file: path, message: "no .txt or .pbm files in the directory")
        }
        guard files.count <= PatternLimits.maxFiles else {
            throw PatternError(.tooLarge, file: path, message: "\(files.count) pattern files; the limit for one directory is \(PatternLimits.maxFiles)")
        }
        var patterns: [Pattern] = []
        var origin: [String: String] = [:]
        var first: (file: String, rows: Int, cols: Int)? = nil
        var totalUnits = 0
        for f in files {
            let full = (path as NSString).appendingPathComponent(f)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let set = try parse(readBytes(path: full), file: full, format: PatternFormat(path: f))
            if let first, first.rows != set.rows || first.cols != set.cols {
                throw PatternError(.sizeMismatch, file: full,
                                   message: "patterns are \(set.rows)x\(set.cols) but those in \(Sanitize.terminal(first.file)) are \(first.rows)x\(first.cols); a directory is one set of one size")
            }
            if first == nil { first = (f, set.rows, set.cols) }
            totalUnits += set.unitCount * set.patterns.count
            if totalUnits > PatternLimits.maxTotalUnits {
                throw PatternError(.tooLarge, file: path, message: "the set has more than \(PatternLimits.maxTotalUnits) units in all, the limit for one set")
            }
            for p in set.patterns {
                if let other = origin[p.name] {
                    throw PatternError(.duplicateName, file: full,
                                       message: "duplicate pattern name “\(Sanitize.terminal(p.name))” (also in \(Sanitize.terminal(other)))")
                }
                origin[p.name] = f
                patterns.append(p)
            }
        }
        guard let first else { throw PatternError(.emptyFile, file: path, message: "no .txt or .pbm files in the directory") }
        return PatternSet(name: stem(of: path), rows: first.rows, cols: first.cols, patterns: patterns)
    }

    /// Writes a set atomically in the format of the path's extension (`.txt`, `.pbm`, `.csv`). A PBM file
    /// holds one pattern: a set of several is refused (see `writePBMDirectory`).
    public static func write(_ set: PatternSet, to path: String, format: PatternFormat? = nil) throws {
        guard let format = format ?? PatternFormat(path: path) else {
            throw PatternError(.unsupportedFormat, file: path, message: "unknown output format: use a .txt, .pbm or .csv file name")
        }
        let bytes: [UInt8]
        switch format {
        case .text:
            bytes = Array(TextPatternFormat.render(set).utf8)
        case .csv:
            bytes = Array(CSVPatternFormat.render(set).utf8)
        case .pbm:
            guard set.patterns.count == 1 else {
                throw PatternError(.unsupportedFormat, file: path,
                                   message: "a PBM file holds one pattern but the set has \(set.patterns.count); pick one pattern, or write to a directory for one .pbm file per pattern")
            }
            bytes = Array(PBMFormat.renderP1(set.patterns[0]).utf8)
        }
        try atomicWrite(bytes, to: path)
    }

    /// Writes one P1 file per pattern into `directory` (created if needed), named after the patterns
    /// (made safe as file names, numbered if two collide). Returns the paths written.
    @discardableResult
    public static func writePBMDirectory(_ set: PatternSet, to directory: String) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PatternError(.cannotWrite, file: directory, message: "cannot create the directory")
        }
        var used: Set<String> = []
        var written: [String] = []
        for (k, p) in set.patterns.enumerated() {
            let safe = Sanitize.fileName(p.name)
            var base = safe
            var suffix = k + 1
            while used.contains(base.lowercased()) {  // case-insensitive: macOS file systems usually are
                base = "\(safe)-\(suffix)"
                suffix += 1
            }
            used.insert(base.lowercased())
            let full = (directory as NSString).appendingPathComponent(base + ".pbm")
            try atomicWrite(Array(PBMFormat.renderP1(p).utf8), to: full)
            written.append(full)
        }
        return written
    }

    static func atomicWrite(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicFile.write(Data(bytes), to: path)
        } catch let e as FileWriteError {
            throw PatternError(.cannotWrite, file: path, message: e.reason)
        }
    }

    /// The last path component without its extension: `dir/A.pbm` → `A`.
    public static func stem(of path: String) -> String {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let last = (trimmed as NSString).lastPathComponent
        let stem = (last as NSString).deletingPathExtension
        return stem.isEmpty ? last : stem
    }

    /// The extension without its dot (`""` if none).
    public static func fileExtension(of path: String) -> String { (path as NSString).pathExtension }
}
