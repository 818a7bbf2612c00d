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
}

/// A pattern file that could not be read: the file, and where known the line and column.
public struct PatternError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var where_ = file
        if let line { where_ += ":\(line)" }
        if let column { where_ += ":\(column)" }
        return "\(where_): \(message)"
    }
}
