import EnergyModels
import Foundation

/// One binary picture: `rows x cols` units, row-major, `true` = up (black, `#`).
public struct Pattern: Sendable, Equatable {
    public var name: String
    public var rows: Int
    public var cols: Int
    public var bits: [Bool]

    public init(name: String, rows: Int, cols: Int, bits: [Bool]) {
        precondition(bits.count == rows * cols, "bits must be rows*cols")
        self.name = name
        self.rows = rows
        self.cols = cols
        self.bits = bits
    }

    /// ±1 values (+1 up).
    public var spins: [Int8] { bits.map { $0 ? 1 : -1 } }

    /// Number of units, rows·cols.
    public var unitCount: Int { rows * cols }

    /// The unit at (row, col), row-major.
    public subscript(row: Int, col: Int) -> Bool { bits[row * cols + col] }
}

/// A list of patterns sharing one size.
public struct PatternSet: Sendable, Equatable {
    public var name: String
    public var rows: Int
    public var cols: Int
    public var patterns: [Pattern]

    public init(name: String, rows: Int, cols: Int, patterns: [Pattern]) {
        self.name = name
        self.rows = rows
        self.cols = cols
        self.patterns = patterns
    }

    public var unitCount: Int { rows * cols }

    /// The pattern called `name`, if any.
    public func pattern(named name: String) -> Pattern? { patterns.first { $0.name == name } }
}

/// A pattern file that could not be read or written: the file, where known the line and column, the
/// class of problem (`kind`, for programs and tests) and a message saying what was expected.
public struct PatternError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The class of problem. Messages carry the detail; the kind lets callers and tests tell them apart.
    public enum Kind: String, Sendable, Equatable {
        case cannotRead, notUTF8, tooLarge, emptyFile
        case unknownCharacter, raggedRow, sizeMismatch, duplicateName, badName, missingRows
        case badHeader, truncated, extraData, badValue, shapeMismatch
        case notFound, unsupportedFormat, cannotWrite
        case other
    }

    public var kind: Kind
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(_ kind: Kind = .other, file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, with the file name made safe for a terminal.
    public var description: String {
        var where_ = Sanitize.terminal(file)
        if let line { where_ += ":\(line)" }
        if let column { where_ += ":\(column)" }
        return "\(where_): \(message)"
    }
}

/// Hard limits checked before anything is allocated, so a hostile or mistaken file (a 100000x100000 PBM
/// header, a gigabyte of text) gives a message instead of exhausting memory.
public enum PatternLimits {
    /// Units in one pattern. A dense network of this size would need 8 TB of weights; 1,000,000 still
    /// allows low-rank networks and data sets far beyond what a terminal can show.
    public static let maxUnits = 1_000_000
    /// Units in a whole set (patterns x units).
    public static let maxTotalUnits = 64_000_000
    /// Bytes in one file.
    public static let maxFileBytes = 64 << 20
    /// Files read from one directory.
    public static let maxFiles = 10_000
    /// Characters (Unicode scalars) in a pattern name.
    public static let maxNameLength = 200
}
