import ArgumentParser
import EnergyModels
import Patterns

extension BoltzmannMethod: ExpressibleByArgument {}

/// The learning settings shared by `bm encoder` and `bm train`; defaults are the 1985 encoder set-up.
struct BMLearningOptions: ParsableArguments {
    @Option(name: .long, help: "How each phase reaches equilibrium: annealing (the 1985 procedure), persistent (chains kept between cycles) or mean-field.")
    var method: BoltzmannMethod = .annealing

    @Option(name: .long, help: ArgumentHelp("Annealing stages TEMPERATURE:SWEEPS, comma-separated.", valueName: "stages"))
    var schedule: String = "20:2,15:2,12:2,10:4"

    @Option(name: .long, help: "Temperature at which the statistics are collected (and the model is defined).")
    var statTemperature: Double = 10

    @Option(name: .long, help: "Sweeps at the statistics temperature over which ⟨s_i s_j⟩ is recorded, per annealing.")
    var statSweeps: Int = 10

    @Option(name: .long, help: "Positive-phase annealings per training vector per cycle.")
    var annealings: Int = 2

    @Option(name: .long, help: "Negative-phase annealings per cycle (default: as many as the positive phase in total).")
    var negativeAnnealings: Int?

    @Option(name: .long, help: "Weight update: sign (fixed step in the direction of p⁺ - p⁻) or gradient (rate x (p⁺ - p⁻)).")
    var update: String = "sign"

    @Option(name: .long, help: "Step of the sign update.")
    var step: Double = 2

    @Option(name: .long, help: "Sign update: no change unless |p⁺ - p⁻| exceeds this.")
    var threshold: Double = 0

    @Option(name: .long, help: "Rate of the gradient update.")
    var rate: Double = 10

    @Option(name: .long, help: ArgumentHelp("Clamping noise ON_TO_OFF,OFF_TO_ON probabilities, or 'none'.", valueName: "p,q"))
    var clampNoise: String = "0.15,0.05"

    @Option(name: .long, help: "Persistent method: sweeps at the statistics temperature before each phase's statistics.")
    var persistentSweeps: Int = 2

    @Option(name: .long, help: "Start from weights and biases uniform in [-r, r] instead of zero (mean-field learning needs r > 0).")
    var initialWeights: Double?

    @Option(name: .long, help: "Fraction by which every weight and bias shrinks after each cycle (default 0: none).")
    var weightDecay: Double = 0

    func validate() throws {
        _ = try makeOptions()
    }

    /// The engine's options, or a message naming the option at fault.
    func makeOptions() throws -> BoltzmannTrainingOptions {
        var o = BoltzmannTrainingOptions()
        o.method = method
        let stages: [BoltzmannAnnealing.Stage]
        switch BoltzmannAnnealing.parseStages(schedule) {
        case .success(let s): stages = s
        case .failure(let e): throw ValidationError("--schedule: \(e.message)")
        }
        guard statTemperature.isFinite, statTemperature > 0 else { throw ValidationError("--stat-temperature must be finite and > 0, found \(statTemperature)") }
        guard statSweeps >= 1, statSweeps <= 1_000_000 else { throw ValidationError("--stat-sweeps must be from 1 to 1000000") }
        o.schedule = BoltzmannAnnealing(stages: stages, statisticsTemperature: statTemperature, statisticsSweeps: statSweeps)
        guard annealings >= 1, annealings <= 100_000 else { throw ValidationError("--annealings must be from 1 to 100000") }
        o.annealingsPerVector = annealings
        if let n = negativeAnnealings {
            guard n >= 1, n <= 1_000_000 else { throw ValidationError("--negative-annealings must be from 1 to 1000000") }
            o.negativeAnnealings = n
        }
        switch update {
        case "sign":
            guard step.isFinite, step > 0 else { throw ValidationError("--step must be finite and > 0, found \(step)") }
            guard threshold.isFinite, threshold >= 0, threshold < 1 else { throw ValidationError("--threshold must be in [0, 1), found \(threshold)") }
            o.update = .sign(step: step, threshold: threshold)
        case "gradient":
            guard rate.isFinite, rate > 0 else { throw ValidationError("--rate must be finite and > 0, found \(rate)") }
            o.update = .gradient(rate: rate)
        default:
            throw ValidationError("--update must be 'sign' or 'gradient', found '\(Sanitize.terminal(update))'")
        }
        if clampNoise == "none" {
            o.noise = .none
        } else {
            let parts = clampNoise.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2, let p = Double(parts[0]), let q = Double(parts[1]),
                  (0...1).contains(p), (0...1).contains(q) else {
                throw ValidationError("--clamp-noise must be two probabilities 'p,q' (on→off, off→on) or 'none', found '\(Sanitize.terminal(clampNoise))'")
            }
            o.noise = ClampNoise(onToOff: p, offToOn: q)
        }
        guard persistentSweeps >= 0, persistentSweeps <= 1_000_000 else { throw ValidationError("--persistent-sweeps must be from 0 to 1000000") }
        o.persistentSweeps = persistentSweeps
        guard weightDecay.isFinite, weightDecay >= 0, weightDecay < 1 else { throw ValidationError("--weight-decay must be in [0, 1), found \(weightDecay)") }
        o.weightDecay = weightDecay
        if let r = initialWeights {
            guard r.isFinite, r >= 0, r <= 1000 else { throw ValidationError("--initial-weights must be from 0 to 1000, found \(r)") }
            o.initialWeightRange = r
        } else if method == .meanField {
            o.initialWeightRange = 1
        }
        return o
    }
}

extension BoltzmannTrainingOptions {
    /// One line describing the update and the noise.
    var summaryLine: String {
        let upd: String
        switch update {
        case let .sign(step, threshold): upd = "sign updates of ±\(JSONNumber.format(step))" + (threshold > 0 ? " when |p⁺-p⁻| > \(JSONNumber.format(threshold))" : "")
        case let .gradient(rate): upd = "gradient updates, rate \(JSONNumber.format(rate))"
        }
        let noiseText = noise == .none ? "no clamping noise" : "clamping noise \(JSONNumber.format(noise.onToOff))/\(JSONNumber.format(noise.offToOn))"
        return "method \(method.rawValue), \(upd), \(noiseText)"
    }
}
