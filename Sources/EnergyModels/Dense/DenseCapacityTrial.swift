/// The capacity trial of the dense kinds and softmax: the same counts as the pairwise kernels
/// (`CapacityTrialResult`), computed through the model's own T = 0 rule.
///
/// The one-step test of a stored pattern costs O(N p) (every unit's gap from the overlaps), so a trial costs
/// O(N p · tested); above a few hundred patterns only the first `testedPatterns` of the p random (independent,
/// identically distributed) patterns are tested and relaxed, which leaves every rate unbiased (the result's
/// `tested` says how many, and pooled rates divide by it).
public enum DenseCapacityTrial {
    /// Stored patterns tested per trial at most.
    public static let testedPatterns = 100

    /// Runs one trial of `kind` (not pairwise) with p random patterns on N units; `rng` draws the patterns and
    /// the update orders. Preconditions: N ≥ 2, p ≥ 1, `kind.validate` passed.
    static func run(neurons n: Int, patterns p: Int, kind: NetworkKind, recall: Bool, rng: inout Xoshiro256) -> CapacityTrialResult {
        let spins = RandomPatterns.make(count: p, neurons: n, rng: &rng)
        guard var model = try? kind.makeModel(patterns: spins, count: n, units: .spin) else {
            preconditionFailure("capacity parameters must be validated first")
        }
        let tested = min(p, testedPatterns)
        var result = CapacityTrialResult(neurons: n, patterns: p, unstableBits: 0, fixedPoints: 0,
                                         recallMeasured: recall, overlapDotSum: 0, unconverged: 0, tested: tested)
        var order = Array(0..<n)
        for nu in 0..<tested {
            let target = spins[nu].map(Double.init)
            model.setState(target)
            let unstable = (0..<n).reduce(0) { $0 + (model.isUnstable($1) ? 1 : 0) }
            result.unstableBits += unstable
            if unstable == 0 { result.fixedPoints += 1 }
            guard recall else { continue }
            if unstable > 0 && !relax(&model, order: &order, rng: &rng) { result.unconverged += 1 }
            // Continuous states (softmax) count by their signs, as the overlaps of ±1 recall do.
            result.overlapDotSum += zip(model.state, spins[nu]).reduce(0) { $0 + ($1.0 > 0 ? 1 : -1) * Int($1.1) }
        }
        return result
    }

    /// T = 0 dynamics to a fixed point: random-order sweeps (a fresh permutation each), or synchronous steps
    /// for softmax. Returns whether a fixed point was reached within `CapacityTrial.maxSweeps`.
    static func relax(_ model: inout AnyEnergyModel, order: inout [Int], rng: inout Xoshiro256) -> Bool {
        for _ in 0..<CapacityTrial.maxSweeps {
            let changed: Int
            if model.supportsSingleUnitUpdates {
                rng.shuffle(&order)
                changed = order.withUnsafeBufferPointer { model.sweep($0, temperature: 0, rng: &rng) }
            } else {
                changed = model.synchronousStep(temperature: 0, rng: &rng)
            }
            if changed == 0 { return true }
        }
        return false
    }
}
