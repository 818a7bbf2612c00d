import ArgumentParser
import EnergyModels

struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Gibbs-sample a model at temperature T; print one line of 1/0 per sweep.",
        discussion: "Each line is the state after one sweep of heat-bath updates, '1' for up and '0' for down, after the burn-in sweeps. The start state is random (from the seed).")

    @Option(name: .long, help: ArgumentHelp("A model file written by `hopfield store`.", valueName: "file"))
    var model: String

    @Option(name: .long, help: "Temperature T ≥ 0.")
    var temperature: Double

    @Option(name: .long, help: "Number of samples (sweeps) to print.")
    var sweeps: Int

    @Option(name: .long, help: "Sweeps to run and discard first.")
    var burnIn: Int = 0

    @Option(name: .long, help: "Update schedule: random, sequential or sync.")
    var schedule: UpdateSchedule = .random

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    func validate() throws {
        try checkTemperature(temperature)
        guard sweeps >= 0, sweeps <= 100_000_000 else { throw ValidationError("--sweeps must be from 0 to 100000000") }
        guard burnIn >= 0, burnIn <= 100_000_000 else { throw ValidationError("--burn-in must be from 0 to 100000000") }
    }

    func run() throws {
        let file: NetworkModelFile
        do { file = try NetworkModelFile.read(path: model) } catch let e as ModelFileError { throw CLIError(e.description) }
        var net = file.makeNetwork()
        var rng = Xoshiro256(seed: seed, stream: 1)
        net.setState(up: (0..<net.count).map { _ in rng.next() & 1 == 1 })
        var sim = Simulation(network: net, temperature: temperature, schedule: schedule, seed: seed)
        for _ in 0..<burnIn { sim.sweep() }
        var out = OutputBuffer()
        for _ in 0..<sweeps {
            sim.sweep()
            out.write(stateString(sim.network.upFlags) + "\n")
        }
        out.flush()
    }
}
