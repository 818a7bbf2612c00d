import Foundation

/// One load of a capacity sweep, averaged over its trials.
public struct CapacityPoint: Sendable, Equatable {
    /// The requested load α.
    public var alpha: Double
    /// p = max(1, round(α N)) patterns per trial.
    public var patterns: Int
    /// Fraction of (pattern, unit) pairs unstable in one step, over all trials.
    public var bitErrorRate: Double
    /// Mean overlap of the T = 0 fixed point reached from each stored pattern with that pattern.
    public var recallOverlap: Double
    /// Fraction of stored patterns that are exact fixed points.
    public var perfectRecall: Double
    /// Relaxations that hit the sweep limit (0 in practice; reported so that it cannot go unnoticed).
    public var unconverged: Int

    public init(alpha: Double, patterns: Int, bitErrorRate: Double, recallOverlap: Double, perfectRecall: Double, unconverged: Int = 0) {
        self.alpha = alpha
        self.patterns = patterns
        self.bitErrorRate = bitErrorRate
        self.recallOverlap = recallOverlap
        self.perfectRecall = perfectRecall
        self.unconverged = unconverged
    }
}

/// The capacity experiment: how well do p = αN random patterns survive as memories?
///
/// For each α and each of K trials, p = max(1, round(αN)) random unbiased ±1 patterns are stored with the
/// rule and measured by `CapacityTrial` (one-step stability, then T = 0 recall from each pattern). Trial k
/// of load index a draws from `Xoshiro256(seed: seed, stream: a | k << 20)`, independent of the others, so
/// the trials run in parallel and the results do not depend on the number of threads. Counts are summed
/// in trial order.
public enum CapacityExperiment {
    /// Upper bounds the command line enforces (the relaxation keeps an N x N matrix per running trial).
    public static let neuronRange = 2...5000
    public static let trialRange = 1...10_000
    public static let alphaLimit = 1.0

    /// Checks parameters; throws a message naming the one that is wrong.
    public static func validate(neurons: Int, alphas: [Double], trials: Int) throws(ExperimentError) {
        guard neuronRange.contains(neurons) else {
            throw ExperimentError("--neurons must be from \(neuronRange.lowerBound) to \(neuronRange.upperBound), found \(neurons)")
        }
        guard trialRange.contains(trials) else {
            throw ExperimentError("--trials must be from \(trialRange.lowerBound) to \(trialRange.upperBound), found \(trials)")
        }
        guard !alphas.isEmpty else { throw ExperimentError("--alpha: give at least one load") }
        try ValueList.check(alphas, option: "--alpha", above: 0, atMost: alphaLimit)
    }

    /// p = max(1, round(α N)).
    public static func patternCount(alpha: Double, neurons: Int) -> Int {
        max(1, Int((alpha * Double(neurons)).rounded()))
    }

    /// Runs the sweep and returns one point per α, in the order given.
    /// - Parameters:
    ///   - workers: threads to use (nil: all active cores). The result does not depend on it.
    ///   - recall: false skips the T = 0 relaxations (only the one-step test; `recallOverlap` is then NaN).
    ///   - progress: called after each finished trial (from a worker thread, one call at a time).
    /// Preconditions: the parameters pass `validate`. Cheap for N ≤ 400 (well under a second for a
    /// dozen loads and a few trials in a release build).
    public static func run(neurons: Int, alphas: [Double], trials: Int, kind: NetworkKind = .hebb, seed: UInt64 = 1,
                           recall: Bool = true, workers: Int? = nil,
                           progress: (@Sendable (ExperimentProgress) -> Void)? = nil) -> [CapacityPoint] {
        precondition(neurons >= 2 && trials >= 1 && alphas.allSatisfy { $0 > 0 && $0.isFinite }, "invalid capacity parameters")
        precondition(alphas.count < 1 << 20 && trials < 1 << 40, "too many loads or trials for the stream numbering")
        let counts = alphas.map { patternCount(alpha: $0, neurons: neurons) }
        let items = alphas.count * trials
        let maxP = counts.max() ?? 1
        let bytes = 8 * neurons * neurons + 16 * neurons * maxP + 4 * maxP * maxP
        let threads = ParallelTrials.workerCount(requested: workers, items: items, bytesPerItem: bytes)
        let results = ParallelTrials.map(count: items, workers: threads, progress: progress) { item in
            let a = item / trials, k = item % trials
            var rng = Xoshiro256(seed: seed, stream: streamID(load: a, trial: k))
            return CapacityTrial.run(neurons: neurons, patterns: counts[a], kind: kind, recall: recall, rng: &rng)
        }
        return alphas.indices.map { a in
            let slice = results[(a * trials)..<((a + 1) * trials)]
            return point(alpha: alphas[a], trials: Array(slice))
        }
    }

    /// The loads of `quickSweep`: 0.02, 0.04, …, 0.30, across α_c ≈ 0.138.
    public static let quickSweepAlphas: [Double] = (1...15).map { ValueList.tidy(0.02 * Double($0)) }

    /// A small sweep for an interactive panel (the live view): `quickSweepAlphas` at the network's size
    /// with `trials` trials. For N ≤ 400 and 3 trials it takes a fraction of a second in a release build.
    /// Preconditions: N ≥ 2, trials ≥ 1.
    public static func quickSweep(neurons: Int, kind: NetworkKind = .hebb, trials: Int = 3, seed: UInt64 = 1,
                                  progress: (@Sendable (ExperimentProgress) -> Void)? = nil) -> [CapacityPoint] {
        run(neurons: neurons, alphas: quickSweepAlphas, trials: trials, kind: kind, seed: seed, progress: progress)
    }

    /// The stream of trial k at load index a (trial numbers occupy the high bits, so adding trials or
    /// loads leaves the existing streams unchanged).
    static func streamID(load a: Int, trial k: Int) -> UInt64 {
        UInt64(a) | UInt64(k) << 20
    }

    /// Pools the counts of a load's trials (all with the same N and p): each rate is one division of
    /// integer totals.
    public static func point(alpha: Double, trials: [CapacityTrialResult]) -> CapacityPoint {
        let n = trials.first?.neurons ?? 0
        let p = trials.first?.patterns ?? 0
        var unstable = 0, fixed = 0, unconverged = 0, dots = 0
        var recall = true
        for t in trials {
            unstable += t.unstableBits
            fixed += t.fixedPoints
            dots += t.overlapDotSum
            unconverged += t.unconverged
            recall = recall && t.recallMeasured
        }
        let memories = Double(p * trials.count)
        guard memories > 0 else { return CapacityPoint(alpha: alpha, patterns: p, bitErrorRate: 0, recallOverlap: 0, perfectRecall: 0) }
        return CapacityPoint(alpha: alpha, patterns: p,
                             bitErrorRate: Double(unstable) / (memories * Double(n)),
                             recallOverlap: recall ? Double(dots) / (memories * Double(n)) : .nan,
                             perfectRecall: Double(fixed) / memories,
                             unconverged: unconverged)
    }
}
