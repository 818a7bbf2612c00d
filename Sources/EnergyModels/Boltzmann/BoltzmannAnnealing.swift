/// An annealing schedule for one Boltzmann-machine phase: stages of (temperature, sweeps) run in order,
/// then `statisticsSweeps` further sweeps at `statisticsTemperature` after each of which the
/// co-occurrences ⟨s_i s_j⟩ are recorded.
///
/// A sweep updates every free unit once, in a fresh random order. (Ackley, Hinton and Sejnowski count
/// time in units in which each unit has on average one chance to change; a random permutation gives
/// each unit exactly one.)
public struct BoltzmannAnnealing: Sendable, Equatable {
    public struct Stage: Sendable, Equatable {
        public var temperature: Double
        public var sweeps: Int
        public init(temperature: Double, sweeps: Int) {
            self.temperature = temperature
            self.sweeps = sweeps
        }
    }

    public var stages: [Stage]
    public var statisticsTemperature: Double
    public var statisticsSweeps: Int

    /// Preconditions: every temperature finite and > 0, sweeps ≥ 0, statisticsSweeps ≥ 1.
    public init(stages: [Stage], statisticsTemperature: Double, statisticsSweeps: Int) {
        precondition(statisticsTemperature > 0 && statisticsTemperature.isFinite, "temperatures must be finite and > 0")
        precondition(statisticsSweeps >= 1, "at least one statistics sweep")
        precondition(stages.allSatisfy { $0.temperature > 0 && $0.temperature.isFinite && $0.sweeps >= 0 }, "bad stage")
        self.stages = stages
        self.statisticsTemperature = statisticsTemperature
        self.statisticsSweeps = statisticsSweeps
    }

    /// The 4-2-4 encoder schedule of Ackley, Hinton and Sejnowski (1985): 2 sweeps at T = 20, 2 at 15,
    /// 2 at 12 and 4 at 10, then statistics over 10 sweeps at T = 10.
    public static let ackley1985 = BoltzmannAnnealing(
        stages: [Stage(temperature: 20, sweeps: 2), Stage(temperature: 15, sweeps: 2),
                 Stage(temperature: 12, sweeps: 2), Stage(temperature: 10, sweeps: 4)],
        statisticsTemperature: 10, statisticsSweeps: 10)

    /// Sweeps per annealing, statistics sweeps included.
    public var totalSweeps: Int { stages.reduce(0) { $0 + $1.sweeps } + statisticsSweeps }

    /// The temperature of sweep k (0-based) of one annealing, statistics sweeps included.
    public func temperature(atSweep k: Int) -> Double {
        var left = k
        for stage in stages {
            if left < stage.sweeps { return stage.temperature }
            left -= stage.sweeps
        }
        return statisticsTemperature
    }

    /// Parses `T:sweeps,T:sweeps,…` (for example `20:2,15:2,12:2,10:4`); or the reason it is not one.
    public static func parseStages(_ text: String) -> Result<[Stage], ScheduleParseError> {
        var out: [Stage] = []
        for (k, part) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count == 2,
                  let t = Double(trimmed(fields[0])),
                  let n = Int(trimmed(fields[1])) else {
                return .failure(ScheduleParseError(message: "stage \(k + 1) \"\(part)\" is not TEMPERATURE:SWEEPS"))
            }
            guard t.isFinite, t > 0 else { return .failure(ScheduleParseError(message: "stage \(k + 1): temperature must be finite and > 0, found \(t)")) }
            guard n >= 0, n <= 1_000_000 else { return .failure(ScheduleParseError(message: "stage \(k + 1): sweeps must be from 0 to 1000000, found \(n)")) }
            out.append(Stage(temperature: t, sweeps: n))
        }
        return .success(out)
    }

    private static func trimmed(_ s: Substring) -> String {
        var t = s
        while let f = t.first, f == " " || f == "\t" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\t" { t = t.dropLast() }
        return String(t)
    }

    /// A text form `20:2,15:2,12:2,10:4 then 10 sweeps at 10`.
    public var summary: String {
        stages.map { "\(JSONNumber.format($0.temperature)):\($0.sweeps)" }.joined(separator: ",")
            + " then \(statisticsSweeps) sweeps at \(JSONNumber.format(statisticsTemperature))"
    }
}

public struct ScheduleParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
