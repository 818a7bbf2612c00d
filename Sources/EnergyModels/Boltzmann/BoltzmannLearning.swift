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

    public init() {}
}

/// Boltzmann learning by the positive/negative phase rule on a fixed set of visible training vectors.
///
/// One cycle: the positive phase clamps the visible units to each training vector (with clamping noise)
/// `annealingsPerVector` times, lets the hidden units reach equilibrium and records ⟨s_i s_j⟩⁺; the
/// negative phase lets every unit run free and records ⟨s_i s_j⟩⁻; then every connected weight and every
/// bias moves according to p⁺ - p⁻ (see `BoltzmannGradient` for why that is the likelihood gradient).
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

    private mutating func randomBits(_ state: inout [Double], _ units: [Int]) {
        for i in units { state[i] = Double(rng.next() >> 63) }
    }

    private mutating func randomMeans(_ state: inout [Double], _ units: [Int]) {
        for i in units { state[i] = rng.nextUnit() }
    }

    /// Mean-field pass: every unit in `order` (shuffled first) set to σ(h_i(m)/T).
    private mutating func meanFieldSweep(_ m: inout [Double], order: inout [Int], temperature t: Double) {
        rng.shuffle(&order)
        for i in order { m[i] = logistic(machine.field(i, state: m) / t) }
    }

    /// Brings `state` to (approximate) equilibrium over the units in `order` and records the statistics
    /// sweeps. `fresh` is false for a persistent chain after its first cycle.
    private mutating func equilibrate(_ state: inout [Double], order: inout [Int], fresh: Bool, into stats: inout BoltzmannStatistics) {
        let schedule = options.schedule
        let t = schedule.statisticsTemperature
        switch options.method {
        case .annealing, .persistent:
            if fresh || options.method == .annealing {
                machine.anneal(&state, order: &order, schedule: schedule, rng: &rng)
            } else {
                for _ in 0..<options.persistentSweeps { machine.sweep(&state, order: &order, temperature: t, rng: &rng) }
            }
            for _ in 0..<schedule.statisticsSweeps {
                machine.sweep(&state, order: &order, temperature: t, rng: &rng)
                stats.add(state)
            }
        case .meanField:
            for stage in schedule.stages {
                for _ in 0..<stage.sweeps { meanFieldSweep(&state, order: &order, temperature: stage.temperature) }
            }
            for _ in 0..<schedule.statisticsSweeps {
                meanFieldSweep(&state, order: &order, temperature: t)
                stats.add(state)
            }
        }
    }

    /// The positive (clamped) phase: ⟨s_i s_j⟩⁺.
    public mutating func positivePhase() -> BoltzmannStatistics {
        var stats = BoltzmannStatistics(count: machine.count)
        var order = hiddenOrder
        let persistent = options.method == .persistent
        if persistent && positiveChains.count != positiveAnnealings { positiveChains = [] }
        var k = 0
        for v in data {
            for _ in 0..<options.annealingsPerVector {
                let clamp = noisy(v)
                var state: [Double]
                let fresh = !persistent || positiveChains.count <= k
                if fresh {
                    state = BoltzmannExact.clampedState(machine, clamp)
                    if options.method == .meanField { randomMeans(&state, hiddenOrder) } else { randomBits(&state, hiddenOrder) }
                } else {
                    state = positiveChains[k]
                    for i in 0..<machine.visible { state[i] = clamp[i] ? 1 : 0 }
                }
                equilibrate(&state, order: &order, fresh: fresh, into: &stats)
                if persistent {
                    if positiveChains.count <= k { positiveChains.append(state) } else { positiveChains[k] = state }
                }
                k += 1
            }
        }
        hiddenOrder = order
        return stats
    }

    /// The negative (free) phase: ⟨s_i s_j⟩⁻. With `options.inputs` > 0 the input units are clamped to
    /// each training vector in turn (fresh noise each time), `annealingsPerVector` times, as in the
    /// positive phase; otherwise `negativeAnnealingCount` annealings run every unit free.
    public mutating func negativePhase() -> BoltzmannStatistics {
        var stats = BoltzmannStatistics(count: machine.count)
        let inputs = min(options.inputs, machine.visible)
        let free = Array(inputs..<machine.count)
        var order = inputs == 0 ? allOrder : free
        let persistent = options.method == .persistent
        let clamps: [[Bool]?] = inputs == 0
            ? [[Bool]?](repeating: nil, count: negativeAnnealingCount)
            : data.flatMap { v in [[Bool]?](repeating: v, count: options.annealingsPerVector) }
        let n = clamps.count
        if persistent && negativeChains.count != n { negativeChains = [] }
        for k in 0..<n {
            var state = [Double](repeating: 0, count: machine.count)
            let fresh = !persistent || negativeChains.count <= k
            if fresh {
                if options.method == .meanField { randomMeans(&state, free) } else { randomBits(&state, free) }
            } else {
                state = negativeChains[k]
            }
            if let v = clamps[k] {
                let clamp = noisy(v)
                for i in 0..<inputs { state[i] = clamp[i] ? 1 : 0 }
            }
            equilibrate(&state, order: &order, fresh: fresh, into: &stats)
            if persistent {
                if negativeChains.count <= k { negativeChains.append(state) } else { negativeChains[k] = state }
            }
        }
        if inputs == 0 { allOrder = order }
        return stats
    }

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
        machine.add(weightChanges: g.weights.map(change), biasChanges: g.biases.map(change))
    }

    /// One learning cycle. Returns the two phases' statistics.
    @discardableResult
    public mutating func cycle() -> (positive: BoltzmannStatistics, negative: BoltzmannStatistics) {
        let p = positivePhase()
        let q = negativePhase()
        apply(positive: p, negative: q)
        cycles += 1
        return (p, q)
    }
}
