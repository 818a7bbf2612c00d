import Foundation

/// Work owed to the wall clock. Each frame adds `rate × elapsed` units, capped at a quarter second's
/// worth (at least one unit), so a machine that cannot keep up runs slower instead of falling ever
/// further behind; the view then takes the work in units of its cost. Depends only on the elapsed times
/// it is given, so a recorded session replays exactly.
public struct FrameBudget: Sendable, Equatable {
    public static let maxBacklog = 0.25
    public private(set) var owed = 0.0

    public init() {}

    public mutating func accrue(rate: Double, elapsed: Double) {
        owed = min(owed + rate * max(0, elapsed), max(1, rate * Self.maxBacklog))
    }

    /// Takes `cost` units if that much is owed.
    public mutating func take(_ cost: Double = 1) -> Bool {
        guard owed >= cost else { return false }
        owed -= cost
        return true
    }

    public mutating func reset() { owed = 0 }
}

/// Speeds on a 1-2-5 ladder (per second of wall-clock time), stepped by the `[` and `]` keys.
public struct SpeedLadder: Sendable, Equatable {
    public let levels: [Double]
    public private(set) var index: Int

    /// `levels` must be increasing and non-empty; `index` is clamped to them.
    public init(levels: [Double], index: Int) {
        self.levels = levels.isEmpty ? [1] : levels
        self.index = min(max(0, index), self.levels.count - 1)
    }

    /// The ladder from `low` up to `high`, at the fastest level not above `start` (the slowest if all are).
    public init(from low: Double = 1, upTo high: Double, atMost start: Double) {
        let levels = SpeedLadder.oneTwoFive(from: low, upTo: high)
        self.init(levels: levels, index: levels.lastIndex(where: { $0 <= start }) ?? 0)
    }

    /// 1, 2, 5, 10, 20, 50, … from `low` to `high` (both included when on the ladder).
    public static func oneTwoFive(from low: Double = 1, upTo high: Double) -> [Double] {
        var out: [Double] = []
        var decade = 1.0
        while decade / 10 >= low { decade /= 10 }
        while decade <= high {
            for m in [1.0, 2, 5] where m * decade >= low && m * decade <= high { out.append(m * decade) }
            decade *= 10
        }
        return out
    }

    /// The index of the level nearest `rate` on a log scale (ties: the lower level).
    public static func nearest(_ rate: Double, in levels: [Double]) -> Int {
        guard rate > 0 else { return 0 }
        var best = 0
        for k in levels.indices where abs(log(levels[k] / rate)) < abs(log(levels[best] / rate)) { best = k }
        return best
    }

    public var rate: Double { levels[index] }

    public mutating func faster() { index = min(levels.count - 1, index + 1) }
    public mutating func slower() { index = max(0, index - 1) }
    public mutating func select(_ k: Int) { index = min(max(0, k), levels.count - 1) }
}
