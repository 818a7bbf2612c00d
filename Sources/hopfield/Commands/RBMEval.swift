import ArgumentParser
import EnergyModels
import Foundation
import Patterns

struct RBMEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate an RBM on data: reconstruction error, pseudo-log-likelihood, log-likelihood, free energy.",
        discussion: """
        All figures are means per sample over the data (nats), except the reconstruction error: the mean \
        squared error per pixel between v and P(v | h = P(h | v)). The pseudo-log-likelihood is the exact sum \
        over every unit of log P(v_i | v_-i). The log-likelihood is exact ("logLikelihoodMethod": "exact") \
        when a layer has at most 20 units, computing log Z by enumerating that layer; otherwise it is an \
        annealed importance sampling estimate ("ais", Salakhutdinov and Murray 2008) from the base-rate \
        model of the data, with the standard error of log Z.
        """)

    @Option(name: .long, help: ArgumentHelp("An RBM model file.", valueName: "file"))
    var model: String

    @Option(name: .long, help: ArgumentHelp("Pattern file or set to evaluate on.", valueName: "file"), completion: .patternSets)
    var data: String

    @Option(name: .long, help: "AIS: number of intermediate distributions.")
    var aisBetas: Int = 2000

    @Option(name: .long, help: "AIS: number of independent runs.")
    var aisRuns: Int = 100

    @Flag(name: .long, help: "Use the AIS estimate even when the exact log-likelihood is available (to check the estimate).")
    var ais = false

    @Option(name: .long, help: "Random seed (AIS).")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func validate() throws {
        guard aisBetas >= 3, aisBetas <= 10_000_000 else { throw ValidationError("--ais-betas must be from 3 to 10000000") }
        guard aisRuns >= 2, aisRuns <= 1_000_000 else { throw ValidationError("--ais-runs must be from 2 to 1000000") }
    }

    func run() throws {
        let file = try readRBMModel(model)
        guard !file.isDeepBeliefNet else {
            throw CLIError("\(Sanitize.terminal(model)): is a deep belief net; rbm eval takes a single RBM (kind \"rbm\")")
        }
        let loaded = try loadRBMData(data)
        let rbmSize = file.rbm.visibleCount + file.rbm.hiddenCount
        guard aisRuns * rbmSize <= 100_000_000 else {
            throw CLIError("--ais-runs \(aisRuns) with \(rbmSize) units needs too much memory (at most 100000000 chain units)")
        }
        try checkDimension(loaded, visible: file.rbm.visibleCount, dataArgument: data)
        let report = RBMEvaluationReport.evaluate(file.rbm, data: loaded.data, ais: AISOptions(betas: aisBetas, runs: aisRuns, seed: seed),
                                                 forceAIS: ais)
        if json {
            let isAIS = report.logLikelihoodMethod == "ais"
            try printJSON(EvalReport(reconstructionError: report.reconstructionError, pseudoLogLikelihood: report.pseudoLogLikelihood,
                                     logLikelihood: report.logLikelihood, logLikelihoodMethod: report.logLikelihoodMethod,
                                     freeEnergy: report.freeEnergy, logPartition: report.logPartition,
                                     logPartitionStandardError: isAIS ? report.logPartitionStandardError : nil,
                                     aisBetas: isAIS ? aisBetas : nil, aisRuns: isAIS ? aisRuns : nil, samples: loaded.data.count))
        } else {
            let rbm = file.rbm
            print("RBM \(rbm.visibleCount) visible x \(rbm.hiddenCount) hidden on \(loaded.data.count) patterns (per sample, nats)")
            print("reconstruction error  \(fixed(report.reconstructionError, 5)) (mean squared error per pixel)")
            print("pseudo-log-likelihood \(fixed(report.pseudoLogLikelihood, 3))")
            print("free energy           \(fixed(report.freeEnergy, 3))")
            if report.logLikelihoodMethod == "ais" {
                print("log-likelihood        \(fixed(report.logLikelihood, 3)) (AIS estimate; log Z = \(fixed(report.logPartition, 3)) ± \(fixed(report.logPartitionStandardError, 3)))")
            } else {
                print("log-likelihood        \(fixed(report.logLikelihood, 3)) (exact; log Z = \(fixed(report.logPartition, 3)))")
            }
        }
    }
}

/// The JSON report of `rbm eval` (the AIS fields only for an AIS estimate).
struct EvalReport: Encodable {
    var reconstructionError: Double
    var pseudoLogLikelihood: Double
    var logLikelihood: Double?
    var logLikelihoodMethod: String?
    var freeEnergy: Double
    var logPartition: Double?
    var logPartitionStandardError: Double?
    var aisBetas: Int?
    var aisRuns: Int?
    var samples: Int
}
