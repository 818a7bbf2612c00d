import Foundation

/// The continuous modern Hopfield network of Ramsauer et al. (2020), "Hopfield networks is all you need":
/// states ξ ∈ [−1, 1]^N, memories x^μ ∈ {−1, +1}^N (the columns of X), inverse temperature β = 1/T, and the
/// synchronous update ξ ← X softmax(β Xᵀ ξ), which is the attention of a transformer with one query.
///
/// Energy: E(ξ) = −β⁻¹ ln Σ_μ exp(β x^μ·ξ) + ½ ξ·ξ + β⁻¹ ln p + ½ N, with the constant chosen as in the paper
/// (M² = N is the largest squared memory norm) so that 0 ≤ E ≤ 2N. The update is the concave–convex procedure
/// for this split (convex ½ξ·ξ minus convex log-sum-exp), so E never rises from one update to the next
/// (Ramsauer et al., Theorem 1; Yuille and Rangarajan 2003).
///
/// T = 0 is the limit β → ∞: E = −max_μ x^μ·ξ + ½ ξ·ξ + ½ N and the update returns the best-matching memory;
/// when several memories tie for the largest overlap (as computed in Double) it returns their mean, which is
/// the limit of the softmax and still a descent step (a subgradient of the max). T = ∞ (β = 0) gives the mean
/// of all memories in one update. The softmax uses the max-shift, so it never overflows or yields NaN.
public struct ModernHopfieldNetwork: EnergyModel {
    public let count: Int
    public let patterns: [StoredPattern]
    /// ξ, each entry in [−1, 1].
    public private(set) var state: [Double]
    /// T ≥ 0; β = 1/T.
    public var temperature: Double {
        didSet {
            if !(temperature >= 0) { temperature = 0 }
            refreshEnergy()
        }
    }
    /// x^μ·ξ.
    public private(set) var overlapSums: [Double] = []
    public private(set) var energy: Double = 0

    /// x^μ_i at μ N + i.
    let memoryValues: [Double]

    public init(count n: Int, patterns: [StoredPattern], temperature: Double) throws {
        guard n >= 1, !patterns.isEmpty else { throw ExperimentError("the softmax network needs at least 1 unit and 1 memory") }
        guard patterns.allSatisfy({ $0.spins.count == n && $0.spins.allSatisfy { $0 == 1 || $0 == -1 } }) else {
            throw ExperimentError("every memory must have \(n) entries of ±1")
        }
        self.count = n
        self.patterns = patterns
        self.temperature = temperature >= 0 ? temperature : 0
        self.memoryValues = patterns.flatMap { $0.spins.map(Double.init) }
        self.state = [Double](repeating: -1, count: n)
        recompute()
    }

    public var memoryCount: Int { patterns.count }
    public var interaction: Interaction { .softmax }
    /// The two ends of a unit's range, −1 and +1.
    public var units: UnitConvention { .spin }
    /// Only whole synchronous updates.
    public var supportsSingleUnitUpdates: Bool { false }
    /// The update is a deterministic map at every temperature.
    public var isDeterministic: Bool { true }

    /// g_k = E(ξ_k = −1) − E(ξ_k = +1) with the other units as they are, at the current temperature, O(p).
    public func energyGap(_ k: Int) -> Double {
        let x = state[k]
        let squared = state.reduce(0) { $0 + $1 * $1 } - x * x + 1
        func energy(_ v: Double) -> Double {
            let a = overlapSums.indices.map { overlapSums[$0] + (v - x) * memoryValues[$0 * count + k] }
            return Self.energy(overlapSums: a, squaredNorm: squared, count: count, temperature: temperature)
        }
        return energy(-1) - energy(1)
    }

    /// One update ξ ← X softmax(βXᵀξ) at T (which becomes the network's temperature). Returns the number of
    /// units that moved by more than 1e-12: 0 means a fixed point to rounding, where `Relaxation` stops.
    public mutating func synchronousStep(temperature t: Double, rng: inout Xoshiro256) -> Int {
        if t != temperature { temperature = t }
        let old = state
        update()
        return zip(old, state).reduce(0) { $0 + (abs($1.0 - $1.1) > 1e-12 ? 1 : 0) }
    }

