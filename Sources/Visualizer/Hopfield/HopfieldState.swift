import EnergyModels

/// How to start the Hopfield view.
public struct HopfieldConfig: Sendable {
    public var title: String
    public var patterns: [StoredPattern]
    public var rows: Int
    public var cols: Int
    public var kind: NetworkKind
    public var units: UnitConvention
    public var temperature: Double
    public var schedule: UpdateSchedule
    public var seed: UInt64
    /// Fraction of units flipped in the first pattern to make the opening state (0: the pattern itself).
    public var initialNoise: Double

    public init(title: String, patterns: [StoredPattern], rows: Int, cols: Int, kind: NetworkKind = .hebb,
                units: UnitConvention = .spin, temperature: Double = 0, schedule: UpdateSchedule = .random,
                seed: UInt64 = 1, initialNoise: Double = 0.2) {
        self.title = title
        self.patterns = patterns
        self.rows = rows
        self.cols = cols
        self.kind = kind
        self.units = units
        self.temperature = temperature
        self.schedule = schedule
        self.seed = seed
        self.initialNoise = initialNoise
    }
}

/// Couplings computed in the background, and what to say when they arrive.
public struct PendingLearning: Sendable {
    let job: BackgroundJob<AnyEnergyModel>
    /// "the Storkey weights for 10,000 units"
    let what: String
    /// The message once they are in place.
    let done: String
    /// Seconds of frames waited so far (frame durations, so that a replay shows the same).
    var waited = 0.0
}

/// Cooling in progress: geometric from the temperature at the start toward zero, one step per sweep.
public struct AnnealingRun: Sendable, Equatable {
    public var schedule: AnnealingSchedule
    /// Sweeps done since cooling began.
    public var sweepsDone: Int
}

/// Everything the Hopfield view shows and remembers. `update` and `tick` are the only mutators.
public struct HopfieldState: Sendable {
    public var title: String
    public var simulation: Simulation<AnyEnergyModel>
    public var patterns: [StoredPattern]
    public let rows: Int
    public let cols: Int
    /// The kind of network the memories are stored in (key `l` cycles the pairwise rules, `f` the interactions).
    public var kind: NetworkKind

    public var running = false
    /// Single-unit updates per second of wall-clock time.
    public var speed: SpeedLadder
    public var annealing: AnnealingRun?
    public var history = EnergyHistory(capacity: 2048)

    public var showHelp = false
    public var showExplain = false
    /// The capacity sweep shown in place of the energy trace (key C), if open.
    public var capacityPanel: CapacityPanel?
    public var cursorRow = 0
    public var cursorCol = 0
    public var cursorVisible = false
    /// Untrusted pieces in it are sanitized when drawn.
    public var message: String?
    /// A failure to read whole (its cause included), shown in a panel until the next key.
    public var alert: String?
    public mutating func dismissAlert() { alert = nil }
    /// Couplings being learned off the input thread (a large network), if any: see `relearn`.
    public internal(set) var learning: PendingLearning?
    /// Learning work (about N²p for Storkey, see `learningCost`) above which it runs in the background.
    public var backgroundLearningCost = 50_000_000.0
    public var width = 80
    public var height = 24
    public var capabilities = DisplayCapabilities.unicodeColor
    public var quit = false

    /// Updates owed to the clock (fractional carry between frames).
    public var budget = FrameBudget()

    // Derived, refreshed after every change.
    public private(set) var overlaps: [Double] = []
    public private(set) var bestIndex: Int?
    /// At T = 0: no unit would change.
    public private(set) var atFixedPoint = false

    public init(config c: HopfieldConfig) {
        title = c.title
        rows = c.rows
        cols = c.cols
        patterns = c.patterns
        let n = c.rows * c.cols
        // The commands and lessons validate the kind first (`NetworkKind.validate`); should it not hold the
        // memories, the model of no memories stands in, as in `relearn`.
        kind = c.kind
        let net = (try? c.kind.makeModel(patterns: c.patterns.map(\.spins), count: n, units: c.units, temperature: c.temperature))
            ?? NetworkKind.emptyModel(count: n, units: c.units)
        simulation = Simulation(network: net, temperature: c.temperature, schedule: c.schedule, seed: c.seed)
        speed = Speeds.ladder(unitCount: n)
        if let first = c.patterns.first {
            simulation.network.setState(up: first.spins.map { $0 > 0 })
            let k = Int((c.initialNoise * Double(n)).rounded())
            if k > 0 { HopfieldState.flipRandom(k, in: &simulation) }
        }
        history.append(simulation.network.energy)
        message = Self.keyMap.summary(running: false)
        refresh()
    }

    public var unitCount: Int { rows * cols }
    public var network: AnyEnergyModel { simulation.network }
    public var updatesPerSecond: Double { speed.rate }
    var speedMessage: String { "speed \(Format.rate(updatesPerSecond)) updates/s" }

    /// Whether the clock should keep ticking: running and not settled at a T = 0 fixed point.
    public var isAnimating: Bool {
        learning != nil || running && !(simulation.temperature == 0 && annealing == nil && atFixedPoint)
    }

    /// Recomputes overlaps, best match and the fixed-point flag.
    public mutating func refresh() {
        overlaps = simulation.network.overlaps(with: patterns)
        var best: Int? = nil
        var bestAbs = -1.0
        for (k, m) in overlaps.enumerated() where abs(m) > bestAbs {
            best = k
            bestAbs = abs(m)
        }
        bestIndex = best
        atFixedPoint = simulation.network.isFixedPoint
    }

    /// Flips `k` distinct units chosen uniformly with the simulation's generator.
    static func flipRandom<Model: EnergyModel>(_ k: Int, in sim: inout Simulation<Model>) {
        var idx = Array(0..<sim.network.count)
        sim.rng.shuffle(&idx)
        for i in idx.prefix(k) { sim.network.flip(i) }
    }
}

/// Simulation speeds: single-unit updates per second of wall-clock time, so the speed does not depend on
/// the frame rate (a synchronous step counts as N updates).
public enum Speeds {
    public static let fastest = 1_000_000.0

    /// 1 to 10⁶ updates a second, starting at about two sweeps a second: slow enough to watch a recall,
    /// fast enough to finish in seconds.
    public static func ladder(unitCount n: Int) -> SpeedLadder {
        SpeedLadder(upTo: fastest, atMost: Double(max(1, 2 * n)))
    }
}
