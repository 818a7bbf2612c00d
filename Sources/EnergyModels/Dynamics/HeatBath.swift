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

/// Heat-bath (Gibbs) sampling of one two-state unit: P(up | rest) = σ(g / T) for its energy gap g
/// (`EnergyModel.energyGap`), the exact conditional of P(s) ∝ exp(−E(s)/T).
public enum HeatBath {
    /// σ(g / T) for T > 0; at T = 0 the limit: 1, 0, or 1/2 on a tie. Safe for T → 0 and T → ∞.
    public static func probabilityUp(gap: Double, temperature t: Double) -> Double {
        if t <= 0 { return gap > 0 ? 1 : (gap < 0 ? 0 : 0.5) }
        if t == .infinity { return 0.5 }
        return logistic(gap / t)
    }

    /// Whether a draw u ∈ [0, 1) sets the unit up: u < σ(g / T), the exponential skipped when a cheap bound
    /// already decides. With a = |x|, x = g / T, the minority probability σ(−a) = 1 / (1 + e^a) is at most
    /// q = 1 / D, D = 2 + a + a²/2 + a³/6, because e^a ≥ 1 + a + a²/2 + a³/6. So for x ≥ 0 any u ≤ 1 − q − 2e-12
    /// is "up", tested as (1 − u − 2e-12) · D ≥ 1, and for x < 0 any u ≥ q + 2e-12 is "down", tested as
    /// (u − 2e-12) · D ≥ 1: no division. a is computed as |g| · (1/T); the relative rounding of a, D and the
    /// products (a few 1e-16) is far inside the 2e-12 margin, so a decided draw never differs from the exact
    /// comparison. Preconditions: T > 0 (finite or +∞), `beta` = 1/T.
    @inline(__always)
    public static func drawsUp(_ u: Double, gap: Double, temperature t: Double, inverseTemperature beta: Double) -> Bool {
        if t == .infinity { return u < 0.5 }
        let a = abs(gap) * beta
        let d = 2 + a * (1 + a * (0.5 + a * (1.0 / 6)))
        if gap >= 0 {
            if (1 - u - 2e-12) * d >= 1 { return true }
        } else if (u - 2e-12) * d >= 1 {
            return false
        }
        return u < logistic(gap / t)
    }
}

extension UnitConvention {
    /// up − down: the energy gap of the pairwise network is this times the local field (2 h for spins, h for
    /// binary units).
    @inline(__always)
    public var step: Double { self == .spin ? 2 : 1 }
}

extension EnergyNetwork {
    /// P(up | the others) for a unit with local field h at temperature T: σ(2h/T) for spins, σ(h/T) for binary
    /// units (`HeatBath.probabilityUp` of the gap (up − down) h).
    public static func probabilityUp(field h: Double, units: UnitConvention, temperature t: Double) -> Double {
        HeatBath.probabilityUp(gap: units.step * h, temperature: t)
    }

    /// `HeatBath.drawsUp` for a unit with local field h, 1/T computed here.
    static func drawsUp(_ u: Double, field h: Double, units: UnitConvention, temperature t: Double) -> Bool {
        HeatBath.drawsUp(u, gap: units.step * h, temperature: t, inverseTemperature: 1 / t)
    }

    /// g_k = (up − down) h_k = (up − down) · scale · (the exact unscaled field): its sign is exact.
    public func energyGap(_ k: Int) -> Double { units.step * field(k) }

    /// Updates unit i from its exact field, refreshing its cached field where the storage keeps one: the gap
    /// (up − down) · scale · (unscaled field) has the exact field's sign, since both factors are positive.
    @inline(__always)
    public mutating func update(_ i: Int, temperature t: Double, rng: inout Xoshiro256) -> UnitUpdate {
        update(i, gap: units.step * (scale * trackedUnscaledField(i)), temperature: t, rng: &rng)
    }
}
