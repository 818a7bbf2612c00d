import ArgumentParser
import EnergyModels
import Foundation
import Patterns

/// A user-facing failure: printed as `Error: …` with a non-zero exit by the argument parser.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

extension LearningRule: ExpressibleByArgument {}
extension UnitConvention: ExpressibleByArgument {}
extension UpdateSchedule: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { ["random", "sequential", "sync"] }
}

/// A network ready to run: the engine object, its memories and the picture shape if known.
struct LoadedNetwork {
    var network: AnyEnergyModel
    var patterns: [StoredPattern]
    var shape: (rows: Int, cols: Int)?
}

/// How stored patterns become a network: `--rule`, `--units` and `--interaction`, shared by every command
/// that learns from patterns.
struct LearningOptions: ParsableArguments {
    @Option(name: .long, help: "Learning rule: hebb, storkey or pinv.")
    var rule: LearningRule = .hebb

    @Option(name: .long, help: "Unit convention: spin (±1) or binary (0/1).")
    var units: UnitConvention = .spin

    @Option(name: .long, help: interactionHelp, transform: Interaction.parse)
    var interaction: Interaction = .quadratic
}

/// Where a network comes from: patterns and a rule, or a model file.
struct NetworkSourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Pattern file, directory or built-in set to store.", valueName: "file"), completion: .patternSets)
    var patterns: String?

    @OptionGroup var learning: LearningOptions

    @Option(name: .long, help: ArgumentHelp("A model file written by `hopfield store`.", valueName: "file"))
    var model: String?

    func validate() throws {
        if patterns == nil && model == nil { throw ValidationError("give --patterns FILE or --model MODEL") }
        if patterns != nil && model != nil { throw ValidationError("give either --patterns or --model, not both") }
    }

    /// The network; `temperature` is the one the run uses (the softmax network's energy depends on it).
    func load(temperature: Double = 0) throws -> LoadedNetwork {
        if let model { return try readModelFile(model, temperature: temperature) }
        let set = try loadPatternSet(patterns ?? "")
        let stored = set.patterns.map { StoredPattern(name: $0.name, up: $0.bits) }
        let kind = try NetworkKind.chosen(interaction: learning.interaction, rule: learning.rule, units: learning.units, count: set.unitCount, memories: stored.count)
        if case .pairwise(let rule) = kind {
            do { try NetworkBudget.check(count: set.unitCount, patterns: stored.count, rule: rule, units: learning.units) }
            catch { throw CLIError("\(Sanitize.terminal(patterns ?? "")): \(error)") }
        }
        let net: AnyEnergyModel
        do { net = try kind.makeModel(patterns: stored.map(\.spins), count: set.unitCount, units: learning.units, temperature: temperature) }
        catch { throw CLIError("\(error)") }
        return LoadedNetwork(network: net, patterns: stored, shape: (set.rows, set.cols))
    }
}

/// Reads a model file of either kind: a weight matrix (`boltzmann`) or memories with an interaction (`dense`).
func readModelFile(_ path: String, temperature: Double = 0) throws -> LoadedNetwork {
    do {
        switch try HopfieldModelFile.read(path: path) {
        case .dense(let file):
            let net = try file.kind.makeModel(patterns: file.patterns.map(\.spins), count: file.count, units: .spin, temperature: temperature)
            return LoadedNetwork(network: net, patterns: file.patterns, shape: file.shape.map { (rows: $0[0], cols: $0[1]) })
        case .network(let file):
            let shape = file.shape.map { (rows: $0[0], cols: $0[1]) }
            return LoadedNetwork(network: AnyEnergyModel(file.makeNetwork()), patterns: file.patterns, shape: shape)
        }
    } catch let e as ModelFileError {
        throw CLIError(e.description)
    } catch {
        throw CLIError("\(path): \(error)")
    }
}

func loadPatternSet(_ argument: String) throws -> PatternSet {
    do { return try PatternLoader.resolve(argument) } catch let e as PatternError { throw CLIError(e.description) }
}

/// Parses a state string of `1` (up) and `0` (down).
func parseStateString(_ s: String, count: Int) throws -> [Bool] {
    var out: [Bool] = []
    out.reserveCapacity(count)
    for (k, ch) in s.enumerated() {
        switch ch {
        case "1": out.append(true)
        case "0": out.append(false)
        default: throw CLIError("--state: character \(k + 1) is not '0' or '1'")
        }
    }
    guard out.count == count else { throw CLIError("--state has \(out.count) characters but the network has \(count) units") }
    return out
}

/// `1`/`0` per unit.
func stateString(_ up: [Bool]) -> String { String(up.map { $0 ? "1" : "0" }) }

/// The state drawn as text rows (`#` up, `.` down), or one line when the shape is unknown.
func drawGrid(_ up: [Bool], shape: (rows: Int, cols: Int)?) -> String {
    guard let shape, shape.rows * shape.cols == up.count else { return String(up.map { $0 ? "#" : "." }) + "\n" }
    var out = ""
    for r in 0..<shape.rows {
        out += String(up[(r * shape.cols)..<((r + 1) * shape.cols)].map { $0 ? "#" : "." }) + "\n"
    }
    return out
}

/// A command's report: on standard output, or on standard error when the command's `--output` file is
/// standard output (so what is written there stays a clean file).
func reportHandle(output: String?) -> FileHandle {
    output.map(AtomicFile.isStandardOutput) == true ? .standardError : .standardOutput
}

/// One line of a command's report (see `reportHandle`).
func report(_ line: String, output: String?) { writeOrFail(Data((line + "\n").utf8), to: reportHandle(output: output)) }

/// Writes to standard output or error without trapping (`FileHandle.write(_:)` traps when the write fails,
/// e.g. `> /dev/full`). Output that cannot be written is an error (`standardOutputFailed`); a failed write to
/// standard error has nowhere to be reported and is dropped.
func writeOrFail(_ data: Data, to handle: FileHandle) {
    do { try handle.write(contentsOf: data) } catch {
        guard handle.fileDescriptor != STDERR_FILENO else { return }
        let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        standardOutputFailed(posix.map { String(cString: strerror(Int32($0.code))) } ?? error.localizedDescription)
    }
}

/// A report that could not be written must not end with status 0: says why on standard error, exits 1.
func standardOutputFailed(_ reason: String) -> Never {
    try? FileHandle.standardError.write(contentsOf: Data("Error: cannot write standard output: \(reason)\n".utf8))
    exit(1)
}

/// Buffered standard output for large outputs.
struct OutputBuffer {
    private let handle: FileHandle
    private var buffer = ""
    init(handle: FileHandle = .standardOutput) { self.handle = handle }
    mutating func write(_ s: String) {
        buffer += s
        if buffer.utf8.count > 1 << 16 { flush() }
    }
    mutating func flush() {
        writeOrFail(Data(buffer.utf8), to: handle)
        buffer = ""
    }
}

/// `--threads` of the parallel experiments (hidden: results do not depend on it).
struct WorkerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Worker threads (default: all cores); results do not depend on it.", visibility: .hidden))
    var threads: Int?

    /// Called last by the command's `validate` (after its own checks, so their messages come first).
    func check() throws {
        if let threads, !(1...1024).contains(threads) { throw ValidationError("--threads must be from 1 to 1024, found \(threads)") }
    }
}

/// Validates a temperature given on the command line.
func checkTemperature(_ t: Double, option: String = "--temperature") throws {
    guard t.isFinite, t >= 0 else { throw ValidationError("\(option) must be a finite number ≥ 0, found \(t)") }
}
