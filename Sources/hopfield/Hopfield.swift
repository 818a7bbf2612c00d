import ArgumentParser

@main
struct Hopfield: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hopfield",
        abstract: "Watch energy-based neural networks think: Hopfield networks, Boltzmann machines and RBMs.",
        discussion: """
        Without a subcommand, hopfield opens the live view (`tui`). Its options (--patterns, --rule, \
        --temperature, --seed, --theme, --fps, --ascii, --unicode, --no-color, --record, …) are listed by \
        `hopfield help tui`; inside the view, ? or F1 shows every key.
        """,
        version: "0.1.0",
        subcommands: [
            // One line per command group; keep this list in the order `hopfield --help` should show.
            Tui.self,
            Store.self,
            Run.self,
            Sample.self,
            Capacity.self,
            PhaseDiagram.self,
            PatternsCommand.self,
            LessonCommand.self,
            Replay.self,
            Snapshot.self,
            Lecture.self,
            RBMCommand.self,
            BM.self,
            Bench.self,
            GenerateManual.self,
        ],
        defaultSubcommand: Tui.self
    )
}
