/// How a unit's two states are written as numbers.
///
/// Both conventions use the same energy E(s) = -1/2 Σ_{i≠j} w_ij s_i s_j - Σ_i b_i s_i; they differ only
/// in the values a unit takes, and so in the heat-bath probabilities (σ(2h/T) for spins, σ(h/T) for binary).
public enum UnitConvention: String, Sendable, Codable, CaseIterable {
    /// s ∈ {-1, +1}.
    case spin
    /// s ∈ {0, 1}.
    case binary

    /// The value of an active ("up") unit.
    @inlinable public var up: Double { 1 }
    /// The value of an inactive ("down") unit: -1 for spins, 0 for binary units.
    @inlinable public var down: Double { self == .spin ? -1 : 0 }

    /// The unit value for an up/down flag.
    public func value(_ isUp: Bool) -> Double { isUp ? up : down }
}

/// The order in which units are updated.
public enum UpdateSchedule: String, Sendable, Codable, CaseIterable {
    /// Asynchronous: one unit at a time, a fresh random permutation of all units each sweep.
    case random
    /// Asynchronous: units 0, 1, …, N-1 in turn.
    case sequential
    /// Synchronous: every unit computes its new state from the same old state, then all change at once.
    /// Unlike asynchronous dynamics this does not always descend in energy and can settle in a 2-cycle.
    case synchronous = "sync"

    /// Accepts the raw names and the long form `synchronous`.
    public init?(name: String) {
        switch name.lowercased() {
        case "random", "async", "asynchronous": self = .random
        case "sequential", "seq": self = .sequential
        case "sync", "synchronous": self = .synchronous
        default: return nil
        }
    }
}

/// A rule that turns ±1 patterns into couplings.
public enum LearningRule: String, Sendable, Codable, CaseIterable {
    /// Hebb: w_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ, zero diagonal. Capacity about 0.138 N for random patterns.
    case hebb
    /// Storkey (1997): incremental, local, and with a higher capacity than Hebb (about N / √(2 ln N)).
    case storkey
    /// Pseudo-inverse (projection): W projects onto the span of the patterns, so every linearly
    /// independent set, however correlated, is stored exactly (diagonal then removed).
    case pinv

    public var displayName: String {
        switch self {
        case .hebb: "Hebbian"
        case .storkey: "Storkey"
        case .pinv: "pseudo-inverse"
        }
    }
}
