import ArgumentParser
import EnergyModels
import Foundation
import Patterns

/// `hopfield patterns list|show|convert`: inspect and convert pattern files and the built-in library.
struct PatternsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patterns",
        abstract: "List, draw and convert pattern sets (text, PBM, CSV and the built-in library).",
        discussion: """
        A set is a text file (.txt), a PBM image (.pbm, one pattern), a CSV of 0/1 rows (.csv), a directory \
        of .txt/.pbm files, or the name of a built-in set (`hopfield patterns list` shows them).
        """,
        subcommands: [PatternsList.self, PatternsShow.self, PatternsConvert.self])
}

/// A picture size given as `RxC` (rows x columns), e.g. `8x8`.
struct PatternShape: ExpressibleByArgument, Equatable {
    var rows: Int
    var cols: Int

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let r = Int(parts[0]), let c = Int(parts[1]), r >= 1, c >= 1,
              r <= PatternLimits.maxUnits, c <= PatternLimits.maxUnits, r * c <= PatternLimits.maxUnits else { return nil }
        rows = r
        cols = c
    }

    static var defaultCompletionKind: CompletionKind { .default }
    var tuple: (rows: Int, cols: Int) { (rows, cols) }
}

/// Loads a set for these commands: a path or a built-in name; `shape` reshapes CSV input and is checked
/// against other inputs.
func loadPatternsArgument(_ argument: String, shape: PatternShape?) throws -> PatternSet {
    let set: PatternSet
    do { set = try PatternLoader.resolve(argument, shape: shape?.tuple) } catch let e as PatternError { throw CLIError(e.description) }
    if let shape, shape.rows != set.rows || shape.cols != set.cols {
        throw CLIError("\(Sanitize.terminal(argument)): patterns are \(set.rows)x\(set.cols), not the \(shape.rows)x\(shape.cols) given by --shape")
    }
    return set
}

/// A pattern chosen by name, else by 1-based index.
func selectPattern(_ key: String, in set: PatternSet, source: String) throws -> Pattern {
    if let p = set.pattern(named: key) { return p }
    if let k = Int(key), k >= 1, k <= set.patterns.count { return set.patterns[k - 1] }
    let names = set.patterns.prefix(20).map { Sanitize.terminal($0.name) }.joined(separator: ", ")
    let more = set.patterns.count > 20 ? ", … (\(set.patterns.count) in all)" : ""
    throw CLIError("\(Sanitize.terminal(source)) has no pattern named “\(Sanitize.terminal(key))” (patterns: \(names)\(more))")
}

struct PatternsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the built-in sets, or describe the set at PATH (size, count, names).")

    @Argument(help: ArgumentHelp("A pattern file, directory or built-in set name.", valueName: "path"), completion: .patternSets)
    var path: String?

    @Option(name: .long, help: ArgumentHelp("Shape of CSV patterns, e.g. 8x8.", valueName: "RxC"))
    var shape: PatternShape?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        var sets: [(set: PatternSet, summary: String?)] = []
        if let path {
            sets = [(try loadPatternsArgument(path, shape: shape), nil)]
        } else {
            for name in PatternLoader.builtinNames {
                guard let set = PatternLoader.builtin(named: name) else { throw CLIError("built-in set \(name) does not parse") }
                sets.append((set, PatternLoader.builtinSummary(named: name)))
            }
        }
        var out = OutputBuffer()
        if json {
            struct SetEntry: Encodable { var name: String, rows: Int, cols: Int, count: Int, patterns: [String] }
            struct Listing: Encodable { var sets: [SetEntry] }
            out.write(try jsonText(Listing(sets: sets.map {
                SetEntry(name: $0.set.name, rows: $0.set.rows, cols: $0.set.cols, count: $0.set.patterns.count, patterns: $0.set.patterns.map(\.name))
            })) + "\n")
        } else if path == nil {
            let nameWidth = max(4, sets.map { $0.set.name.count }.max() ?? 0)
            out.write(pad("NAME", nameWidth) + "  SIZE   COUNT  DESCRIPTION\n")
            for (set, summary) in sets {
                out.write(pad(set.name, nameWidth) + "  " + pad("\(set.rows)x\(set.cols)", 5) + "  "
                          + pad(String(set.patterns.count), 5) + "  " + Sanitize.terminal(summary ?? "") + "\n")
            }
            out.write("\nDraw one with `hopfield patterns show NAME`; use one with `--patterns NAME`.\n")
        } else {
            let set = sets[0].set
            let names = set.patterns.prefix(30).map { Sanitize.terminal($0.name) }.joined(separator: " ")
            let more = set.patterns.count > 30 ? " … (\(set.patterns.count - 30) more)" : ""
            out.write("set:      \(Sanitize.terminal(set.name))\n")
            out.write("size:     \(set.rows)x\(set.cols) = \(set.unitCount) units\n")
            out.write("patterns: \(set.patterns.count)\n")
            out.write("names:    \(names)\(more)\n")
        }
        out.flush()
    }

    func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}

