import ArgumentParser
import EnergyModels
import Foundation
import Patterns
import TerminalIO
import Visualizer

struct RBMLive: LiveViewCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Train an RBM live in the terminal: dreams, receptive fields, hidden activations, curves.",
        discussion: """
        Trains on --data (default optdigits-8x8) while showing a gallery of dream chains at temperature T \
        (or, with g, the training chains: PCD fantasy particles or CD reconstructions), the receptive field of \
        each hidden unit (its weights, black most negative to white most positive), the current example with \
        its reconstruction and hidden probabilities, and curves of reconstruction error, pseudo-log-likelihood \
        and (for at most 16 hidden units, once per epoch) exact log-likelihood on a fixed subset of up to 200 \
        training vectors. Keys (? or F1 shows them inside): \(RBMLiveState.keyMap.helpText).
        """)

    @Option(name: .long, help: ArgumentHelp("Pattern file or set to train on.", valueName: "file"), completion: .patternSets)
    var data: String = "optdigits-8x8"

    @Option(name: .long, help: ArgumentHelp("Continue training this RBM model file.", valueName: "file"))
    var model: String?

    @Option(name: .long, help: "Hidden units (for a new model).")
    var hidden: Int = 16

    @Option(name: .customLong("cd"), help: ArgumentHelp("Start with CD-K (the default, K = 1).", valueName: "K"))
    var cdSteps: Int?

    @Option(name: .customLong("pcd"), help: ArgumentHelp("Start with PCD-K.", valueName: "K"))
    var pcdSteps: Int?

    @Option(name: .long, help: "Learning rate ε.")
    var learningRate: Double = 0.05

    @Option(name: .long, help: "Mini-batch size.")
    var batchSize: Int = 10

    @Option(name: .long, help: "Temperature of the dream chains.")
    var temperature: Double = 1

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Where w saves the model (default: rbm-live-N.json).", valueName: "file"))
    var output: String?

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        _ = try gradientMethod(cd: cdSteps, pcd: pcdSteps)
        if let k = cdSteps ?? pcdSteps, k < 1 || k > 9 { throw ValidationError("--cd/--pcd K must be from 1 to 9 in the live view, found \(k)") }
        guard hidden >= 1, hidden <= 4096 else { throw ValidationError("--hidden must be from 1 to 4096") }
        guard learningRate.isFinite, learningRate > 0, learningRate <= 10 else { throw ValidationError("--learning-rate must be in (0, 10], found \(learningRate)") }
        guard batchSize >= 1, batchSize <= 10_000 else { throw ValidationError("--batch-size must be from 1 to 10000") }
        guard temperature.isFinite, temperature >= 0.05, temperature <= 20 else { throw ValidationError("--temperature must be from 0.05 to 20, found \(temperature)") }
    }

    func run() throws { try runLive() }

    func makeApp(writes: FileWrites) throws -> any TerminalApp {
        let loaded = try loadRBMData(data)
        guard loaded.shape[0] <= 64, loaded.shape[1] <= 64 else {
            throw CLIError("--data \(Sanitize.terminal(data)): \(loaded.shape[0])x\(loaded.shape[1]) pictures are too large for the live view (at most 64x64)")
        }
        var start: RBM? = nil
        if let model {
            let file = try readRBMModel(model)
            guard !file.isDeepBeliefNet else { throw CLIError("\(Sanitize.terminal(model)): the live view trains a single RBM, not a deep belief net") }
            try checkDimension(loaded, visible: file.rbm.visibleCount, dataArgument: data)
            start = file.rbm
        }
        let training = RBMTrainingConfiguration(method: try gradientMethod(cd: cdSteps, pcd: pcdSteps), learningRate: learningRate, batchSize: min(batchSize, loaded.data.count))
        let title = URL(fileURLWithPath: data).lastPathComponent
        let config = RBMLiveConfig(title: title, data: loaded.data, rows: loaded.shape[0], cols: loaded.shape[1],
                                   hidden: start?.hiddenCount ?? hidden, training: training, temperature: temperature,
                                   seed: seed, model: start)
        return RBMLiveApp(state: RBMLiveState(config: config), writes: writes, writeModel: RBMLiveApp.fileWriter(path: output, writes: writes))
    }
}
