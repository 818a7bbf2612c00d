import ArgumentParser

/// `hopfield bm …`: Boltzmann machines with hidden units, learned by the positive/negative phase rule.
struct BM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bm",
        abstract: "Boltzmann machine learning with hidden units (Ackley, Hinton and Sejnowski, 1985).",
        subcommands: [BMEncoder.self, BMTrain.self, BMLive.self]
    )
}
