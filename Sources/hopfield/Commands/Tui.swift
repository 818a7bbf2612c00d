import ArgumentParser
import EnergyModels
import Foundation
import Patterns
import TerminalIO
import Visualizer

struct Tui: LiveViewCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The live view: watch a Hopfield network recall (the default command).",
        discussion: """
        Opens a full-screen view of the network's state, its energy trace and its overlaps with the stored \
        memories. Without --patterns a few letters are stored, within the network's capacity. Keys (? or F1 \
        shows them inside): \(HopfieldState.keyMap.helpText).
        """)

    @Option(name: .long, help: ArgumentHelp("Pattern file, directory or built-in set to store (default: a few letters).", valueName: "file"), completion: .patternSets)
    var patterns: String?

    @Option(name: .long, help: "Learning rule: hebb, storkey or pinv.")
    var rule: LearningRule = .hebb

    @Option(name: .long, help: "Unit convention: spin (±1) or binary (0/1).")
    var units: UnitConvention = .spin

    @Option(name: .long, help: "Starting temperature T ≥ 0.")
    var temperature: Double = 0

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        try checkTemperature(temperature)
    }

    func run() throws {
        try runLive()
    }

    func makeApp(writes: FileWrites) throws -> any TerminalApp {
        let set: PatternSet
        if let patterns {
            set = try loadPatternSet(patterns)
        } else {
            set = try TuiDefaults.defaultSet()
        }
        let source = Sanitize.terminal(patterns ?? "letters")
        guard set.unitCount >= 2 else { throw CLIError("\(source): the patterns need at least 2 units") }
        guard set.unitCount <= 10_000 else {
            throw CLIError("\(source): \(set.rows)x\(set.cols) = \(set.unitCount) units is too many for the live view (at most 10000)")
        }
        let stored = set.patterns.prefix(HopfieldState.maxMemories).map { StoredPattern(name: $0.name, up: $0.bits) }
        let title = patterns.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "letters"
        let config = HopfieldConfig(title: title, patterns: Array(stored), rows: set.rows, cols: set.cols, kind: .pairwise(rule),
                                    units: units, temperature: temperature, schedule: .random, seed: seed)
        return HopfieldApp(state: HopfieldState(config: config), writes: writes)
    }
}
