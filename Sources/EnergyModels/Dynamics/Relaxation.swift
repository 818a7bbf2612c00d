import Foundation

/// How a run ended.
public enum RunOutcome: String, Sendable, Codable {
    /// A fixed point equal to a stored pattern.
    case stored
    /// A fixed point equal to the mirror image of a stored pattern.
    case inverted
    /// A fixed point that is neither.
    case spurious
    /// Synchronous dynamics alternating between two states.
    case cycle
    /// No fixed point within the sweep budget (always the case at T > 0, where the state keeps fluctuating).
    case unconverged
}

/// The result of running the dynamics until they settle.
public struct RelaxationResult: Sendable {
    public var converged: Bool
    public var sweeps: Int
    /// E after 0, 1, 2, … sweeps.
    public var energyTrace: [Double]
    public var outcome: RunOutcome
    /// The stored pattern matched (stored or inverted), as an index into the patterns passed in.
    public var patternIndex: Int?
}

extension Simulation {
    /// Runs whole sweeps until a fixed point (T = 0: a sweep in which no unit changes), a 2-cycle
    /// (synchronous schedule: the state equals the one two steps back but not the last), or `maxSweeps`.
    /// At T > 0 all `maxSweeps` sweeps are run and the outcome is `unconverged`.
    public mutating func relax(maxSweeps: Int, patterns: [StoredPattern]) -> RelaxationResult {
        var trace = [network.energy]
        var twoBack: [Double]? = nil
        var oneBack = network.state
        var done = 0
        var outcome: RunOutcome = .unconverged
        var converged = false
        while done < maxSweeps {
            let changed = sweep()
            done += 1
            trace.append(network.energy)
            if temperature > 0 { continue }
            if changed == 0 {
                converged = true
                break
            }
            if isSynchronous {
                if let twoBack, twoBack == network.state {
                    outcome = .cycle
                    break
                }
                twoBack = oneBack
                oneBack = network.state
            }
        }
        var index: Int? = nil
        if converged {
            let (cls, k) = Overlaps.classify(network.overlaps(with: patterns))
            index = k
            switch cls {
            case .stored: outcome = .stored
            case .inverted: outcome = .inverted
            case .spurious: outcome = .spurious
            }
        }
        return RelaxationResult(converged: converged, sweeps: done, energyTrace: trace, outcome: outcome, patternIndex: index)
    }
}

/// Geometric cooling from `start` to `end` over `sweeps` sweeps: T_k = start · (end/start)^(k/(sweeps-1)).
public struct AnnealingSchedule: Sendable, Equatable, Codable {
    public var start: Double
    public var end: Double
    public var sweeps: Int

    /// Preconditions: start > 0, end > 0, sweeps ≥ 1.
    public init(start: Double, end: Double, sweeps: Int) {
        precondition(start > 0 && end > 0 && sweeps >= 1, "geometric cooling needs positive temperatures")
        self.start = start
        self.end = end
        self.sweeps = sweeps
    }

    /// The temperature for sweep k (0-based); after the last sweep it stays at `end`.
    public func temperature(atSweep k: Int) -> Double {
        if sweeps <= 1 || k >= sweeps - 1 { return k <= 0 && sweeps > 1 ? start : end }
        if k <= 0 { return start }
        let ratio = end / start
        return start * pow(ratio, Double(k) / Double(sweeps - 1))
    }

    /// The factor by which T is multiplied from one sweep to the next.
    public var factorPerSweep: Double {
        sweeps <= 1 ? 1 : pow(end / start, 1 / Double(sweeps - 1))
    }
}

