/// How each phase reaches (approximate) equilibrium.
public enum BoltzmannMethod: String, Sendable, CaseIterable {
    /// The 1985 procedure: every annealing starts from a random state, runs the annealing schedule and
    /// records statistics over the final sweeps.
    case annealing
    /// Persistent chains: each positive annealing (one per training vector and repeat) and each negative
    /// one keeps its state from the previous cycle, so after the first cycle only a few sweeps at the
    /// statistics temperature are run before the statistics (like persistent contrastive divergence).
    case persistent
    /// Deterministic mean-field annealing (Peterson and Anderson, 1987): each free unit carries a mean
    /// m_i updated as m_i ← σ(h_i(m)/T) through the same schedule; ⟨s_i s_j⟩ is approximated by m_i m_j.
    case meanField = "mean-field"
}

/// How the weights move after a cycle, given the difference d_ij = p⁺_ij - p⁻_ij.
public enum BoltzmannUpdate: Sendable, Equatable {
    /// Δw_ij = step · sign(d_ij), and no change when |d_ij| ≤ threshold. The 1985 encoder runs used a
    /// fixed step of 2 in the direction of the sign.
    case sign(step: Double, threshold: Double)
    /// Δw_ij = rate · d_ij, that is rate · T times the gradient of the mean log-likelihood.
    case gradient(rate: Double)
}

/// Noisy clamping in the positive phase: a visible unit that the data vector has on is clamped off with
/// probability `onToOff`, one it has off is clamped on with probability `offToOn`, afresh for each
/// annealing. The 1985 paper used 0.15 and 0.05 to keep the weights from growing without limit.
public struct ClampNoise: Sendable, Equatable {
    public var onToOff: Double
    public var offToOn: Double
    public init(onToOff: Double, offToOn: Double) {
        precondition((0...1).contains(onToOff) && (0...1).contains(offToOn), "probabilities must be in [0, 1]")
        self.onToOff = onToOff
        self.offToOn = offToOn
    }
    public static let ackley1985 = ClampNoise(onToOff: 0.15, offToOn: 0.05)
    public static let none = ClampNoise(onToOff: 0, offToOn: 0)
}

/// The settings of Boltzmann learning. Defaults follow the 1985 encoder experiments.
public struct BoltzmannTrainingOptions: Sendable, Equatable {
    public var method: BoltzmannMethod = .annealing
    public var schedule: BoltzmannAnnealing = .ackley1985
    /// Positive-phase annealings per training vector in each cycle.
    public var annealingsPerVector: Int = 2
    /// Negative-phase annealings per cycle; nil means as many as the positive phase runs in total, as in
    /// the paper ("as many annealings as were used to estimate p_ij").
    public var negativeAnnealings: Int? = nil
    public var update: BoltzmannUpdate = .sign(step: 2, threshold: 0)
    public var noise: ClampNoise = .ackley1985
    /// Persistent method only: sweeps at the statistics temperature before the statistics sweeps (after
    /// the first cycle, which anneals from random states).
    public var persistentSweeps: Int = 2
    /// Input units: visible units 0..<inputs stay clamped to the (noisy) data in the negative phase too,
    /// so the machine learns P(rest | inputs) instead of the joint distribution (input–output Boltzmann
    /// learning, as used with deterministic learning by Peterson and Anderson, 1987, and Hinton, 1989).
    /// 0 = none: the 1985 procedure, where the negative phase runs every unit free.
    public var inputs: Int = 0
    /// If > 0, the trainer starts from weights and biases drawn uniformly from [-range, range] (from its
    /// generator) instead of the machine's. The paper starts from zero; deterministic mean-field learning
    /// needs random weights, because from a symmetric start its hidden units stay identical for ever.
    public var initialWeightRange: Double = 0
    /// Fraction by which every weight and bias shrinks after each cycle (0 = none, the paper's rule).
    public var weightDecay: Double = 0

    public init() {}
}

/// Boltzmann learning by the positive/negative phase rule on a fixed set of visible training vectors.
///
/// One cycle: the positive phase clamps the visible units to each training vector (with clamping noise)
/// `annealingsPerVector` times, lets the hidden units reach equilibrium and records ⟨s_i s_j⟩⁺; the
/// negative phase lets every unit run free (or all but the input units, see `options.inputs`) and records
/// ⟨s_i s_j⟩⁻; then every connected weight and every bias moves according to p⁺ - p⁻ (see
/// `BoltzmannGradient` for why that is the likelihood gradient).
/// Everything random comes from `rng`, so a trainer's run is fixed by its seed.
public struct BoltzmannTrainer: Sendable {
    public private(set) var machine: BoltzmannMachine
    /// Training vectors over the visible units.
    public let data: [[Bool]]
    public var options: BoltzmannTrainingOptions
    public var rng: Xoshiro256
    /// Learning cycles completed.
    public private(set) var cycles = 0

    private var positiveChains: [[Double]] = []
    private var negativeChains: [[Double]] = []
    private var hiddenOrder: [Int]
    private var allOrder: [Int]
    private var conditionalOrder: [Int] = []

