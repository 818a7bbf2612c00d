import ArgumentParser
import EnergyModels
import Foundation

/// `hopfield bm encoder`: independent learning runs of the v-h-v encoder, in parallel.
struct BMEncoder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encoder",
        abstract: "Learn the v-h-v encoder problem of Ackley, Hinton and Sejnowski (1985) in K independent runs.",
        discussion: """
        Two groups V1 and V2 of v visible units are joined only through h hidden units; the environment is the v \
        vectors with unit k on in both groups. A run learns until the problem is solved — with V1 clamped to each \
        input, the lowest-energy state of the hidden units and V2 gives v distinct hidden codes and the right \
        output on V2 — checked after every learning cycle, or until --max-cycles. Runs are independent and use \
        all cores; run k draws its random numbers from stream k of --seed, so results do not depend on the \
        number of cores. The median counts unsolved runs as slower than any solved one (null if fewer than \
        half are solved).
        """)

    @Option(name: .long, help: "Units per visible group (v).")
    var size: Int = 4

    @Option(name: .long, help: "Hidden units (h).")
    var hidden: Int = 2

    @Option(name: .long, help: "Independent learning runs (K).")
    var trials: Int = 10

    @Option(name: .long, help: "Learning cycles per run at most.")
    var maxCycles: Int = 1000

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Leave out the connections inside V1 and inside V2 (only V1–H and H–V2 remain).")
    var noWithinGroups = false

    @Flag(name: .long, help: "Connect the hidden units to each other.")
    var hiddenLinks = false

    @Flag(name: .long, help: "Input-output learning: keep V1 clamped in the negative phase too, so the machine learns P(H, V2 | V1) rather than the joint distribution.")
    var conditional = false

    @OptionGroup var learning: BMLearningOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func validate() throws {
        guard size >= 2, size <= 64 else { throw ValidationError("--size must be from 2 to 64, found \(size)") }
        guard hidden >= 1, hidden <= 16 else { throw ValidationError("--hidden must be from 1 to 16, found \(hidden)") }
        guard trials >= 1, trials <= 100_000 else { throw ValidationError("--trials must be from 1 to 100000, found \(trials)") }
        guard maxCycles >= 0, maxCycles <= 10_000_000 else { throw ValidationError("--max-cycles must be from 0 to 10000000, found \(maxCycles)") }
    }

    func run() throws {
        var options = try learning.makeOptions()
        if conditional { options.inputs = size }
        let problem = EncoderProblem(groupSize: size, hidden: hidden, withinGroups: !noWithinGroups, hiddenLinks: hiddenLinks)
        let results = EncoderExperiment.run(problem, options: options, trials: trials, maxCycles: maxCycles, seed: seed)
        let cycles = results.map(\.solvedAtCycle)
        let solved = cycles.compactMap { $0 }.count
        let median = EncoderExperiment.medianCycles(cycles)
        var out = OutputBuffer()
        if json {
            // null for a run that did not solve the problem, and for the median when fewer than half did.
            struct Report: Encodable {
                var size: Int, hidden: Int, trials: Int, solved: Int, cycles: [Int?], medianCycles: JSONNullable<Double>
            }
            out.write(try jsonText(Report(size: size, hidden: hidden, trials: trials, solved: solved, cycles: cycles, medianCycles: JSONNullable(median))) + "\n")
        } else {
            out.write("\(size)-\(hidden)-\(size) encoder: \(trials) runs of at most \(maxCycles) cycles, seed \(seed)\(conditional ? ", V1 clamped in both phases" : "")\n")
            out.write("\(options.summaryLine)\n")
            out.write("schedule \(options.schedule.summary); \(size * options.annealingsPerVector) positive and \(conditional ? size * options.annealingsPerVector : (options.negativeAnnealings ?? size * options.annealingsPerVector)) negative annealings per cycle\n")
            out.write("connections: V1–H, H–V2\(noWithinGroups ? "" : ", within V1, within V2")\(hiddenLinks ? ", within H" : ""); biases on every unit\n\n")
            out.write("  run  solved  cycles  |w|max  hidden codes (input 1..\(size))\n")
            for r in results {
                let codes = r.check.codes.map { String($0.map { $0 ? "1" : "0" }) }.joined(separator: " ")
                let cyc = r.solvedAtCycle.map(String.init) ?? "-"
                out.write(pad(String(r.trial + 1), 5) + "  " + padRight(r.solvedAtCycle != nil ? "yes" : "no", 6)
                          + pad(cyc, 8) + pad(r.largestWeight == r.largestWeight.rounded() ? JSONNumber.format(r.largestWeight) : String(format: "%.1f", r.largestWeight), 8) + "  " + codes + "\n")
            }
            let method = results.first?.check.exact == false ? " (answers found by annealing then T = 0 settling, not exactly)" : ""
            out.write("\nsolved \(solved)/\(trials); median cycles \(median.map(JSONNumber.format) ?? "n/a (fewer than half solved)")\(method)\n")
        }
        out.flush()
    }

    private func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
    private func padRight(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
}
