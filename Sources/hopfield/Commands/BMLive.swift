import ArgumentParser
import EnergyModels
import Visualizer

/// `hopfield bm live`: watch Boltzmann learning on an encoder, sweep by sweep.
struct BMLive: LiveViewCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Watch a Boltzmann machine learn the v-h-v encoder: phases, annealing and the weights.",
        discussion: """
        The network is drawn as its groups V1, H and V2 with the units clamped in the current phase marked; \
        the positive (clamped) and negative (free) phases alternate, the temperature falls during each \
        annealing, and the Hinton diagram shows every weight as a glyph whose size grows with |w| (filled \
        positive, hollow negative). After each learning cycle the solution check runs (as in `bm encoder`). \
        The learning options are those of `bm encoder`; the same seed learns the same weights as `bm encoder` \
        run 1 does. Keys (? or F1 shows them inside): \(BMLiveState.keyMap.helpText).
        """)

    @Option(name: .long, help: "Units per visible group (v), 2-8.")
    var size: Int = 4

    @Option(name: .long, help: "Hidden units (h), 1-4.")
    var hidden: Int = 2

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Leave out the connections inside V1 and inside V2.")
    var noWithinGroups = false

    @Flag(name: .long, help: "Keep V1 clamped in the negative phase too.")
    var conditional = false

    @OptionGroup var learning: BMLearningOptions

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        guard size >= 2, size <= 8 else { throw ValidationError("--size must be from 2 to 8 in the live view, found \(size)") }
        guard hidden >= 1, hidden <= 4 else { throw ValidationError("--hidden must be from 1 to 4 in the live view, found \(hidden)") }
    }

    func run() throws { try runLive() }

    func makeApp(writes: FileWrites) throws -> any TerminalApp {
        var options = try learning.makeOptions()
        if conditional { options.inputs = size }
        let config = BMLiveConfig(groupSize: size, hidden: hidden, withinGroups: !noWithinGroups, options: options, seed: seed)
        return BMLiveApp(state: BMLiveState(config: config))
    }
}
