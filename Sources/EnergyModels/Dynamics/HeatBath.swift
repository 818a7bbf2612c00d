import Foundation

/// The logistic function σ(x) = 1 / (1 + e^(-x)), evaluated without overflow for any x (±∞ included).
@inlinable
public func logistic(_ x: Double) -> Double {
    if x >= 0 {
        return 1 / (1 + exp(-x))
    }
    let e = exp(x)
    return e / (1 + e)
}

/// One single-unit update, with everything the explain panel shows.
public struct UnitUpdate: Sendable, Equatable {
    /// The unit updated.
    public var unit: Int
    /// Its local field h_i when it was updated.
    public var field: Double
    public var oldValue: Double
    public var newValue: Double
    /// E(after) - E(before) = -(new - old) h_i.
    public var deltaEnergy: Double
    /// The probability with which the new value was drawn (1 at T = 0, except 1 for a tie too).
    public var probability: Double
    /// The temperature used.
    public var temperature: Double

    public var flipped: Bool { oldValue != newValue }

    public init(unit: Int, field: Double, oldValue: Double, newValue: Double, deltaEnergy: Double, probability: Double, temperature: Double) {
        self.unit = unit
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.deltaEnergy = deltaEnergy
        self.probability = probability
        self.temperature = temperature
    }
}

extension EnergyNetwork {
    /// P(unit i is up | the others) at temperature T > 0 under P(s) ∝ exp(-E(s)/T):
    /// σ(2 h_i / T) for spins (the two states differ by 2 in s_i), σ(h_i / T) for binary units.
    /// At T = 0 the limit: 1, 0, or 1/2 on a tie. Safe for T → 0 and T → ∞.

    public func probabilityUp(_ i: Int, temperature t: Double) -> Double {
        Self.probabilityUp(field: field(i), units: units, temperature: t)
    }


    public static func probabilityUp(field h: Double, units: UnitConvention, temperature t: Double) -> Double {
        let gap = units == .spin ? 2 * h : h
        if t <= 0 || !t.isFinite && t < 0 {
            return gap > 0 ? 1 : (gap < 0 ? 0 : 0.5)
        }
        if t == .infinity { return 0.5 }
        return logistic(gap / t)
    }

    /// Updates unit i: at T = 0 the Hopfield rule (s_i ← sign(h_i), a tie h_i = 0 leaves it unchanged);
    /// at T > 0 a heat-bath draw from its exact conditional. Returns what happened.

    @inline(__always)
    public mutating func update(_ i: Int, temperature t: Double, rng: inout Xoshiro256) -> UnitUpdate {
        let raw = trackedUnscaledField(i)
        let h = hotScale * raw
        let old = state[i]
        var new = old
        var probability = 1.0
        if t <= 0 {
            // The sign of the unscaled field is exact for integer (Hebbian) couplings.
            if raw > 0 { new = units.up } else if raw < 0 { new = units.down }
        } else {
            let pUp = Self.probabilityUp(field: h, units: units, temperature: t)
            let up = rng.nextUnit() < pUp
            new = up ? units.up : units.down
            probability = up ? pUp : 1 - pUp
        }
        if new != old { set(i, to: new) }
        return UnitUpdate(unit: i, field: h, oldValue: old, newValue: new,
                          deltaEnergy: -(new - old) * h, probability: probability, temperature: t)
    }

    /// The heat-bath decision of `update(_:temperature:rng:)` for T > 0, given the uniform draw u ∈ [0, 1):
    /// whether u < P(up). The result is the same as comparing with `probabilityUp`, but the exponential is
    /// skipped when a cheap bound already decides: with a = |x|, x = gap / T, the minority probability
    /// σ(-a) = 1 / (1 + e^a) is at most q = 1 / D, D = 2 + a + a²/2 + a³/6, because e^a ≥ 1 + a + a²/2 + a³/6.
    /// So for x ≥ 0 any u ≤ 1 - q - 2e-12 is "up", tested as (1 - u - 2e-12) · D ≥ 1, and for x < 0 any
    /// u ≥ q + 2e-12 is "down", tested as (u - 2e-12) · D ≥ 1: no division. a is computed as |gap| · (1/T); the
    /// relative rounding of a, D and the products (a few 1e-16) is far inside the 2e-12 margin, so a decided
    /// draw never differs from the exact comparison with σ(gap / T).
    @inline(__always)
    static func drawsUp(_ u: Double, field h: Double, units: UnitConvention, temperature t: Double, inverseTemperature beta: Double) -> Bool {
        if t == .infinity { return u < 0.5 }
        let gap = units == .spin ? 2 * h : h
        let a = abs(gap) * beta
        let d = 2 + a * (1 + a * (0.5 + a * (1.0 / 6)))
        if gap >= 0 {
            if (1 - u - 2e-12) * d >= 1 { return true }
        } else if (u - 2e-12) * d >= 1 {
            return false
        }
        return u < logistic(gap / t)
    }

    /// As `drawsUp(_:field:units:temperature:inverseTemperature:)` with 1/T computed here.
    static func drawsUp(_ u: Double, field h: Double, units: UnitConvention, temperature t: Double) -> Bool {
        drawsUp(u, field: h, units: units, temperature: t, inverseTemperature: 1 / t)
    }

    /// `update(_:temperature:rng:)` reduced to its effect: the same decision and random draws, returning only
    /// whether the unit changed. For the whole-sweep loop of `Simulation`, where T > 0 is finite or +∞, never NaN.
    @inline(__always)
    /// `beta` is 1/T, computed once by the caller.
    internal mutating func updateUnit(_ i: Int, temperature t: Double, inverseTemperature beta: Double, rng: inout Xoshiro256) -> Bool {
        let raw = trackedUnscaledField(i)
        let old = state[i]
        var new = old
        if t <= 0 {
            if raw > 0 { new = units.up } else if raw < 0 { new = units.down }
        } else {
            new = Self.drawsUp(rng.nextUnit(), field: hotScale * raw, units: units, temperature: t, inverseTemperature: beta)
                ? units.up : units.down
        }
        if new == old { return false }
        set(i, to: new)
        return true
    }

    /// One synchronous step: every unit's new value is computed from the same old state, then all change.
    /// Returns the number of units that changed.
    @discardableResult
    public mutating func synchronousStep(temperature t: Double, rng: inout Xoshiro256, scratch: inout [Double]) -> Int {
        if scratch.count != count { scratch = [Double](repeating: 0, count: count) }
        for i in 0..<count {
            let raw = unscaledField(i)
            let h = hotScale * raw
            if t <= 0 {
                scratch[i] = raw > 0 ? units.up : (raw < 0 ? units.down : state[i])
            } else {
                scratch[i] = rng.nextUnit() < Self.probabilityUp(field: h, units: units, temperature: t) ? units.up : units.down
            }
        }
        var changed = 0
        for i in 0..<count where scratch[i] != state[i] {
            changed += 1
            set(i, to: scratch[i])
        }
        return changed
    }
}
