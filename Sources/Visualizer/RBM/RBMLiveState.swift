import EnergyModels
import Foundation

/// How to start the RBM live view.
public struct RBMLiveConfig: Sendable {
    public var title: String
    public var data: RBMData
    public var rows: Int
    public var cols: Int
    public var hidden: Int
    public var training: RBMTrainingConfiguration
    /// Temperature of the dream chains shown in the gallery (training always samples at T = 1).
    public var temperature: Double
    public var dreamChains: Int
    public var seed: UInt64
    /// A model to continue training instead of a fresh initialisation.
    public var model: RBM?

    public init(title: String, data: RBMData, rows: Int, cols: Int, hidden: Int = 16,
                training: RBMTrainingConfiguration = RBMTrainingConfiguration(), temperature: Double = 1,
                dreamChains: Int = 24, seed: UInt64 = 1, model: RBM? = nil) {
        self.title = title
        self.data = data
        self.rows = rows
        self.cols = cols
        self.hidden = hidden
        self.training = training
        self.temperature = temperature
        self.dreamChains = dreamChains
        self.seed = seed
        self.model = model
    }
}

/// What the gallery shows.
public enum RBMGallerySource: String, Sendable, Equatable {
    /// Independent Gibbs chains at the view's temperature T, following the model as it learns.
    case dreams
    /// The training chains' last negative phase: PCD fantasy particles or CD reconstructions.
    case negatives
}

/// One point of the monitoring curves.
public struct RBMLivePoint: Sendable, Equatable {
    public var updates: Int
    public var reconstructionError: Double
    public var pseudoLogLikelihood: Double
    public var logLikelihood: Double?
}

/// Everything the RBM view shows and remembers; `update` and `tick` are the only mutators.
public struct RBMLiveState {
    public let title: String
    public let data: RBMData
    public let rows: Int
    public let cols: Int
    public let trainer: RBMTrainer
    /// The current parameters (copied from the trainer after every training chunk).
    public private(set) var model: RBM
    public var dreams: RBMSampler
    public var gallery: RBMGallerySource = .dreams

    public var running = true
    /// Mini-batches per second: 1 to 10⁴, starting at 100.
    public var speed = SpeedLadder(upTo: 10_000, atMost: 100)
    var budget = FrameBudget()
    /// Training order of the current epoch and the position in it.
    var order: [Int]
    var position = 0
    var rng: Xoshiro256

    /// The example whose hidden activations are shown (and whose top half `c` clamps).
    public var exampleIndex = 0
    /// True while the dream chains have the example's top half clamped.
    public var clamped = false
    /// First hidden unit of the receptive-field page.
    public var fieldOffset = 0

    /// Monitoring: a fixed subset, re-evaluated every `monitorEvery` updates.
    let monitor: RBMData
    public var monitorEvery: Int
    public private(set) var curve: [RBMLivePoint] = []
    public private(set) var lastLogLikelihood: Double?
    var llEpoch = -1
    /// The live view computes the exact log-likelihood (once per epoch) only up to 2^16 states.
    public static let maxLiveExactLayer = 16

    public var showHelp = false
    public var message: String?
    /// A failure to read whole (its cause included), shown in a panel until the next key.
    public var alert: String?
    public mutating func dismissAlert() { alert = nil }
    public var width = 80
    public var height = 24
    public var capabilities = DisplayCapabilities.unicodeColor
    public var quit = false

    public init(config c: RBMLiveConfig) {
        title = c.title
        data = c.data
        rows = c.rows
        cols = c.cols
        if let model = c.model {
            trainer = RBMTrainer(model: model, configuration: c.training, seed: c.seed)
        } else {
            trainer = RBMTrainer(hiddenCount: c.hidden, data: c.data, configuration: c.training, seed: c.seed)
        }
        model = trainer.model
        dreams = RBMSampler(model: model, chains: max(1, c.dreamChains), temperature: c.temperature, seed: c.seed)
        rng = Xoshiro256(seed: c.seed, stream: 0x4C49_5645)
        order = Array(0..<c.data.count)
        rng.shuffle(&order)
        var pick = Array(0..<c.data.count)
        rng.shuffle(&pick)
        // 200 vectors for small models, fewer for large ones (the pseudo-likelihood costs m·n per vector).
        let monitorCount = max(30, min(200, 200 * 32 / max(1, c.model?.hiddenCount ?? c.hidden)))
        monitor = c.data.subset(Array(pick.prefix(monitorCount)).sorted())
        // About ten curve points per epoch.
        monitorEvery = max(1, c.data.count / max(1, c.training.batchSize) / 10)
        message = Self.keyMap.summary(running: true)
        recordPoint()
    }

    public var batchesPerSecond: Double { speed.rate }
    var speedMessage: String { "\(Format.rate(batchesPerSecond)) mini-batches/s" }
    public var isAnimating: Bool { running }
    public var temperature: Double { dreams.temperature }
    public var method: RBMGradientMethod { trainer.configuration.method }
    public var learningRate: Double { trainer.configuration.learningRate }
    public var epochFraction: Double { Double(position) / Double(max(1, order.count)) }

    /// One mini-batch of training; at the end of the data a new epoch begins in a fresh order.
    mutating func trainOneBatch() {
        let bs = max(1, trainer.configuration.batchSize)
        let end = min(position + bs, order.count)
        trainer.update(batch: Array(order[position..<end]), data: data)
        position = end
        if position >= order.count {
            trainer.completeEpoch()
            rng.shuffle(&order)
            position = 0
            // A new example to look at each epoch, unless it is clamped in the dreams.
            if !clamped { exampleIndex = order[0] }
        }
    }

    /// Records a curve point if `monitorEvery` updates have passed since the last one (at most one per
    /// frame, so monitoring never multiplies with the training speed).
    mutating func recordPointIfDue() {
        if trainer.updates - (curve.last?.updates ?? 0) >= monitorEvery { recordPointAfterTraining() }
    }

    /// After training: copy the parameters out and let the dream chains follow them.
    mutating func syncModel() {
        model = trainer.model
        dreams.setModel(model)
    }

    mutating func recordPointAfterTraining() {
        syncModel()
        recordPoint()
    }

    /// Monitoring figures on the fixed subset; the exact log-likelihood (when a layer has ≤ 20 units) at
    /// most once per epoch, since log Z costs 2^n · m operations.
    mutating func recordPoint() {
        let recon = RBMEvaluation.reconstructionError(model, data: monitor)
        let pll = RBMEvaluation.meanPseudoLogLikelihood(model, data: monitor)
        var ll: Double? = nil
        if llEpoch != trainer.epoch, min(model.visibleCount, model.hiddenCount) <= Self.maxLiveExactLayer,
           let logZ = RBMEvaluation.exactLogPartition(model) {
            ll = RBMEvaluation.meanLogLikelihood(model, data: monitor, logPartition: logZ)
            lastLogLikelihood = ll
            llEpoch = trainer.epoch
        }
        curve.append(RBMLivePoint(updates: trainer.updates, reconstructionError: recon, pseudoLogLikelihood: pll, logLikelihood: ll))
        if curve.count > 4096 { curve.removeFirst(curve.count - 4096) }
    }

    /// The example shown in the activations panel.
    public var example: [Float] { data.row(exampleIndex) }

    /// The example's top half (⌊rows/2⌋ rows) clamped, the rest free.
    public var clampPattern: [Float?] {
        let ex = example
        return (0..<(rows * cols)).map { $0 < (rows / 2) * cols ? ex[$0] : nil }
    }
}
