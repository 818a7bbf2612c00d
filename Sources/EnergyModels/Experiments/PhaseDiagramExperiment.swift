import Foundation

/// One cell of the phase diagram: the mean retrieval overlap at load α and temperature T.
public struct PhasePoint: Sendable, Equatable {
    public var alpha: Double
    public var temperature: Double
    /// p = max(1, round(α N)).
    public var patterns: Int
    /// Mean over trials of the time-averaged overlap m = (1/N) Σ_i ξ_i^1 s_i over the second half of the sweeps.
    public var overlap: Double

    public init(alpha: Double, temperature: Double, patterns: Int, overlap: Double) {
        self.alpha = alpha
        self.temperature = temperature
        self.patterns = patterns
        self.overlap = overlap
    }

    /// The mean-field retrieval overlap for α → 0 at this temperature (m = tanh(m/T)).
    public var meanFieldOverlap: Double { HopfieldTheory.meanFieldOverlap(temperature: temperature) }
}

/// The temperature phase diagram of the Hebbian network, measured by Gibbs sampling.
///
/// For each α, each T and each of K trials: p = max(1, round(α N)) random ±1 patterns are stored with Hebb
/// (spin units), the state starts at the first pattern, and `sweeps` heat-bath sweeps in random order are
/// run at T (P(s_i = +1) = σ(2 h_i / T); T = 0 is the deterministic rule). The overlap with the first
/// pattern is averaged over the sweeps after the first ⌊sweeps/2⌋, then over the trials.
///
/// Retrieval (m clearly above 0) survives below T_c = 1 for small α and below a lower temperature as α
/// grows (vanishing near α_c ≈ 0.138 at T = 0); above it the overlap decays to O(1/√N).
/// Streams: the patterns of trial k at load index a come from stream a | k << 40, the dynamics at
/// temperature index t from stream a | (t + 1) << 20 | k << 40, so all temperatures of a trial share
/// its patterns (smoother maps) and no result depends on the number of threads.
public enum PhaseDiagramExperiment {
    public static let neuronRange = 2...5000
    public static let trialRange = 1...10_000
    public static let sweepRange = 2...1_000_000
    public static let alphaLimit = 1.0

    /// Checks parameters; throws a message naming the one that is wrong.
    public static func validate(neurons: Int, alphas: [Double], temperatures: [Double], sweeps: Int, trials: Int) throws(ExperimentError) {
        guard neuronRange.contains(neurons) else {
            throw ExperimentError("--neurons must be from \(neuronRange.lowerBound) to \(neuronRange.upperBound), found \(neurons)")
        }
        guard sweepRange.contains(sweeps) else {
            throw ExperimentError("--sweeps must be from \(sweepRange.lowerBound) to \(sweepRange.upperBound), found \(sweeps)")
        }
        guard trialRange.contains(trials) else {
            throw ExperimentError("--trials must be from \(trialRange.lowerBound) to \(trialRange.upperBound), found \(trials)")
        }
        guard !alphas.isEmpty else { throw ExperimentError("--alpha: give at least one load") }
        guard !temperatures.isEmpty else { throw ExperimentError("--temperature: give at least one temperature") }
        try ValueList.check(alphas, option: "--alpha", above: 0, atMost: alphaLimit)
        try ValueList.check(temperatures, option: "--temperature", atLeast: 0)
    }

    /// Runs the grid; points are ordered by α, then by T, as given.
    /// Preconditions: the parameters pass `validate`.
    public static func run(neurons: Int, alphas: [Double], temperatures: [Double], sweeps: Int, trials: Int,
                           seed: UInt64 = 1, workers: Int? = nil,
                           progress: (@Sendable (ExperimentProgress) -> Void)? = nil) -> [PhasePoint] {
        precondition(neurons >= 2 && sweeps >= 1 && trials >= 1, "invalid phase-diagram parameters")
        precondition(alphas.count < 1 << 20 && temperatures.count < (1 << 20) - 1 && trials < 1 << 23, "grid too large for the stream numbering")
        let counts = alphas.map { CapacityExperiment.patternCount(alpha: $0, neurons: neurons) }
        let cells = alphas.count * temperatures.count
        let items = cells * trials
        let maxP = counts.max() ?? 1
        let denseBytes = Learning.preferredRepresentation(count: neurons, rank: maxP) == .dense ? 8 * neurons * neurons : 0
        let bytes = denseBytes + 16 * neurons * maxP
        let threads = ParallelTrials.workerCount(requested: workers, items: items, bytesPerItem: bytes)
        let overlaps = ParallelTrials.map(count: items, workers: threads, progress: progress) { item in
            let k = item % trials
            let cell = item / trials
            let a = cell / temperatures.count, t = cell % temperatures.count
            var patternRNG = Xoshiro256(seed: seed, stream: UInt64(a) | UInt64(k) << 40)
            let patterns = RandomPatterns.make(count: counts[a], neurons: neurons, rng: &patternRNG)
            let dynamics = Xoshiro256(seed: seed, stream: UInt64(a) | UInt64(t + 1) << 20 | UInt64(k) << 40)
            return overlapTotal(patterns: patterns, neurons: neurons, temperature: temperatures[t], sweeps: sweeps, rng: dynamics)
        }
        // Integer totals, one division per cell: the mean carries no summation rounding.
        let averaged = Double(sweeps - sweeps / 2)
        return (0..<cells).map { cell in
            let a = cell / temperatures.count, t = cell % temperatures.count
            var total = 0
            for k in 0..<trials { total += overlaps[cell * trials + k] }
            return PhasePoint(alpha: alphas[a], temperature: temperatures[t], patterns: counts[a],
                              overlap: Double(total) / (Double(neurons) * averaged * Double(trials)))
        }
    }

    /// Stores `patterns` with Hebb, starts at the first, runs `sweeps` heat-bath sweeps at T and returns
    /// the overlap with the first pattern averaged over sweeps ⌊sweeps/2⌋ + 1 … sweeps.
    /// The representation (dense or low rank) is the engine's automatic choice.
    public static func meanOverlap(patterns: [[Int8]], neurons n: Int, temperature: Double, sweeps: Int, rng: Xoshiro256) -> Double {
        let total = overlapTotal(patterns: patterns, neurons: n, temperature: temperature, sweeps: sweeps, rng: rng)
        return Double(total) / (Double(n) * Double(sweeps - sweeps / 2))
    }

    /// Σ over sweeps ⌊sweeps/2⌋ + 1 … sweeps of Σ_i ξ_i^1 s_i (an integer; `meanOverlap` divides it).
    static func overlapTotal(patterns: [[Int8]], neurons n: Int, temperature: Double, sweeps: Int, rng: Xoshiro256) -> Int {
        precondition(!patterns.isEmpty && sweeps >= 1, "need a pattern and a sweep")
        let target = patterns[0]
        var network = EnergyNetwork(patterns: patterns, count: n, rule: .hebb, units: .spin)
        network.setState(network.values(of: target))
        var simulation = Simulation(network: network, temperature: temperature, schedule: .random)
        simulation.rng = rng
        let burnIn = sweeps / 2
        var total = 0
        for sweep in 1...sweeps {
            simulation.sweep()
            if sweep > burnIn {
                // Σ_i ξ_i s_i = (agreements) − (disagreements) = 2·agreements − N, exact for ±1 spins.
                var agree = 0
                simulation.network.state.withUnsafeBufferPointer { s in
                    for i in 0..<n where (s[i] > 0) == (target[i] > 0) { agree += 1 }
                }
                total += 2 * agree - n
            }
        }
        return total
    }
}
