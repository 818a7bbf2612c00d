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

    @OptionGroup var learning: LearningOptions

    @Option(name: .long, help: ArgumentHelp("A model file written by `hopfield store` (its memories and how they are learned), instead of --patterns.", valueName: "file"))
    var model: String?

    @Option(name: .long, help: "Starting temperature T ≥ 0.")
    var temperature: Double = 0

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        try checkTemperature(temperature)
        if patterns != nil && model != nil { throw ValidationError("give either --patterns or --model, not both") }
    }

    func run() throws {
        try runLive()
    }

    func makeApp(writes: FileWrites) throws -> any TerminalApp {
        if let model { return try makeApp(model: model, writes: writes) }
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
        let kind = NetworkKind(interaction: learning.interaction, rule: learning.rule)
        let stored = set.patterns.prefix(HopfieldState.memoryLimit(for: kind)).map { StoredPattern(name: $0.name, up: $0.bits) }
        let title = patterns.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "letters"
        _ = try NetworkKind.chosen(interaction: learning.interaction, rule: learning.rule, units: learning.units, count: set.unitCount, memories: stored.count)
        let config = HopfieldConfig(title: title, patterns: Array(stored), rows: set.rows, cols: set.cols, kind: kind,
                                    units: learning.units, temperature: temperature, schedule: .random, seed: seed)
        return HopfieldApp(state: HopfieldState(config: config), writes: writes)
    }

    /// The live view of a model file that holds memories: a dense file, or a network saved as rule and patterns.
    func makeApp(model: String, writes: FileWrites) throws -> any TerminalApp {
        // The view learns from memories: a dense file, or a network file saved as its rule and patterns.
        let kind: NetworkKind, count: Int, shape: [Int]?, memories: [StoredPattern], units: UnitConvention
        do {
            switch try HopfieldModelFile.read(path: model) {
            case .dense(let file):
                (kind, count, shape, memories, units) = (file.kind, file.count, file.shape, file.patterns, .spin)
            case .network(let file):
                guard let rule = file.rule else {
                    throw CLIError("\(Sanitize.terminal(model)): the live view learns from memories; this file holds a weight matrix (use `hopfield run --model`)")
                }
                (kind, count, shape, memories, units) = (.pairwise(rule), file.count, file.shape, file.patterns, file.units)
            }
        } catch let e as ModelFileError { throw CLIError(e.description) }
        guard count >= 2, count <= 10_000 else { throw CLIError("\(Sanitize.terminal(model)): the live view shows 2 to 10000 units, the model has \(count)") }
        let rowsCols = shape ?? [1, count]
        let config = HopfieldConfig(title: URL(fileURLWithPath: model).lastPathComponent, patterns: Array(memories.prefix(HopfieldState.memoryLimit(for: kind))),
                                    rows: rowsCols[0], cols: rowsCols[1], kind: kind, units: units, temperature: temperature,
                                    schedule: .random, seed: seed)
        return HopfieldApp(state: HopfieldState(config: config), writes: writes)
    }
}
