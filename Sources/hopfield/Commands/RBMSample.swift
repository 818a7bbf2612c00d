import ArgumentParser
import EnergyModels
import Foundation
import Patterns

struct RBMSample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Sample (\"dream\") from an RBM or a deep belief net; one line of 1/0 per chain.",
        discussion: """
        Runs --chains independent block Gibbs chains for --steps steps at temperature T from random visible \
        states and prints each chain's final visible sample, '1' on and '0' off (with --draw: as pictures, \
        '#' on). --clamp fixes units ('1' or '0', '?' free): the free units are then sampled given the \
        clamped ones (pattern completion). For a deep belief net the chains run in the top RBM and the \
        sample is passed down through the lower layers (top-down sampling).
        """)

    @Option(name: .long, help: ArgumentHelp("An RBM or DBN model file.", valueName: "file"))
    var model: String

    @Option(name: .long, help: "Number of independent chains (samples printed).")
    var chains: Int = 10

    @Option(name: .long, help: "Gibbs steps per chain.")
    var steps: Int = 1000

    @Option(name: .long, help: "Temperature T ≥ 0 (0: every unit takes its more probable value).")
    var temperature: Double = 1

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Clamp visible units: one character per unit, '1', '0' or '?' (free).", valueName: "pattern"))
    var clamp: String?

    @Flag(name: .long, help: "Draw each sample as a picture ('#' on, '.' off) in the model's visibleShape.")
    var draw = false

    func validate() throws {
        try checkTemperature(temperature)
        guard chains >= 1, chains <= 100_000 else { throw ValidationError("--chains must be from 1 to 100000") }
        guard steps >= 0, steps <= 100_000_000 else { throw ValidationError("--steps must be from 0 to 100000000") }
    }

    func run() throws {
        let file = try readRBMModel(model)
        let m = file.rbm.visibleCount
        let widest = file.layers.map { max($0.visibleCount, $0.hiddenCount) }.max() ?? m
        guard chains * widest <= 100_000_000 else {
            throw CLIError("--chains \(chains) with \(widest) units per layer needs too much memory (at most 100000000 chain units)")
        }
        var rows: [[Float]]
        if file.isDeepBeliefNet {
            if clamp != nil { throw CLIError("--clamp works with a single RBM, not a deep belief net") }
            rows = file.dbn.sampleTopDown(chains: chains, gibbsSteps: steps, temperature: temperature, seed: seed).samples
        } else {
            var sampler = RBMSampler(model: file.rbm, chains: chains, temperature: temperature, seed: seed)
            if let clamp {
                var known: [Float?] = []
                for (k, ch) in clamp.enumerated() {
                    switch ch {
                    case "1": known.append(1)
                    case "0": known.append(0)
                    case "?": known.append(nil)
                    default: throw CLIError("--clamp: character \(k + 1) is not '1', '0' or '?'")
                    }
                }
                guard known.count == m else { throw CLIError("--clamp has \(known.count) characters but the model has \(m) visible units") }
                sampler.setClamp(known)
            }
            sampler.step(count: steps)
            rows = (0..<chains).map { sampler.visible(chain: $0) }
        }
        var out = OutputBuffer()
        let shape = file.visibleShape.map { (rows: $0[0], cols: $0[1]) }
        for row in rows {
            let bits = row.map { $0 >= 0.5 }
            if draw {
                out.write(drawGrid(bits, shape: shape) + "\n")
            } else {
                out.write(stateString(bits) + "\n")
            }
        }
        out.flush()
    }
}
