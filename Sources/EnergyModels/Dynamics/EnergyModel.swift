/// A model whose dynamics `Simulation` runs: N units, a state s, and an energy E(s) defining the stationary
/// distribution P(s) ∝ exp(−E(s)/T) of heat-bath sampling and the descent of the T = 0 rule.
///
/// What a conformer provides (the mathematics; no weight matrix is assumed):
/// - `count` N, `units` (the two values a unit takes, `up` and `down`), `state` s (N values) and `energy` E(s),
///   kept consistent by `set(_:to:)` and `setState(_:)`.
/// - `energyGap(k)`: g_k = E(s | s_k = down) − E(s | s_k = up), every other unit as in s. It decides everything:
///   the T = 0 rule (`ZeroTemperatureRule`: up if g_k > 0, down if g_k < 0, unchanged on a tie g_k = 0), the
///   heat-bath probability P(s_k = up | rest) = σ(g_k / T), and the energy change of a flip. For the pairwise
///   network g_k = (up − down) h_k with the local field h_k; for a dense associative memory
///   g_k = Σ_μ [F(ξ_k^μ up + a_μ^{∖k}) − F(ξ_k^μ down + a_μ^{∖k})] with a_μ^{∖k} = Σ_{j≠k} ξ_j^μ s_j.
///   Its sign must be exact wherever the model's arithmetic is (a tie is then a real tie).
/// - `overlaps(with:)`: m_μ = (1/N) Σ_i ξ_i^μ σ_i, σ_i = ±1 read through the convention (a default is given).
///
/// Customisation points, each with a default built from the requirements above:
/// - `update(_:temperature:rng:)`: one single-unit update (the T = 0 rule, or one heat-bath draw, one
///   `rng.nextUnit()` per update at T > 0). A conformer with a faster (e.g. cached) gap overrides it as
///   `update(k, gap: myGap(k), temperature: t, rng: &rng)`; the decisions and draws must not change.
/// - `sweep(_:temperature:rng:)`: the updates of `order`'s units in turn, in one call (the whole-sweep fast path);
///   returns the number of units changed. Must equal calling `update` for each unit in order.
/// - `synchronousStep(temperature:rng:)`: every unit's new value from the same old state, then all change.
///   A model whose units are continuous, or which has no single-unit update (the modern Hopfield network,
///   ξ ← X softmax(β Xᵀξ)), sets `supportsSingleUnitUpdates` to false and provides its own step here:
///   `Simulation` then runs one synchronous step per step and per sweep whatever the schedule, and
///   `Relaxation` stops when a step changes nothing (the step returns how many units changed value). Such a
///   model still states `energyGap` (the energy difference of the unit's two extreme values) and overrides
///   `isUnstable` with its own fixed-point test (T = 0: the update would change unit k).
/// - `isUnstable(_:)`: whether unit k would change under the T = 0 rule (`isFixedPoint`: none would).
///
/// A model chosen at run time travels as `AnyEnergyModel`; `NetworkKind.makeModel` builds one per kind and
/// `NetworkKind.theory` answers for its capacity theory (DECISIONS.md, "Engine", has the whole seam).
///
/// Preconditions everywhere: 0 ≤ k < N; T ≥ 0 and not NaN (T = +∞ is allowed: every draw is a fair coin).
public protocol EnergyModel: Sendable {
    /// N.
    var count: Int { get }
    /// The values of an up and a down unit.
    var units: UnitConvention { get }
    /// s: `units.up` or `units.down` per unit (continuous models: values between them).
    var state: [Double] { get }
    /// E(s).
    var energy: Double { get }
    /// g_k = E(s | s_k = down) − E(s | s_k = up).
    func energyGap(_ k: Int) -> Double
    /// s_k ← value, keeping `energy` consistent.
    mutating func set(_ k: Int, to value: Double)
    /// s ← newState (one value per unit).
    mutating func setState(_ newState: [Double])

    /// Whether units can be updated one at a time (false: only `synchronousStep`).
    var supportsSingleUnitUpdates: Bool { get }
    mutating func update(_ k: Int, temperature t: Double, rng: inout Xoshiro256) -> UnitUpdate
    mutating func sweep(_ order: UnsafeBufferPointer<Int>, temperature t: Double, rng: inout Xoshiro256) -> Int
    mutating func synchronousStep(temperature t: Double, rng: inout Xoshiro256) -> Int
    /// Whether unit k would change under the T = 0 rule.
    func isUnstable(_ k: Int) -> Bool
    func overlaps(with patterns: [StoredPattern]) -> [Double]
}