    /// Whether one update would move unit k by more than 1e-12, O(p).
    public func isUnstable(_ k: Int) -> Bool {
        let w = attention
        var next = 0.0
        for mu in 0..<patterns.count where w[mu] > 0 { next += w[mu] * memoryValues[mu * count + k] }
        return abs(min(1, max(-1, next)) - state[k]) > 1e-12
    }

    /// m_μ = x^μ·ξ / N of the real state (for the stored memories; others are computed afresh).
    public func overlaps(with others: [StoredPattern]) -> [Double] {
        if others == patterns { return overlaps }
        return others.map { p in zip(p.spins, state).reduce(0.0) { $0 + Double($1.0) * $1.1 } / Double(count) }
    }

    /// Replaces the state, each value clamped to [−1, 1] (NaN becomes 0).
    public mutating func setState(_ newState: [Double]) {
        precondition(newState.count == count, "one value per unit")
        state = newState.map { $0.isNaN ? 0 : min(1, max(-1, $0)) }
        recompute()
    }

    /// Sets unit k to `value` (clamped), O(p).
    public mutating func set(_ k: Int, to value: Double) {
        let v = value.isNaN ? 0 : min(1, max(-1, value))
        let delta = v - state[k]
        if delta == 0 { return }
        state[k] = v
        for mu in 0..<patterns.count { overlapSums[mu] += delta * memoryValues[mu * count + k] }
        refreshEnergy()
    }

    /// m_μ = x^μ·ξ / N.
    public var overlaps: [Double] { overlapSums.map { $0 / Double(count) } }

    mutating func recompute() {
        overlapSums = (0..<patterns.count).map { mu in
            var s = 0.0
            for i in 0..<count { s += memoryValues[mu * count + i] * state[i] }
            return s
        }
        refreshEnergy()
    }

    mutating func refreshEnergy() {
        energy = Self.energy(overlapSums: overlapSums, squaredNorm: state.reduce(0) { $0 + $1 * $1 },
                             count: count, temperature: temperature)
    }

    /// Largest disagreement between the kept overlaps and energy and a recomputation.
    public func invariantError() -> Double {
        var copy = self
        copy.recompute()
        return zip(copy.overlapSums, overlapSums).reduce(abs(copy.energy - energy)) { max($0, abs($1.0 - $1.1)) }
    }

    /// E from the overlaps x^μ·ξ and ξ·ξ (see the type's documentation), computed with the max-shift.
    public static func energy(overlapSums a: [Double], squaredNorm: Double, count n: Int, temperature t: Double) -> Double {
        let m = a.max() ?? 0
        let quadratic = 0.5 * squaredNorm + 0.5 * Double(n)
        if t <= 0 { return -m + quadratic }
        if t == .infinity { return -a.reduce(0, +) / Double(a.count) + quadratic }
        let beta = 1 / t
        let z = a.reduce(0) { $0 + Foundation.exp(beta * ($1 - m)) }
        // −β⁻¹ ln Σ exp(β a) + β⁻¹ ln p = −m − β⁻¹ ln(z / p).
        return -m - t * Foundation.log(z / Double(a.count)) + quadratic
    }

    /// The attention weights softmax(β Xᵀ ξ) of the current state (see the type's documentation for T = 0, ∞).
    public var attention: [Double] {
        let a = overlapSums
        let m = a.max() ?? 0
        var w: [Double]
        if temperature <= 0 {
            w = a.map { $0 == m ? 1 : 0 }
        } else if temperature == .infinity {
            w = a.map { _ in 1 }
        } else {
            let beta = 1 / temperature
            w = a.map { Foundation.exp(beta * ($0 - m)) }
        }
        let z = w.reduce(0, +)
        return w.map { $0 / z }
    }

    /// One synchronous update ξ ← X softmax(β Xᵀ ξ), O(N p). Returns the largest change of a unit.
    @discardableResult
    public mutating func update() -> Double {
        let w = attention
        var next = [Double](repeating: 0, count: count)
        for mu in 0..<patterns.count where w[mu] > 0 {
            let weight = w[mu]
            for i in 0..<count { next[i] += weight * memoryValues[mu * count + i] }
        }
        // Rounding may leave a convex combination of ±1 a hair outside [−1, 1].
        next = next.map { min(1, max(-1, $0)) }
        var largest = 0.0
        for i in 0..<count { largest = max(largest, abs(next[i] - state[i])) }
        state = next
        recompute()
        return largest
    }
}
