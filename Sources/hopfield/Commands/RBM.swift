import ArgumentParser
import EnergyModels
import Foundation
import Patterns

/// `hopfield rbm …`: restricted Boltzmann machines (and stacks of them) on binary pictures.
struct RBMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rbm",
        abstract: "Train, evaluate and sample restricted Boltzmann machines (CD-k, PCD-k, deep belief nets).",
        subcommands: [RBMTrain.self, RBMEval.self, RBMSample.self, RBMLive.self]
    )
}

/// A data set loaded for an RBM, with the picture shape.
struct RBMLoadedData {
    var data: RBMData
    var shape: [Int]
    var name: String
}

/// Loads `--data`: a pattern file or set (PatternLoader formats), as binary vectors.
func loadRBMData(_ argument: String) throws -> RBMLoadedData {
    let set = try loadPatternSet(argument)
    guard !set.patterns.isEmpty else { throw CLIError("\(Sanitize.terminal(argument)): no patterns") }
    return RBMLoadedData(data: RBMData(bits: set.patterns.map(\.bits)), shape: [set.rows, set.cols], name: set.name)
}

/// Reads an RBM or DBN model file, turning its errors into CLI errors.
func readRBMModel(_ path: String) throws -> RBMModelFile {
    do { return try RBMModelFile.read(path: path) } catch let e as ModelFileError { throw CLIError(e.description) }
}

/// `--cd K` / `--pcd K` as a gradient method: PCD-K when given, else CD-K (CD-1 when neither is).
func gradientMethod(cd: Int?, pcd: Int?) throws -> RBMGradientMethod {
    if cd != nil && pcd != nil { throw ValidationError("give --cd K or --pcd K, not both") }
    return pcd.map { .persistent(steps: $0) } ?? .contrastiveDivergence(steps: cd ?? 1)
}

/// Checks that the data fit the model's visible layer.
func checkDimension(_ data: RBMLoadedData, visible: Int, dataArgument: String) throws {
    guard data.data.dimension == visible else {
        throw CLIError("--data \(Sanitize.terminal(dataArgument)): patterns have \(data.data.dimension) units (\(data.shape[0])x\(data.shape[1])) but the model has \(visible) visible units")
    }
}

/// A report as one line of JSON (keys sorted). JSONEncoder refuses a non-finite number (an error, never
/// null, NaN or inf where a number is promised); absent optional figures are left out.
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    } catch {
        throw CLIError("cannot write the JSON report: \(error)")
    }
}

/// An optional that a JSON report writes as null when absent (synthesized Encodable leaves a plain optional out).
struct JSONNullable<T: Encodable>: Encodable {
    var value: T?
    init(_ value: T?) { self.value = value }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let value { try c.encode(value) } else { try c.encodeNil() }
    }
}

/// Prints a report as JSON on standard output (`jsonText`).
func printJSON<T: Encodable>(_ value: T) throws {
    print(try jsonText(value))
}

/// True if standard error is a terminal (progress bars go there only then).
func stderrIsTerminal() -> Bool { isatty(2) == 1 }

/// Writes to standard error without buffering.
func writeStderr(_ s: String) { writeOrFail(Data(s.utf8), to: .standardError) }

/// The width of the terminal on standard error (80 if unknown).
func stderrColumns() -> Int {
    var ws = winsize()
    guard ioctl(2, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 else { return 80 }
    return Int(ws.ws_col)
}

/// Redraws the progress line in place, clipped to the terminal width so it never wraps.
func drawProgressLine(_ line: String) {
    let room = max(10, stderrColumns() - 1)
    let clipped = line.count > room ? String(line.prefix(room)) : line
    writeStderr("\r\u{1B}[K" + clipped)
}

/// A one-line progress bar: `[#####.....] label`.
func progressBar(done: Int, total: Int, width: Int = 12) -> String {
    let filled = total > 0 ? min(width, done * width / total) : width
    return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
}

/// Formats a figure for the terminal with a fixed number of decimals.
func fixed(_ x: Double?, _ decimals: Int = 4) -> String {
    guard let x, x.isFinite else { return "-" }
    return String(format: "%.\(decimals)f", x)
}
