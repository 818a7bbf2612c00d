import EnergyModels
import Foundation

/// Everything the RBM view can be asked to do (keys become these through `RBMKeymap`).
public enum RBMAction: Equatable, Sendable {
    case toggleRun
    /// One mini-batch update (also while paused).
    case stepBatch
    /// Switch between CD-k and PCD-k (same k).
    case toggleMethod
    /// Set k (Gibbs steps per update).
    case setSteps(Int)
    case lowerLearningRate
    case raiseLearningRate
    /// Temperature of the dream chains.
    case hotter
    case colder
    /// Clamp the top half of the current example in the dream chains, or release it.
    case toggleClamp
    case nextExample
    /// Restart the dream chains from random states.
    case restartDreams
    /// Gallery: dreams at T, or the training chains' negative particles.
    case toggleGallery
    case previousFields
    case nextFields
    case slower
    case faster
    case saveModel
    case toggleHelp
    case closeOverlay
    case quit
    case resize(width: Int, height: Int)
}

/// A side effect for the host to perform (file writes stay out of the pure state machine).
public enum RBMEffect: Equatable {
    case writeModel(RBM, visibleShape: [Int])
}

extension RBMLiveState: PacedView {
    /// The one key table of the RBM view: keys, help overlay and hint line.
    public static let keyMap = KeyMap<RBMAction>([
        KeyBinding("space", "run / pause", hint: KeyHint("run", whenRunning: "pause", priority: 0), [(.char(" "), .toggleRun)]),
        KeyBinding("s", "one mini-batch", [(.char("s"), .stepBatch)]),
        KeyBinding("p", "switch CD-k / PCD-k", hint: KeyHint("CD/PCD", priority: 0), [(.char("p"), .toggleMethod)]),
        KeyBinding("1-9", "k Gibbs steps per update", hint: KeyHint("k", priority: 0), (1...9).map { k in (Key.char(Character(String(k))), RBMAction.setSteps(k)) }),
        KeyBinding("l L", "learning rate /2, x2", hint: KeyHint("lr", key: "l/L", priority: 2), [(.char("l"), .lowerLearningRate), (.char("L"), .raiseLearningRate)]),
        KeyBinding("+ = -", "dream temperature T", hint: KeyHint("T", key: "+/-", priority: 2), [(.char("+"), .hotter), (.char("="), .hotter), (.char("-"), .colder)]),
        KeyBinding("c", "clamp top half / release", hint: KeyHint("clamp", priority: 0), [(.char("c"), .toggleClamp)]),
        KeyBinding("n", "next example", [(.char("n"), .nextExample)]),
        KeyBinding("r", "restart the dreams", [(.char("r"), .restartDreams)]),
        KeyBinding("g", "gallery: dreams / chains", [(.char("g"), .toggleGallery)]),
        KeyBinding("< >", "page receptive fields", [(.char("<"), .previousFields), (.char(","), .previousFields),
                                                    (.char(">"), .nextFields), (.char("."), .nextFields)]),
        KeyBinding("[ ]", "train slower / faster", [(.char("["), .slower), (.char("]"), .faster)]),
        KeyBinding("w", "save the model", hint: KeyHint("save", priority: 2), [(.char("w"), .saveModel)]),
        KeyBinding("? F1", "this help", hint: KeyHint("help", key: "?", priority: 0), [(.char("?"), .toggleHelp), (.function(1), .toggleHelp)]),
        KeyBinding("Esc", "close help", [(.escape, .closeOverlay)]),
        KeyBinding("q F10", "quit", hint: KeyHint("quit", key: "q"), [(.char("q"), .quit), (.function(10), .quit)]),
    ])

    public mutating func resize(width: Int, height: Int) { update(.resize(width: width, height: height)) }
}

extension RBMLiveState {
    public static let learningRateRange = 1e-5...10.0
    public static let temperatureRange = 0.05...20.0

