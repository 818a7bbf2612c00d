import ArgumentParser
import EnergyModels
import Foundation
import Patterns

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the dynamics from a cue until a fixed point, a 2-cycle or the sweep limit.",
        discussion: """
        The start state is --state, else the pattern named by --cue, else the first stored pattern; --noise then \
        flips that fraction of units (chosen at random, exactly round(F*N) of them). At T = 0 a run ends at a \
        fixed point (a sweep with no change) or, with --schedule sync, at a 2-cycle. At T > 0 the state never \
        settles: all --max-sweeps sweeps are run and the outcome is "unconverged". With --interaction softmax a \
        sweep is one update ξ ← X softmax(Xᵀξ/T), deterministic at every T: the run ends when an update moves no \
        unit by more than 1e-12, and finalState is a list of N numbers in [−1, 1].
        """)

    @OptionGroup var source: NetworkSourceOptions

    @Option(name: .long, help: "Start from the stored pattern of this name (or 1-based index).")
    var cue: String?

    @Option(name: .long, help: "Start from this state: one '1' (up) or '0' (down) per unit.")
    var state: String?

    @Option(name: .long, help: "Fraction of units to flip in the start state (0 to 1).")
    var noise: Double = 0

    @Option(name: .long, help: "Temperature T ≥ 0 (0 is the deterministic Hopfield rule).")
    var temperature: Double = 0

    @Option(name: .long, help: "Update schedule: random, sequential or sync.")
    var schedule: UpdateSchedule = .random

    @Option(name: .long, help: "Sweep limit.")
    var maxSweeps: Int = 100

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func validate() throws {
        try checkTemperature(temperature)
        guard noise.isFinite, noise >= 0, noise <= 1 else { throw ValidationError("--noise must be between 0 and 1, found \(noise)") }
        guard maxSweeps >= 1, maxSweeps <= 10_000_000 else { throw ValidationError("--max-sweeps must be from 1 to 10000000") }
        if cue != nil && state != nil { throw ValidationError("give --cue or --state, not both") }
    }

    func run() throws {
        let loaded = try source.load(temperature: temperature)
        var net = loaded.network
        let n = net.count
        var rng = Xoshiro256(seed: seed, stream: 0)
        var start: [Bool]
        if let state {
            start = try parseStateString(state, count: n)
        } else if let cue {
            guard let k = loaded.patterns.firstIndex(where: { $0.name == cue })
                    ?? Int(cue).flatMap({ $0 >= 1 && $0 <= loaded.patterns.count ? $0 - 1 : nil }) else {
                let names = loaded.patterns.map(\.name).prefix(20).joined(separator: ", ")
                throw CLIError("--cue \(ModelJSON.quoteForMessage(cue)): no stored pattern of that name (stored: \(names))")
            }
            start = loaded.patterns[k].spins.map { $0 > 0 }
        } else if let first = loaded.patterns.first {
            start = first.spins.map { $0 > 0 }
        } else {
            start = (0..<n).map { _ in rng.next() & 1 == 1 }
        }
        Corruption.flipFraction(&start, fraction: noise, rng: &rng)
        net.setState(up: start)
        var sim = Simulation(network: net, temperature: temperature, schedule: schedule, seed: seed)
        let result = sim.relax(maxSweeps: maxSweeps, patterns: loaded.patterns)
        let final = sim.network.upFlags
        let overlaps = sim.network.overlaps(with: loaded.patterns)
        let matched = result.patternIndex.map { loaded.patterns[$0].name }
        if json {
            // The modern (softmax) network's state is continuous: a list of N numbers; otherwise a 0/1 string.
            let state: RunReport.FinalState = sim.network.modern != nil ? .values(sim.network.state) : .bits(stateString(final))
            try printJSON(RunReport(converged: result.converged, sweeps: result.sweeps, energyTrace: result.energyTrace,
                                    finalState: state,
                                    overlaps: Dictionary(zip(loaded.patterns.map(\.name), overlaps), uniquingKeysWith: { a, _ in a }),
                                    outcome: result.outcome.rawValue, pattern: JSONNullable(matched)))
            return
        }
        print(drawGrid(final, shape: loaded.shape), terminator: "")
        if sim.network.modern != nil { print("(signs of the continuous state; --json gives its values)") }
        let energies = result.energyTrace
        print("outcome:   \(result.outcome.rawValue)\(matched.map { " (\($0))" } ?? "")")
        print("converged: \(result.converged ? "yes" : "no") after \(result.sweeps) sweep\(result.sweeps == 1 ? "" : "s") (T = \(temperature), \(schedule.rawValue) schedule)")
        print(String(format: "energy:    %.6g -> %.6g", energies.first ?? 0, energies.last ?? 0))
        if let best = overlaps.indices.max(by: { abs(overlaps[$0]) < abs(overlaps[$1]) }) {
            print(String(format: "best overlap: %@ m = %.4f", Sanitize.terminal(loaded.patterns[best].name), overlaps[best]))
        }
    }
}

/// The JSON report of `run`: every number finite (JSONEncoder refuses others), `pattern` null when the final
/// state is no stored pattern.
struct RunReport: Encodable {
    var converged: Bool
    var sweeps: Int
    var energyTrace: [Double]
    var finalState: FinalState
    var overlaps: [String: Double]
    var outcome: String
    var pattern: JSONNullable<String>

    /// "0110…" for ±1 and 0/1 units, [x₁, …, x_N] for the softmax network's continuous state.
    enum FinalState: Encodable {
        case bits(String)
        case values([Double])

        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .bits(let s): try c.encode(s)
            case .values(let v): try c.encode(v)
            }
        }
    }
}
