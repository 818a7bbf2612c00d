/// The pacing controls every live view shares: space runs or pauses, `[` and `]` step the speed ladder.
/// Only the wording of the status line differs between views.
protocol PacedView: LiveViewState {
    var budget: FrameBudget { get set }
    var speed: SpeedLadder { get set }
    /// The status line after a speed change, e.g. "speed 200 updates/s".
    var speedMessage: String { get }
}

extension PacedView {
    /// Runs or pauses; the work owed is dropped so that resuming does not jump ahead.
    mutating func toggleRunning(runningMessage: String = "running") {
        running.toggle()
        budget.reset()
        message = running ? runningMessage : "paused"
    }

    /// One rung of the speed ladder up (`faster`) or down, and says the new speed.
    mutating func changeSpeed(faster: Bool) {
        if faster { speed.faster() } else { speed.slower() }
        message = speedMessage
    }
}