/// The T = 0 rule, the only one in the program: a unit goes up when its energy gap is positive, down when it
/// is negative, and a tie leaves it unchanged. Any quantity with the sign of the gap will do (an unscaled
/// field, an integer field times N), so exact representations decide ties exactly.
public enum ZeroTemperatureRule {
    /// The new value of a unit now at `current` with energy gap `gap`.
    @inline(__always)
    public static func next<G: Comparable & AdditiveArithmetic>(_ current: Double, gap: G, units: UnitConvention) -> Double {
        gap > .zero ? units.up : (gap < .zero ? units.down : current)
    }

    /// Whether a unit would change: an up unit with a negative gap, or a down unit with a positive one.
    @inline(__always)
    public static func changes<G: Comparable & AdditiveArithmetic>(isUp: Bool, gap: G) -> Bool {
        isUp ? gap < .zero : gap > .zero
    }

    /// `changes(isUp:gap:)` for a spin s = ±1 and a field h of the gap's sign, as one product: s h < 0 (the
    /// kernels' inner loops; exact, since s = ±1).
    @inline(__always)
    public static func changes<I: FixedWidthInteger & SignedInteger>(spin s: I, field h: I) -> Bool { s &* h < 0 }

    /// As `changes(spin:field:)` in floating point (s h is exact for s = ±1).
    @inline(__always)
    public static func changes(spin s: Double, field h: Double) -> Bool { s * h < 0 }
}

extension EnergyModel {
    public var supportsSingleUnitUpdates: Bool { true }

    /// Whether unit k is up (continuous models: above the midpoint of the two values). Inlinable: views call it
    /// for every unit of every frame.
    @inlinable
    public func isUp(_ k: Int) -> Bool { state[k] > (units.up + units.down) / 2 }

    /// Up/down flags of the current state.
    @inlinable
    public var upFlags: [Bool] {
        let s = state, middle = (units.up + units.down) / 2
        return s.map { $0 > middle }
    }

    /// Sets the state from up/down flags.
    public mutating func setState(up flags: [Bool]) {
        precondition(flags.count == count, "one flag per unit")
        setState(flags.map { units.value($0) })
    }

    /// Flips unit k (up ↔ down).
    @inline(__always)
    public mutating func flip(_ k: Int) {
        set(k, to: isUp(k) ? units.down : units.up)
    }

    /// The single-unit update from `energyGap`.
    public mutating func update(_ k: Int, temperature t: Double, rng: inout Xoshiro256) -> UnitUpdate {
        update(k, gap: energyGap(k), temperature: t, rng: &rng)
    }

    /// The update of unit k given its energy gap (for conformers that compute the gap faster themselves).
    @inline(__always)
    public mutating func update(_ k: Int, gap: Double, temperature t: Double, rng: inout Xoshiro256) -> UnitUpdate {
        let old = state[k]
        var new = old
        var probability = 1.0
        if t <= 0 {
            new = ZeroTemperatureRule.next(old, gap: gap, units: units)
        } else {
            let pUp = HeatBath.probabilityUp(gap: gap, temperature: t)
            let up = rng.nextUnit() < pUp
            new = units.value(up)
            probability = up ? pUp : 1 - pUp
        }
        if new != old { set(k, to: new) }
        let h = gap / units.step
        return UnitUpdate(unit: k, field: h, oldValue: old, newValue: new, deltaEnergy: -(new - old) * h,
                          probability: probability, temperature: t)
    }

    public mutating func sweep(_ order: UnsafeBufferPointer<Int>, temperature t: Double, rng: inout Xoshiro256) -> Int {
        var changed = 0
        for k in order where update(k, temperature: t, rng: &rng).flipped { changed += 1 }
        return changed
    }

    public mutating func synchronousStep(temperature t: Double, rng: inout Xoshiro256) -> Int {
        let next = (0..<count).map { k in
            let gap = energyGap(k)
            return t <= 0 ? ZeroTemperatureRule.next(state[k], gap: gap, units: units)
                : units.value(rng.nextUnit() < HeatBath.probabilityUp(gap: gap, temperature: t))
        }
        var changed = 0
        for k in 0..<count where next[k] != state[k] {
            changed += 1
            set(k, to: next[k])
        }
        return changed
    }

    public func isUnstable(_ k: Int) -> Bool { ZeroTemperatureRule.changes(isUp: isUp(k), gap: energyGap(k)) }

    /// True when no unit would change under the T = 0 rule (ties leave a unit as it is).
    public var isFixedPoint: Bool {
        for k in 0..<count where isUnstable(k) { return false }
        return true
    }

    /// m_μ = (1/N) Σ_i ξ_i^μ σ_i with σ_i = ±1 the unit's up/down value (two-state units; a continuous model
    /// overrides this with its own σ_i).
    public func overlaps(with patterns: [StoredPattern]) -> [Double] {
        Overlaps.overlaps(of: upFlags, with: patterns)
    }
}
