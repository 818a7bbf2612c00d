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

extension BMLiveState: PacedView {
    /// The one key table of the encoder view, mirroring the main view's keys where they mean the same.
    public static let keyMap = KeyMap<BMAction>([
        KeyBinding("space", "run / pause", hint: KeyHint("run", whenRunning: "pause", priority: 0), [(.char(" "), .toggleRun)]),
        KeyBinding("s", "one sweep", hint: KeyHint("sweep"), [(.char("s"), .sweep)]),
        KeyBinding("n", "finish this annealing", hint: KeyHint("annealing"), [(.char("n"), .annealing)]),
        KeyBinding("c", "finish this learning cycle", hint: KeyHint("cycle"), [(.char("c"), .cycle)]),
        KeyBinding("[ ]", "slower / faster", hint: KeyHint("speed"), [(.char("["), .slower), (.char("]"), .faster)]),
        KeyBinding("t", "temperature: bar / schedule", hint: KeyHint("temperature", priority: 3), [(.char("t"), .toggleTemperature)]),
        KeyBinding("r", "restart with the next seed", [(.char("r"), .restart)]),
        KeyBinding("? F1", "this help", hint: KeyHint("help", key: "?", priority: 0), [(.char("?"), .toggleHelp), (.function(1), .toggleHelp)]),
        KeyBinding("Esc", "close help", [(.escape, .closeOverlay)]),
        KeyBinding("q F10", "quit", hint: KeyHint("quit", key: "q"), [(.char("q"), .quit), (.function(10), .quit)]),
    ])

    public mutating func resize(width: Int, height: Int) { update(.resize(width: width, height: height)) }
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
    /// Sweeps per second (the last rung: as fast as the machine goes).
    public var speed = BMSpeeds.ladder
    /// The clock the fastest rung reads to fill each frame with sweeps (injectable for tests).
    public var workClock: @Sendable () -> Double = MonotonicClock.seconds
    /// Show the whole annealing schedule as a strip instead of the temperature bar.
    public var showSchedule = false
    public var showHelp = false
    public var message: String?
    public var width = 80
    public var height = 24
    public var capabilities = DisplayCapabilities.unicodeColor
    public var quit = false
    /// Sweeps owed to the clock (fractional carry between frames).
    public var budget = FrameBudget()

    public init(config: BMLiveConfig) {
        self.config = config
        problem = EncoderProblem(groupSize: config.groupSize, hidden: config.hidden, withinGroups: config.withinGroups)
        let trainer = BoltzmannTrainer(machine: problem.makeMachine(), data: problem.trainingVectors, options: config.options,
                                       rng: Xoshiro256(seed: config.seed, stream: 0))
        stepper = BoltzmannLearningStepper(trainer: trainer)
        var checkRNG = Xoshiro256(seed: config.seed, stream: 1)
        check = problem.check(stepper.machine, schedule: config.options.schedule, rng: &checkRNG, quick: false)
        message = Self.keyMap.summary(running: false)
    }

    public var machine: BoltzmannMachine { stepper.machine }
    public var sweepsPerSecond: Double { speed.rate }
    var speedMessage: String { "speed \(BMSpeeds.label(sweepsPerSecond))" }
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
            toggleRunning()
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
            changeSpeed(faster: false)
        case .faster:
            changeSpeed(faster: true)
        case .toggleTemperature:
            showSchedule.toggle()
        case .restart:
            var c = config
            c.seed = config.seed &+ 1
            let keep = (running, speed, showSchedule, width, height, capabilities, workClock)
            self = BMLiveState(config: c)
            (running, speed, showSchedule, width, height, capabilities, workClock) = keep
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
    /// second's worth per frame so a slow terminal does not make the view jump. At the fastest rung it
    /// sweeps for 80% of the frame's duration by the work clock instead: as fast as the machine goes
    /// while the screen still refreshes at the frame rate (such a stretch replays with the sweeps the
    /// replaying machine manages, not exactly).
    public mutating func tick(elapsed: Double) {
        guard running else { return }
        let rate = sweepsPerSecond
        if rate.isInfinite {
            let deadline = workClock() + 0.8 * min(0.25, max(0.005, elapsed))
            repeat { _ = stepOnce() } while workClock() < deadline
            return
        }
        budget.accrue(rate: rate, elapsed: elapsed)
        while budget.take() {
            _ = stepOnce()
        }
    }
}

/// Speeds of the encoder view in sweeps per second: 1 to 50 000, then "max".
public enum BMSpeeds {
    /// Starts at 200 sweeps a second: a learning cycle of the 4-2-4 encoder (16 annealings of 20 sweeps)
    /// takes 1.6 s, so the first weight change follows a press of space within two seconds.
    public static let ladder = SpeedLadder(levels: SpeedLadder.oneTwoFive(upTo: 50_000) + [.infinity],
                                           index: SpeedLadder.oneTwoFive(upTo: 50_000).firstIndex(of: 200) ?? 0)

    public static func label(_ rate: Double) -> String {
        if rate.isInfinite { return "max sweeps/s" }
        return rate >= 1000 ? "\(Int(rate / 1000))k sweeps/s" : "\(Int(rate)) sweeps/s"
    }
}
