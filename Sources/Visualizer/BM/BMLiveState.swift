import EnergyModels

/// How to start the Boltzmann-machine encoder view.
public struct BMLiveConfig: Sendable {
    public var groupSize: Int
    public var hidden: Int
    public var withinGroups: Bool
    public var options: BoltzmannTrainingOptions
    public var seed: UInt64

    public init(groupSize: Int = 4, hidden: Int = 2, withinGroups: Bool = true, options: BoltzmannTrainingOptions = .init(), seed: UInt64 = 1) {
        self.groupSize = groupSize
        self.hidden = hidden
        self.withinGroups = withinGroups
        self.options = options
        self.seed = seed
    }
}

/// Everything the encoder view can be asked to do; keys become these through `BMKeymap`.
public enum BMAction: Equatable, Sendable {
    case toggleRun
    /// One sweep of the current annealing.
    case sweep
    /// To the end of the current annealing.
    case annealing
    /// To the end of the current learning cycle (the weights change).
    case cycle
    case slower
    case faster
    case toggleTemperature
    case restart
    case toggleHelp
    case closeOverlay
    case quit
    case resize(width: Int, height: Int)
}

/// The one key table of the encoder view, mirroring the main view's keys where they mean the same.
public enum BMKeymap {
    public struct Entry: Sendable {
        public var label: String
        public var help: String
        public var bindings: [(Key, BMAction)]
    }

    public static let entries: [Entry] = [
        Entry(label: "space", help: "run / pause", bindings: [(.char(" "), .toggleRun)]),
        Entry(label: "s", help: "one sweep", bindings: [(.char("s"), .sweep)]),
        Entry(label: "n", help: "finish this annealing", bindings: [(.char("n"), .annealing)]),
        Entry(label: "c", help: "finish this learning cycle", bindings: [(.char("c"), .cycle)]),
        Entry(label: "[ ]", help: "slower / faster", bindings: [(.char("["), .slower), (.char("]"), .faster)]),
        Entry(label: "t", help: "temperature: bar / schedule", bindings: [(.char("t"), .toggleTemperature)]),
        Entry(label: "r", help: "restart with the next seed", bindings: [(.char("r"), .restart)]),
        Entry(label: "?", help: "this help", bindings: [(.char("?"), .toggleHelp)]),
        Entry(label: "Esc", help: "close help", bindings: [(.escape, .closeOverlay)]),
        Entry(label: "q", help: "quit", bindings: [(.char("q"), .quit)]),
    ]

    public static let table: [Key: BMAction] = {
        var t: [Key: BMAction] = [:]
        for e in entries { for (k, a) in e.bindings where t[k] == nil { t[k] = a } }
        return t
    }()

    public static func action(for key: Key) -> BMAction? { table[key] }
}

/// The state of the encoder view: the learning stepper (engine), the latest solution check, and view
/// settings. `update` and `tick` are the only mutators; both are deterministic given the seed.
public struct BMLiveState: Sendable {
    public private(set) var config: BMLiveConfig
    public let problem: EncoderProblem
    public private(set) var stepper: BoltzmannLearningStepper
    /// The full check (every answer computed) after the last completed cycle (of the zero machine
    /// before the first).
    public private(set) var check: EncoderCheck
    /// The first cycle after which the check passed.
    public private(set) var solvedAtCycle: Int?

    public var running = false
    /// Index into `BMSpeeds.levels` (sweeps per second).
    public var speedIndex = BMSpeeds.defaultIndex
    /// Show the whole annealing schedule as a strip instead of the temperature bar.
    public var showSchedule = false
    public var showHelp = false
    public var message: String?
    public var width = 80
    public var height = 24
    public var capabilities = DisplayCapabilities.unicodeColor
    public var quit = false
    /// Sweeps owed to the clock (fractional carry between frames).
    public var sweepBudget = 0.0

