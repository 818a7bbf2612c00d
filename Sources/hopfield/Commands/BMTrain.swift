import ArgumentParser
import EnergyModels
import Foundation
import Patterns

/// `hopfield bm train`: Boltzmann learning with hidden units on a pattern set.
struct BMTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a Boltzmann machine with hidden units on a pattern set by the positive/negative phase rule.",
        discussion: """
        Each pattern of FILE (a pattern file, directory or built-in set) is one training vector over the visible \
        units. When visible + hidden ≤ 20 the mean log-likelihood of the data (nats, at the statistics \
        temperature) is computed exactly by enumerating all states, at the start and every --eval-every cycles; \
        the best any model can reach is the log-likelihood of the data's own frequencies. The model file has \
        kind "boltzmann", units "binary" and a "visible" count; its weights and biases are divided by the \
        statistics temperature, so the file's network at T = 1 is the learned distribution.
        """)

    @Option(name: .long, help: ArgumentHelp("Pattern file, directory or built-in set.", valueName: "file"), completion: .patternSets)
    var data: String

    @Option(name: .long, help: "Hidden units.")
    var hidden: Int

    @Option(name: .long, help: "Connections: full (every pair) or bipartite (visible–hidden only).")
    var connectivity: String = "full"

    @Option(name: .long, help: "Learning cycles.")
    var cycles: Int = 200

    @Option(name: .long, help: "Evaluate every this many cycles (default: cycles/10).")
    var evalEvery: Int?

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Write the learned model here.", valueName: "model"))
    var output: String?

    @OptionGroup var learning: BMLearningOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    static let maxExactUnits = 20

    func validate() throws {
        guard hidden >= 0, hidden <= 4096 else { throw ValidationError("--hidden must be from 0 to 4096, found \(hidden)") }
        guard connectivity == "full" || connectivity == "bipartite" else {
            throw ValidationError("--connectivity must be 'full' or 'bipartite', found '\(Sanitize.terminal(String(connectivity.prefix(60))))'")
        }
        guard cycles >= 0, cycles <= 10_000_000 else { throw ValidationError("--cycles must be from 0 to 10000000, found \(cycles)") }
        if let e = evalEvery { guard e >= 1 else { throw ValidationError("--eval-every must be ≥ 1, found \(e)") } }
    }

    func run() throws {
        let options = try learning.makeOptions()
        if let output {
            // Fail before training, not after it, when the model cannot be written there.
            let dir = (output as NSString).deletingLastPathComponent
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir.isEmpty ? "." : dir, isDirectory: &isDir), isDir.boolValue else {
                throw CLIError("--output: no such directory: \(Sanitize.terminal(dir))")
            }
        }
        let set = try loadPatternSet(data)
        guard !set.patterns.isEmpty else { throw CLIError("\(Sanitize.terminal(data)): no patterns to train on") }
        let v = set.unitCount
        guard v >= 1, v + hidden <= 4096 else { throw CLIError("visible + hidden units must be from 1 to 4096, found \(v + hidden)") }
        let vectors = set.patterns.map(\.bits)
        let graph: BoltzmannConnectivity = connectivity == "bipartite"
            ? .bipartite(visible: v, hidden: hidden) : .full(count: v + hidden)
        let machine = BoltzmannMachine(connectivity: graph, visible: v)
        var trainer = BoltzmannTrainer(machine: machine, data: vectors, options: options, rng: Xoshiro256(seed: seed, stream: 0))
        let t = options.schedule.statisticsTemperature
        let exact = v + hidden <= Self.maxExactUnits
        let every = evalEvery ?? max(1, cycles / 10)

        var evaluations: [(cycle: Int, logLikelihood: Double)] = []
        func evaluate() {
            if exact { evaluations.append((trainer.cycles, BoltzmannExact.logLikelihood(trainer.machine, data: vectors, temperature: t))) }
        }
        evaluate()
        for c in 1...max(1, cycles) where cycles > 0 {
            trainer.cycle()
            if c % every == 0 || c == cycles { evaluate() }
        }
        if evaluations.count >= 2 && evaluations[evaluations.count - 2].cycle == evaluations[evaluations.count - 1].cycle { evaluations.removeLast() }

        // The best possible mean log-likelihood: that of the data's empirical distribution.
        var counts: [[Bool]: Int] = [:]
        for x in vectors { counts[x, default: 0] += 1 }
        let nData = Double(vectors.count)
        let best = vectors.reduce(0.0) { $0 + log(Double(counts[$1] ?? 1) / nData) } / nData

        if let output {
            do { try trainer.machine.modelFile(temperature: t).write(to: output) } catch {
                throw CLIError(Sanitize.terminal("\(error)"))
            }
        }

        var out = OutputBuffer(handle: reportHandle(output: output))
        if json {
            struct Evaluation: Encodable { var cycle: Int, logLikelihood: Double }
            struct Report: Encodable {
                var visible: Int, hidden: Int, connectivity: String, patterns: Int, cycles: Int, method: String, temperature: Double
                var exact: Bool, evaluations: [Evaluation], bestPossibleLogLikelihood: Double, largestWeight: Double
                var model: String?
            }
            out.write(try jsonText(Report(visible: v, hidden: hidden, connectivity: graph.name, patterns: vectors.count, cycles: cycles,
                                          method: options.method.rawValue, temperature: t, exact: exact,
                                          evaluations: evaluations.map { Evaluation(cycle: $0.cycle, logLikelihood: $0.logLikelihood) },
                                          bestPossibleLogLikelihood: best, largestWeight: trainer.machine.largestWeight, model: output)) + "\n")
        } else {
            out.write("Boltzmann machine: \(v) visible + \(hidden) hidden units, \(graph.name) connections (\(graph.connectionCount) weights + \(v + hidden) biases), \(vectors.count) training vectors\n")
            out.write("\(options.summaryLine)\n")
            out.write("schedule \(options.schedule.summary)\n\n")
            if exact {
                out.write("  cycle  mean log-likelihood (nats, exact, T = \(JSONNumber.format(t)))\n")
                for e in evaluations { out.write(String(repeating: " ", count: max(0, 7 - String(e.cycle).count)) + "\(e.cycle)  \(String(format: "%.4f", e.logLikelihood))\n") }
                out.write("\nbest possible (the data's own frequencies): \(String(format: "%.4f", best))\n")
            } else {
                out.write("\(cycles) cycles run; exact log-likelihood skipped (visible + hidden = \(v + hidden) > \(Self.maxExactUnits))\n")
            }
            out.write("largest |weight| \(JSONNumber.format(trainer.machine.largestWeight))\(output.map { "; model written to \(Sanitize.terminal($0))" } ?? "")\n")
        }
        out.flush()
    }
}