    /// Preconditions: every data vector has `machine.visible` entries; at least one vector.
    public init(machine: BoltzmannMachine, data: [[Bool]], options: BoltzmannTrainingOptions = .init(), rng: Xoshiro256) {
        precondition(!data.isEmpty, "training needs at least one vector")
        precondition(data.allSatisfy { $0.count == machine.visible }, "a training vector must have one entry per visible unit")
        self.machine = machine
        self.data = data
        self.options = options
        self.rng = rng
        self.hiddenOrder = Array(machine.visible..<machine.count)
        self.allOrder = Array(0..<machine.count)
        if options.initialWeightRange > 0 { randomizeWeights(range: options.initialWeightRange) }
    }

    /// Sets every connected weight and every bias uniformly at random in [-range, range].
    public mutating func randomizeWeights(range r: Double) {
        var m = machine
        for (i, j) in m.connectivity.pairs { m.setWeight(i, j, to: r * (2 * rng.nextUnit() - 1)) }
        for i in 0..<m.count { m.biases[i] = r * (2 * rng.nextUnit() - 1) }
        setMachine(m)
    }

    public var positiveAnnealings: Int { data.count * options.annealingsPerVector }
    public var negativeAnnealingCount: Int { options.inputs > 0 ? positiveAnnealings : (options.negativeAnnealings ?? positiveAnnealings) }

    /// Replaces the machine (for example to continue from other weights). Persistent chains restart.
    public mutating func setMachine(_ m: BoltzmannMachine) {
        precondition(m.visible == machine.visible && m.count == machine.count, "size mismatch")
        machine = m
        positiveChains = []
        negativeChains = []
    }

    /// A copy of `v` with clamping noise applied.
    private mutating func noisy(_ v: [Bool]) -> [Bool] {
        let noise = options.noise
        if noise.onToOff == 0 && noise.offToOn == 0 { return v }
        return v.map { on in on ? !(rng.nextUnit() < noise.onToOff) : rng.nextUnit() < noise.offToOn }
    }

    /// The number of annealings of a phase in one cycle.
    public func annealingCount(_ phase: BoltzmannPhase) -> Int {
        phase == .positive ? positiveAnnealings : negativeAnnealingCount
    }

    /// The training vector clamped in annealing `job` of a phase (nil for a free negative annealing).
    public func clampedVector(_ phase: BoltzmannPhase, job: Int) -> Int? {
        phase == .positive || options.inputs > 0 ? job / options.annealingsPerVector : nil
    }

    /// Starts annealing `job` of a phase: draws the clamping noise and the random start (or takes the
    /// persistent chain's state) and plans the temperature of every sweep. Jobs of a phase must be run
    /// in order 0, 1, …, each to its end (`advance` until finished, then `finish`).
    public mutating func beginAnnealing(_ phase: BoltzmannPhase, job k: Int) -> BoltzmannAnnealingRun {
        let n = machine.count
        let persistent = options.method == .persistent
        let clampCount = phase == .positive ? machine.visible : min(options.inputs, machine.visible)
        if k == 0 {
            if persistent {
                if phase == .positive && positiveChains.count != positiveAnnealings { positiveChains = [] }
                if phase == .negative && negativeChains.count != negativeAnnealingCount { negativeChains = [] }
            }
            if phase == .negative && clampCount > 0 { conditionalOrder = Array(clampCount..<n) }
        }
        let vector = clampedVector(phase, job: k)
        let clamp = vector.map { noisy(data[$0]) }
        let chains = phase == .positive ? positiveChains : negativeChains
        let fresh = !persistent || chains.count <= k
        var state = [Double](repeating: 0, count: n)
        if fresh {
            for i in clampCount..<n { state[i] = options.method == .meanField ? rng.nextUnit() : Double(rng.next() >> 63) }
        } else {
            state = chains[k]
        }
        if let clamp { for i in 0..<clampCount { state[i] = clamp[i] ? 1 : 0 } }

        let schedule = options.schedule
        var temperatures: [Double] = []
        if fresh || !persistent {
            for stage in schedule.stages { temperatures += [Double](repeating: stage.temperature, count: stage.sweeps) }
        } else {
            temperatures = [Double](repeating: schedule.statisticsTemperature, count: options.persistentSweeps)
        }
        let statisticsFrom = temperatures.count
        temperatures += [Double](repeating: schedule.statisticsTemperature, count: schedule.statisticsSweeps)
        return BoltzmannAnnealingRun(phase: phase, job: k, vector: vector, clampedUnits: clampCount, state: state,
                                     temperatures: temperatures, statisticsFrom: statisticsFrom)
    }