    /// Applies an action; returns an effect for the host when there is one.
    @discardableResult
    public mutating func update(_ action: RBMAction) -> RBMEffect? {
        if showHelp {
            switch action {
            case .toggleHelp, .closeOverlay: showHelp = false; return nil
            case .quit: quit = true; return nil
            case .resize: break
            default: showHelp = false
            }
        }
        switch action {
        case .toggleRun:
            toggleRunning(runningMessage: "training")
        case .stepBatch:
            trainOneBatch()
            syncModel()
            recordPointIfDue()
            message = "one mini-batch (\(trainer.updates) updates)"
        case .toggleMethod:
            let k = method.steps
            trainer.configuration.method = method.isPersistent ? .contrastiveDivergence(steps: k) : .persistent(steps: k)
            message = "gradient: \(method)"
        case .setSteps(let k):
            trainer.configuration.method = method.with(steps: max(1, k))
            message = "gradient: \(method)"
        case .lowerLearningRate, .raiseLearningRate:
            let f = action == .raiseLearningRate ? 2.0 : 0.5
            let r = Self.learningRateRange
            trainer.configuration.learningRate = min(r.upperBound, max(r.lowerBound, learningRate * f))
            message = "learning rate \(Format.fixed(learningRate, learningRate < 0.001 ? 6 : 4))"
        case .hotter, .colder:
            let f = action == .hotter ? 1.25 : 1 / 1.25
            let r = Self.temperatureRange
            dreams.temperature = min(r.upperBound, max(r.lowerBound, dreams.temperature * f))
            message = "dream temperature T = \(Format.fixed(dreams.temperature, 2))"
        case .toggleClamp:
            clamped.toggle()
            if clamped {
                dreams.setClamp(clampPattern)
                message = "top half of example \(exampleIndex + 1) clamped: the dreams complete it"
            } else {
                dreams.setClamp([Float?](repeating: nil, count: rows * cols))
                message = "clamp released"
            }
        case .nextExample:
            exampleIndex = (exampleIndex + 1) % max(1, data.count)
            if clamped { dreams.setClamp(clampPattern) }
            message = "example \(exampleIndex + 1) of \(data.count)"
        case .restartDreams:
            let clamp = dreams.clamp
            dreams = RBMSampler(model: model, chains: dreams.chainCount, temperature: dreams.temperature, seed: rng.next())
            dreams.setClamp(clamp)
            message = "dreams restarted from random states"
        case .toggleGallery:
            gallery = gallery == .dreams ? .negatives : .dreams
            message = gallery == .dreams ? "gallery: dreams at T" : "gallery: training chains (\(method.isPersistent ? "PCD particles" : "CD reconstructions"))"
        case .previousFields, .nextFields:
            let page = max(1, lastFieldPage)
            let n = model.hiddenCount
            if action == .nextFields {
                fieldOffset = fieldOffset + page < n ? fieldOffset + page : 0
            } else {
                fieldOffset = fieldOffset == 0 ? max(0, ((n - 1) / page) * page) : max(0, fieldOffset - page)
            }
        case .slower:
            changeSpeed(faster: false)
        case .faster:
            changeSpeed(faster: true)
        case .saveModel:
            syncModel()
            return .writeModel(model, visibleShape: [rows, cols])
        case .toggleHelp:
            showHelp = true
        case .closeOverlay:
            showHelp = false
        case .quit:
            quit = true
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
        }
        return nil
    }

    /// Receptive fields per page at the current size (from the layout).
    var lastFieldPage: Int {
        RBMLayout(width: width, height: height, rows: rows, cols: cols, hidden: model.hiddenCount, greyRamp: capabilities.greyRamp, unicode: capabilities.glyphs.isUnicode).fieldsPerPage
    }

    /// One frame: mini-batches owed to the clock (at most a quarter second's worth, so a slow machine
    /// degrades to a lower rate instead of falling behind), then one Gibbs step of the dream chains.
    /// Depends only on `elapsed` (no clock reads), so a recorded session replays exactly.
    public mutating func tick(elapsed: Double) {
        guard running else { return }
        budget.accrue(rate: batchesPerSecond, elapsed: elapsed)
        var trained = false
        while budget.take() {
            trainOneBatch()
            trained = true
        }
        if trained {
            syncModel()
            recordPointIfDue()
        }
        dreams.step()
    }
}