struct PatternsShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Draw the patterns of a set (# up, . down), side by side when they fit.",
        discussion: "With --noise, each pattern is drawn with exactly round(F*N) randomly chosen units flipped, as `run --noise` corrupts a cue.")

    @Argument(help: ArgumentHelp("A pattern file, directory or built-in set name.", valueName: "file"), completion: .patternSets)
    var file: String

    @Argument(help: ArgumentHelp("Draw only this pattern (a name or a 1-based index).", valueName: "name"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp("Shape of CSV patterns, e.g. 8x8.", valueName: "RxC"))
    var shape: PatternShape?

    @Option(name: .long, help: "Output width in characters, for placing patterns side by side.")
    var width: Int = 80

    @Option(name: .long, help: "Fraction of units to flip in each drawn pattern (0 to 1).")
    var noise: Double = 0

    @Option(name: .long, help: "Random seed for --noise.")
    var seed: UInt64 = 1

    func validate() throws {
        guard noise.isFinite, noise >= 0, noise <= 1 else { throw ValidationError("--noise must be between 0 and 1, found \(noise)") }
        guard width >= 1, width <= 100_000 else { throw ValidationError("--width must be from 1 to 100000") }
    }

    func run() throws {
        let set = try loadPatternsArgument(file, shape: shape)
        var chosen = try name.map { [try selectPattern($0, in: set, source: file)] } ?? set.patterns
        if noise > 0 {
            for k in chosen.indices {
                var rng = Xoshiro256(seed: seed, stream: UInt64(k))
                chosen[k] = chosen[k].flipped(fraction: noise, rng: &rng)
            }
        }
        var out = OutputBuffer()
        out.write("\(Sanitize.terminal(set.name)): \(set.patterns.count) pattern\(set.patterns.count == 1 ? "" : "s") of \(set.rows)x\(set.cols)\n\n")
        out.write(PatternDrawing.blocks(chosen, width: width))
        out.flush()
    }
}

/// Patterns drawn as text blocks, a name line over `#`/`.` rows, as many side by side as fit.
enum PatternDrawing {
    static let maxNameWidth = 24

    static func blocks(_ patterns: [Pattern], width: Int) -> String {
        guard let first = patterns.first else { return "" }
        let names = patterns.map { label($0.name) }
        let blockWidth = max(first.cols, names.map(\.count).max() ?? 0)
        let perLine = max(1, (width + 2) / (blockWidth + 2))
        var out = ""
        var start = 0
        while start < patterns.count {
            let group = start..<min(start + perLine, patterns.count)
            out += group.map { pad(names[$0], blockWidth) }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
            for r in 0..<first.rows {
                out += group.map { k in
                    pad(String(patterns[k].bits[(r * first.cols)..<((r + 1) * first.cols)].map { $0 ? "#" : "." }), blockWidth)
                }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
            }
            start = group.upperBound
            if start < patterns.count { out += "\n" }
        }
        return out
    }

    /// A name safe for the terminal, shortened to `maxNameWidth` characters.
    static func label(_ name: String) -> String {
        let safe = Sanitize.terminal(name)
        return safe.count <= maxNameWidth ? safe : String(safe.prefix(maxNameWidth - 1)) + "…"
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

struct PatternsConvert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a pattern set between text (.txt), PBM (.pbm) and CSV (.csv).",
        discussion: """
        The output format follows OUT's extension, and the file is written atomically. A PBM file holds one \
        pattern: to convert a set of several, pick one with --name, or give a directory as OUT (an existing \
        directory, or a path ending in /) to write one NAME.pbm per pattern. --shape gives the shape of CSV \
        input and, for other input, is checked against the patterns' size.
        """)

    @Argument(help: ArgumentHelp("Input: a pattern file, directory or built-in set name.", valueName: "in"), completion: .patternSets)
    var input: String

    @Argument(help: ArgumentHelp("Output: a .txt, .pbm or .csv file, or a directory for .pbm files.", valueName: "out"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("Shape of CSV input (checked for other input), e.g. 8x8.", valueName: "RxC"))
    var shape: PatternShape?

    @Option(name: .long, help: ArgumentHelp("Convert only this pattern (a name or a 1-based index).", valueName: "name"))
    var name: String?

    func run() throws {
        var set = try loadPatternsArgument(input, shape: shape)
        if let name {
            let p = try selectPattern(name, in: set, source: input)
            set = PatternSet(name: set.name, rows: set.rows, cols: set.cols, patterns: [p])
        }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
        do {
            if output.hasSuffix("/") || (exists && isDirectory.boolValue) {
                let written = try PatternLoader.writePBMDirectory(set, to: output)
                report("wrote \(written.count) PBM file\(written.count == 1 ? "" : "s") of \(set.rows)x\(set.cols) in \(Sanitize.terminal(output))", output: output)
                return
            }
            guard let format = PatternFormat(path: output) else {
                throw CLIError("\(Sanitize.terminal(output)): unknown output format; name the file .txt, .pbm or .csv, or give a directory ending in /")
            }
            if format == .pbm && set.patterns.count > 1 {
                throw CLIError("\(Sanitize.terminal(output)): a PBM file holds one pattern but \(Sanitize.terminal(input)) has \(set.patterns.count); pick one with --name NAME, or give a directory (e.g. \(Sanitize.terminal(PatternLoader.stem(of: output)))/) for one .pbm per pattern")
            }
            try PatternLoader.write(set, to: output, format: format)
        } catch let e as PatternError {
            throw CLIError(e.description)
        }
        report("wrote \(set.patterns.count) pattern\(set.patterns.count == 1 ? "" : "s") of \(set.rows)x\(set.cols) to \(Sanitize.terminal(output))", output: output)
    }
}