    /// One sweep of a run at its planned temperature (a heat-bath sweep, or a mean-field pass); the
    /// state is added to `stats` if the sweep is one of the statistics sweeps. Does nothing once finished.
    public mutating func advance(_ run: inout BoltzmannAnnealingRun, into stats: inout BoltzmannStatistics) {
        guard !run.isFinished else { return }
        let t = run.temperatures[run.sweep]
        var order: [Int] = []
        // Borrow the phase's order array without copying it.
        if run.phase == .positive { swap(&order, &hiddenOrder) } else if run.clampedUnits > 0 { swap(&order, &conditionalOrder) } else { swap(&order, &allOrder) }
        if options.method == .meanField {
            rng.shuffle(&order)
            for i in order { run.state[i] = logistic(machine.field(i, state: run.state) / t) }
        } else {
            machine.sweep(&run.state, order: &order, temperature: t, rng: &rng)
        }
        if run.phase == .positive { swap(&order, &hiddenOrder) } else if run.clampedUnits > 0 { swap(&order, &conditionalOrder) } else { swap(&order, &allOrder) }
        if run.sweep >= run.statisticsFrom { stats.add(run.state) }
        run.sweep += 1
    }

    /// Ends a run: a persistent chain keeps its final state for the next cycle.
    public mutating func finish(_ run: BoltzmannAnnealingRun) {
        guard options.method == .persistent else { return }
        if run.phase == .positive {
            if positiveChains.count <= run.job { positiveChains.append(run.state) } else { positiveChains[run.job] = run.state }
        } else {
            if negativeChains.count <= run.job { negativeChains.append(run.state) } else { negativeChains[run.job] = run.state }
        }
    }

    /// Runs every annealing of a phase and returns its statistics.
    public mutating func runPhase(_ phase: BoltzmannPhase) -> BoltzmannStatistics {
        var stats = BoltzmannStatistics(count: machine.count)
        for k in 0..<annealingCount(phase) {
            var run = beginAnnealing(phase, job: k)
            while !run.isFinished { advance(&run, into: &stats) }
            finish(run)
        }
        return stats
    }

    /// The positive (clamped) phase: the visible units clamped to each training vector (with clamping
    /// noise) `annealingsPerVector` times; returns ⟨s_i s_j⟩⁺.
    public mutating func positivePhase() -> BoltzmannStatistics { runPhase(.positive) }

    /// The negative (free) phase: ⟨s_i s_j⟩⁻. With `options.inputs` > 0 the input units are clamped to
    /// each training vector in turn (fresh noise each time), `annealingsPerVector` times, as in the
    /// positive phase; otherwise `negativeAnnealingCount` annealings run every unit free.
    public mutating func negativePhase() -> BoltzmannStatistics { runPhase(.negative) }

    /// Moves the weights and biases by the update rule, from the two phases' statistics.
    public mutating func apply(positive: BoltzmannStatistics, negative: BoltzmannStatistics) {
        let t = options.schedule.statisticsTemperature
        let g = BoltzmannGradient(positive: positive, negative: negative, temperature: t, connectivity: machine.connectivity)
        let change: (Double) -> Double
        switch options.update {
        case let .sign(step, threshold):
            // g = d / T, so |d| > threshold  ⇔  |g| T > threshold.
            change = { x in abs(x * t) > threshold ? (x > 0 ? step : -step) : 0 }
        case let .gradient(rate):
            change = { x in rate * t * x }
        }
        var dw = g.weights.map(change)
        var db = g.biases.map(change)
        if options.weightDecay > 0 {
            // Δw -= decay · w: shrinks every weight and bias by that fraction per cycle.
            let d = options.weightDecay
            for k in 0..<dw.count { dw[k] -= d * machine.weights[k] }
            for i in 0..<db.count { db[i] -= d * machine.biases[i] }
        }
        machine.add(weightChanges: dw, biasChanges: db)
    }

    /// Ends a learning cycle: applies the update and counts the cycle.
    public mutating func completeCycle(positive: BoltzmannStatistics, negative: BoltzmannStatistics) {
        apply(positive: positive, negative: negative)
        cycles += 1
    }

    /// One learning cycle. Returns the two phases' statistics.
    @discardableResult
    public mutating func cycle() -> (positive: BoltzmannStatistics, negative: BoltzmannStatistics) {
        let p = positivePhase()
        let q = negativePhase()
        completeCycle(positive: p, negative: q)
        return (p, q)
    }
}

/// The two phases of a learning cycle.
public enum BoltzmannPhase: String, Sendable, CaseIterable {
    /// Visible units clamped to the data ("wake").
    case positive
    /// Every unit free, or only the input units clamped ("sleep").
    case negative
}

/// One annealing in progress: its state and its planned temperatures, sweep by sweep.
public struct BoltzmannAnnealingRun: Sendable, Equatable {
    public let phase: BoltzmannPhase
    /// Index of this annealing within its phase.
    public let job: Int
    /// The training vector clamped, if any.
    public let vector: Int?
    /// Units 0..<clampedUnits are clamped (all visible units in the positive phase).
    public let clampedUnits: Int
    public internal(set) var state: [Double]
    /// The temperature of each sweep; sweeps from `statisticsFrom` on record statistics.
    public let temperatures: [Double]
    public let statisticsFrom: Int
    /// Sweeps done.
    public internal(set) var sweep = 0

    public var isFinished: Bool { sweep >= temperatures.count }
    /// The temperature of the next sweep (of the last one once finished).
    public var temperature: Double { temperatures.isEmpty ? 0 : temperatures[min(sweep, temperatures.count - 1)] }
    public var isCollectingStatistics: Bool { sweep >= statisticsFrom }
}