    public init(config: BMLiveConfig) {
        self.config = config
        problem = EncoderProblem(groupSize: config.groupSize, hidden: config.hidden, withinGroups: config.withinGroups)
        let trainer = BoltzmannTrainer(machine: problem.makeMachine(), data: problem.trainingVectors, options: config.options,
                                       rng: Xoshiro256(seed: config.seed, stream: 0))
        stepper = BoltzmannLearningStepper(trainer: trainer)
        var checkRNG = Xoshiro256(seed: config.seed, stream: 1)
        check = problem.check(stepper.machine, schedule: config.options.schedule, rng: &checkRNG, quick: false)
        message = "space: run · ?: keys"
    }

    public var machine: BoltzmannMachine { stepper.machine }
    public var sweepsPerSecond: Double { BMSpeeds.levels[speedIndex] }
    public var isAnimating: Bool { running }

    /// The unit values to draw: the annealing in progress, or nothing between cycles.
    public var shownState: [Double]? { stepper.run?.state }

    /// One sweep; after a cycle ends, checks the solution.
    mutating func stepOnce() -> BoltzmannLearningStepper.Event {
        let event = stepper.step()
        if event == .cycleFinished {
            var checkRNG = Xoshiro256(seed: config.seed, stream: 1 + UInt64(stepper.cycles))
            check = problem.check(stepper.machine, schedule: config.options.schedule, rng: &checkRNG, quick: false)
            if check.solved && solvedAtCycle == nil {
                solvedAtCycle = stepper.cycles
                message = "solved after \(stepper.cycles) cycles: \(check.distinctCodes) distinct codes"
            }
        }
        return event
    }

    @discardableResult
    public mutating func update(_ action: BMAction) -> Bool {
        switch action {
        case .toggleRun:
            running.toggle()
            sweepBudget = 0
            message = running ? "running" : "paused"
        case .sweep:
            running = false
            _ = stepOnce()
            message = "one sweep"
        case .annealing:
            running = false
            var e = stepOnce()
            while e == .sweep { e = stepOnce() }
            message = "annealing finished"
        case .cycle:
            running = false
            while stepOnce() != .cycleFinished {}
            message = "cycle \(stepper.cycles) finished: weights updated"
        case .slower:
            speedIndex = max(0, speedIndex - 1)
            message = "speed \(BMSpeeds.label(sweepsPerSecond))"
        case .faster:
            speedIndex = min(BMSpeeds.levels.count - 1, speedIndex + 1)
            message = "speed \(BMSpeeds.label(sweepsPerSecond))"
        case .toggleTemperature:
            showSchedule.toggle()
        case .restart:
            var c = config
            c.seed = config.seed &+ 1
            let keep = (running, speedIndex, showSchedule, width, height, capabilities)
            self = BMLiveState(config: c)
            (running, speedIndex, showSchedule, width, height, capabilities) = keep
            message = "restarted with seed \(c.seed)"
        case .toggleHelp:
            showHelp.toggle()
        case .closeOverlay:
            showHelp = false
        case .quit:
            quit = true
        case .resize(let w, let h):
            width = w
            height = h
        }
        return true
    }

    /// Advances by wall-clock time at the chosen speed (sweeps per second), never more than a quarter
    /// second's worth per frame so a slow terminal does not make the view jump.
    public mutating func tick(elapsed: Double) {
        guard running else { return }
        let rate = sweepsPerSecond
        sweepBudget = min(sweepBudget + rate * max(0, elapsed), max(1, rate * 0.25))
        while sweepBudget >= 1 {
            sweepBudget -= 1
            _ = stepOnce()
        }
    }
}

/// Speeds of the encoder view in sweeps per second.
public enum BMSpeeds {
    public static let levels: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000]
    /// 20 sweeps a second: one annealing of the 1985 schedule per second.
    public static let defaultIndex = 4

    public static func label(_ rate: Double) -> String {
        rate >= 1000 ? "\(Int(rate / 1000))k sweeps/s" : "\(Int(rate)) sweeps/s"
    }
}
