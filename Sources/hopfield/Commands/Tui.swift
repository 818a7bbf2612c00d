import ArgumentParser
import EnergyModels
import Foundation
import Patterns
import TerminalIO
import Visualizer

struct Tui: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The live view: watch a Hopfield network recall (the default command).",
        discussion: """
        Opens a full-screen view of the network's state, its energy trace and its overlaps with the stored \
        memories. Press ? inside for every key: space runs, 1-9 cue a memory, c corrupts, + and - change the \
        temperature, q quits. Without --patterns a few letters are stored, within the network's capacity.
        """)

    @Option(name: .long, help: ArgumentHelp("Pattern file, directory or built-in set to store (default: a few letters).", valueName: "file"))
    var patterns: String?

    @Option(name: .long, help: "Learning rule: hebb, storkey or pinv.")
    var rule: LearningRule = .hebb

    @Option(name: .long, help: "Unit convention: spin (±1) or binary (0/1).")
    var units: UnitConvention = .spin

    @Option(name: .long, help: "Starting temperature T ≥ 0.")
    var temperature: Double = 0

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Frame cap while running (frames per second, 1-120); low values save bandwidth over SSH.")
    var fps: Int = 20

    @Flag(name: .long, help: "Force ASCII glyphs (automatic when the locale is not UTF-8).")
    var ascii = false

    @Flag(name: .long, help: "Monochrome (also when NO_COLOR is set).")
    var noColor = false

    @Option(name: .long, help: "Exit after this many frames (for scripts and tests).")
    var maxFrames: Int?

    func validate() throws {
        try checkTemperature(temperature)
        guard fps >= 1, fps <= 120 else { throw ValidationError("--fps must be from 1 to 120, found \(fps)") }
        if let maxFrames, maxFrames < 1 { throw ValidationError("--max-frames must be at least 1, found \(maxFrames)") }
    }

    func run() throws {
        let set: PatternSet
        if let patterns {
            set = try loadPatternSet(patterns)
        } else {
            set = TuiDefaults.defaultSet()
        }
        guard set.unitCount >= 2 else { throw CLIError("\(patterns ?? "letters"): the patterns need at least 2 units") }
        guard set.unitCount <= 10_000 else {
            throw CLIError("\(patterns ?? "letters"): \(set.rows)x\(set.cols) = \(set.unitCount) units is too many for the live view (at most 10000)")
        }
        let stored = set.patterns.prefix(HopfieldState.maxMemories).map { StoredPattern(name: $0.name, up: $0.bits) }
        let title = patterns.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "letters"
        let config = HopfieldConfig(title: title, patterns: Array(stored), rows: set.rows, cols: set.cols, rule: rule,
                                    units: units, temperature: temperature, schedule: .random, seed: seed)
        var app = HopfieldApp(state: HopfieldState(config: config))
        let options = TerminalOptions(forceASCII: ascii, noColor: noColor, framesPerSecond: fps, maxFrames: maxFrames)
        let reason: ExitReason
        do {
            reason = try Terminal.run(&app, options: options)
        } catch let e as TerminalError {
            throw CLIError(e.description)
        }
        if reason.exitCode != 0 { throw ExitCode(reason.exitCode) }
    }
}
