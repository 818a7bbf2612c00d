import ArgumentParser
import EnergyModels
import Foundation
import Patterns

struct RBMTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an RBM (or, with --hidden 256,64, a deep belief net) on binary patterns.",
        discussion: """
        Mini-batch training with CD-k or PCD-k (default CD-1), momentum 0.5 for the first 5 epochs then 0.7 \
        (--momentum), L2 weight decay on the weights, W ~ N(0, 0.01²), visible biases \
        log(p/(1-p)) of the data and hidden biases 0. After each epoch the monitored figures are computed on \
        a fixed random subset of the data (--monitor-samples): reconstruction error (mean squared error per \
        pixel), exact pseudo-log-likelihood and free energy per sample, and the exact log-likelihood per \
        sample when a layer has at most 20 units. The figures are computed every K epochs and after the last \
        (--monitor-every K); by default K is chosen so that they cost at most a fifth of the training time. With a list of hidden sizes, each further layer is trained \
        on the hidden probabilities of the layer below (figures for those layers: reconstruction error and \
        free energy only). A progress bar goes to stderr when it is a terminal.
        """)

    @Option(name: .long, help: ArgumentHelp("Pattern file or set to train on (text, PBM, CSV of 0/1, or a built-in name).", valueName: "file"), completion: .patternSets)
    var data: String

    @Option(name: .long, help: ArgumentHelp("Hidden units; a comma-separated list (e.g. 256,64) trains a deep belief net.", valueName: "n[,n…]"))
    var hidden: String = "64"

    @Option(name: .long, help: "Epochs (per layer).")
    var epochs: Int = 20

    @Option(name: .customLong("cd"), help: ArgumentHelp("Contrastive divergence with K Gibbs steps (the default, K = 1).", valueName: "K"))
    var cdSteps: Int?

    @Option(name: .customLong("pcd"), help: ArgumentHelp("Persistent contrastive divergence with K Gibbs steps per update.", valueName: "K"))
    var pcdSteps: Int?

    @Option(name: .long, help: "Learning rate ε (the step is ε times the batch-mean gradient).")
    var learningRate: Double = 0.05

    @Option(name: .long, help: "Mini-batch size.")
    var batchSize: Int = 10

    @Option(name: .long, help: ArgumentHelp("Momentum μ, or μ1,μ2: μ1 for the first --momentum-epochs epochs, then μ2.", valueName: "μ[,μ]"))
    var momentum: String = "0.5,0.7"

    @Option(name: .long, help: "Epochs at the first momentum value of a pair.")
    var momentumEpochs: Int = 5

    func momentumValues() throws -> (Double, Double) {
        let parts = momentum.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        let values = parts.compactMap { $0 }
        guard (1...2).contains(parts.count), values.count == parts.count, values.allSatisfy({ $0.isFinite && $0 >= 0 && $0 < 1 }) else {
            throw ValidationError("--momentum: expected one or two numbers in [0, 1) separated by a comma, found \(ModelJSON.quoteForMessage(momentum))")
        }
        return (values[0], values[values.count - 1])
    }

    @Option(name: .long, help: "L2 weight decay λ on the weights.")
    var weightDecay: Double = 0.0001

    @Option(name: .long, help: "Persistent chains for PCD (default: the batch size).")
    var chains: Int?

    @Option(name: .long, help: "Training vectors used for the per-epoch figures (0 = all).")
    var monitorSamples: Int = 500

    @Option(name: .long, help: ArgumentHelp("Compute the figures every K epochs and after the last (default: the K that keeps them within a fifth of the training time).", valueName: "K"))
    var monitorEvery: Int?

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Where to write the model (atomically).", valueName: "file"))
    var output: String

    @Flag(name: .long, help: "Print the per-epoch figures as JSON on stdout.")
    var json = false

    func hiddenSizes() throws -> [Int] {
        let parts = hidden.split(separator: ",", omittingEmptySubsequences: false)
        var sizes: [Int] = []
        for p in parts {
            guard let n = Int(p.trimmingCharacters(in: .whitespaces)), n >= 1, n <= 100_000 else {
                throw ValidationError("--hidden: expected positive whole numbers up to 100000 separated by commas, found \(ModelJSON.quoteForMessage(hidden))")
            }
            sizes.append(n)
        }
        guard !sizes.isEmpty, sizes.count <= 10 else { throw ValidationError("--hidden: give 1 to 10 layer sizes") }
        return sizes
    }

    func validate() throws {
        _ = try hiddenSizes()
        _ = try gradientMethod(cd: cdSteps, pcd: pcdSteps)
        if let k = cdSteps ?? pcdSteps, k < 1 || k > 10_000 { throw ValidationError("--cd/--pcd K must be from 1 to 10000, found \(k)") }
        guard epochs >= 0, epochs <= 1_000_000 else { throw ValidationError("--epochs must be from 0 to 1000000") }
        guard learningRate.isFinite, learningRate > 0, learningRate <= 100 else { throw ValidationError("--learning-rate must be a number in (0, 100], found \(learningRate)") }
        guard batchSize >= 1, batchSize <= 1_000_000 else { throw ValidationError("--batch-size must be from 1 to 1000000") }
        _ = try momentumValues()
        guard momentumEpochs >= 0 else { throw ValidationError("--momentum-epochs must be ≥ 0") }
        guard weightDecay.isFinite, weightDecay >= 0, weightDecay < 1 else { throw ValidationError("--weight-decay must be in [0, 1), found \(weightDecay)") }
        if let chains { guard chains >= 1, chains <= 1_000_000 else { throw ValidationError("--chains must be from 1 to 1000000") } }
        guard monitorSamples >= 0 else { throw ValidationError("--monitor-samples must be ≥ 0") }
        if let monitorEvery, monitorEvery < 1 { throw ValidationError("--monitor-every must be ≥ 1, found \(monitorEvery)") }
    }

    func run() throws {
        let loaded = try loadRBMData(data)
        let sizes = try hiddenSizes()
        // Memory guards (Float parameters and chain states): refuse rather than exhaust the machine.
        let widths = [loaded.data.dimension] + sizes
        for l in 0..<sizes.count where widths[l] * widths[l + 1] > 200_000_000 {
            throw CLIError("layer \(l + 1) would have \(widths[l]) x \(widths[l + 1]) weights, more than the 200000000 allowed")
        }
        let effectiveBatch = min(batchSize, loaded.data.count)
        if let chains, chains * (widths.max() ?? 1) > 100_000_000 {
            throw CLIError("--chains \(chains) with \(widths.max() ?? 1) units per layer needs too much memory (at most 100000000 chain units)")
        }
        var config = RBMTrainingConfiguration(
            method: try gradientMethod(cd: cdSteps, pcd: pcdSteps),
            learningRate: learningRate, batchSize: effectiveBatch, weightDecay: weightDecay, chainCount: chains)
        let (mu1, mu2) = try momentumValues()
        config.initialMomentum = mu1
        config.finalMomentum = mu2
        config.momentumSwitchEpoch = momentumEpochs

        // A fixed monitoring subset, drawn with the seed.
        var pick = Xoshiro256(seed: seed, stream: 0x4D4F4E)
        var order = Array(0..<loaded.data.count)
        pick.shuffle(&order)
        let monitorCount = monitorSamples == 0 ? order.count : min(monitorSamples, order.count)
        let monitorIndices = Array(order.prefix(monitorCount)).sorted()

        let tty = stderrIsTerminal()
        var records: [EpochRecord] = []
        // Per layer: the monitoring interval (the pseudo-likelihood and log Z only on the first layer).
        let every = sizes.indices.map { l in
            monitorEvery ?? RBMMonitorSchedule.automaticInterval(
                samples: loaded.data.count, visible: widths[l], hidden: widths[l + 1],
                gibbsSteps: cdSteps ?? pcdSteps ?? 1, monitorSamples: monitorCount, pseudoLikelihood: l == 0,
                exactLogPartition: l == 0 && min(widths[l], widths[l + 1]) <= RBMEvaluation.maxExactLayer, epochs: epochs)
        }
        var lastLine = ""
        var lastFigures = ""
        let totalEpochs = epochs * sizes.count
        var done = 0
        var trainSeconds = 0.0
        var monitor = loaded.data
        // Within long epochs, the bar is redrawn at most ten times a second.
        var lastDraw = DispatchTime.now().uptimeNanoseconds
        let drawBar: ((Int, Int, Int, Int) -> Void)? = !tty ? nil : { l, e, seen, total in
            let now = DispatchTime.now().uptimeNanoseconds
            guard now - lastDraw > 100_000_000 else { return }
            lastDraw = now
            let prefix = sizes.count > 1 ? "layer \(l + 1)/\(sizes.count) " : ""
            let bar = progressBar(done: done * total + seen, total: totalEpochs * total)
            drawProgressLine("\(bar) \(prefix)epoch \(e + 1)/\(epochs) \(seen)/\(total)" + (lastFigures.isEmpty ? "" : "  last:\(lastFigures)"))
        }
        let trained = try DeepBeliefNet.trainGreedily(data: loaded.data, hiddenSizes: sizes, epochs: epochs, configuration: config,
                                                      seed: seed, afterBatch: drawBar) { epoch in
            let (l, e, seconds) = (epoch.layer, epoch.epoch, epoch.seconds)
            if e == 0 { monitor = epoch.input.subset(monitorIndices) }
            trainSeconds += seconds
            let model = epoch.trainer.model
            guard model.isFinite else {
                if tty { writeStderr("\n") }
                throw CLIError("training diverged in epoch \(e + 1) (non-finite parameters); lower --learning-rate or --momentum")
            }
            done += 1
            guard (e + 1) % every[l] == 0 || e + 1 == epochs else {
                records.append(EpochRecord(layer: l, epoch: e + 1, seconds: seconds))
                return
            }
            let figures = RBMEvaluation.figures(model, data: monitor, pseudoLikelihood: l == 0)
            let recon = figures.reconstructionError, fe = figures.freeEnergy, pll = figures.pseudoLogLikelihood
            let ll = l == 0 ? RBMEvaluation.exactLogPartition(model).map { -fe - $0 } : nil
            records.append(EpochRecord(layer: l, epoch: e + 1, seconds: seconds, reconstructionError: recon,
                                       pseudoLogLikelihood: pll, freeEnergy: fe, logLikelihood: ll))
            lastFigures = "  recon \(fixed(recon))" + (pll.map { "  PLL \(fixed($0, 2))" } ?? "") + "  F \(fixed(fe, 2))"
                + (ll.map { "  LL \(fixed($0, 2))" } ?? "")
            lastLine = "\(sizes.count > 1 ? "layer \(l + 1)/\(sizes.count) " : "")epoch \(e + 1)/\(epochs)" + lastFigures
            if tty { drawProgressLine(progressBar(done: done, total: totalEpochs) + " " + lastLine) }
        }
        let layers = trained.layers
        if tty && totalEpochs > 0 { writeStderr("\n") }

        let file = layers.count == 1 ? RBMModelFile(rbm: layers[0], visibleShape: loaded.shape)
                                     : RBMModelFile(dbn: DeepBeliefNet(layers: layers), visibleShape: loaded.shape)
        do { try file.write(to: output) } catch { throw CLIError("\(error)") }

        let kind = layers.count == 1 ? "RBM" : "DBN"
        let shape = ([loaded.data.dimension] + sizes).map(String.init).joined(separator: "-")
        if json {
            let trainReport = TrainReport(model: output, kind: kind.lowercased(), layers: widths, method: "\(config.method)",
                                          samples: loaded.data.count, monitorSamples: monitorCount, monitorEvery: every,
                                          trainingSeconds: trainSeconds, epochs: records)
            report(try jsonText(trainReport), output: output)
        } else {
            report("trained \(kind) \(shape) on \(loaded.data.count) patterns (\(config.method), \(epochs) epoch\(epochs == 1 ? "" : "s")\(sizes.count > 1 ? " per layer" : ""), \(String(format: "%.2f", trainSeconds)) s)", output: output)
            if !lastLine.isEmpty {
                let schedule = every.allSatisfy({ $0 == 1 }) ? "" : ", figures every \(every.map(String.init).joined(separator: "/")) epochs and after the last"
                report("last \(lastLine) (on \(monitorCount) monitoring sample\(monitorCount == 1 ? "" : "s")\(schedule))", output: output)
            }
            report("wrote \(Sanitize.terminal(output))", output: output)
        }
    }
}

/// One epoch of `rbm train --json`: the figures are present on monitored epochs only (see `monitorEvery`).
struct EpochRecord: Encodable {
    var layer: Int
    var epoch: Int
    var seconds: Double
    var reconstructionError: Double?
    var pseudoLogLikelihood: Double?
    var freeEnergy: Double?
    var logLikelihood: Double?
}

/// The JSON report of `rbm train`.
struct TrainReport: Encodable {
    var model: String
    var kind: String
    var layers: [Int]
    var method: String
    var samples: Int
    var monitorSamples: Int
    /// Per layer: figures every this many epochs, and after the last.
    var monitorEvery: [Int]
    var trainingSeconds: Double
    var epochs: [EpochRecord]
}
