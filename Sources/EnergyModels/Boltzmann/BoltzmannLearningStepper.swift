/// Boltzmann learning one sweep at a time, for views that show the phases alternating and the
/// temperature falling. Stepping through a cycle draws exactly the random numbers `BoltzmannTrainer.cycle()`
/// draws, in the same order, so a stepped run and a headless run with the same seed learn the same weights.
public struct BoltzmannLearningStepper: Sendable {
    public private(set) var trainer: BoltzmannTrainer
    /// The annealing in progress (nil between cycles, before the first sweep of the next one).
    public private(set) var run: BoltzmannAnnealingRun?
    /// Statistics of the current cycle so far.
    public private(set) var positive: BoltzmannStatistics
    public private(set) var negative: BoltzmannStatistics
    /// Sweeps done in total.
    public private(set) var sweeps = 0

    /// What a step did.
    public enum Event: Sendable, Equatable {
        /// One sweep inside an annealing.
        case sweep
        /// The sweep ended an annealing of this phase.
        case annealingFinished(BoltzmannPhase)
        /// The sweep ended the cycle: the weights have just changed.
        case cycleFinished
    }

    public init(trainer: BoltzmannTrainer) {
        self.trainer = trainer
        positive = BoltzmannStatistics(count: trainer.machine.count)
        negative = BoltzmannStatistics(count: trainer.machine.count)
    }

    public var machine: BoltzmannMachine { trainer.machine }
    public var cycles: Int { trainer.cycles }
    /// The phase in progress (positive between cycles).
    public var phase: BoltzmannPhase { run?.phase ?? .positive }

    /// Runs one sweep, starting the next annealing (or phase, or cycle) first if needed.
    public mutating func step() -> Event {
        if run == nil { run = trainer.beginAnnealing(.positive, job: 0) }
        guard var r = run else { return .sweep }
        run = nil
        if r.phase == .positive { trainer.advance(&r, into: &positive) } else { trainer.advance(&r, into: &negative) }
        sweeps += 1
        guard r.isFinished else {
            run = r
            return .sweep
        }
        trainer.finish(r)
        let next = r.job + 1
        if next < trainer.annealingCount(r.phase) {
            run = trainer.beginAnnealing(r.phase, job: next)
            return .annealingFinished(r.phase)
        }
        if r.phase == .positive {
            run = trainer.beginAnnealing(.negative, job: 0)
            return .annealingFinished(.positive)
        }
        trainer.completeCycle(positive: positive, negative: negative)
        positive = BoltzmannStatistics(count: trainer.machine.count)
        negative = BoltzmannStatistics(count: trainer.machine.count)
        return .cycleFinished
    }
}
