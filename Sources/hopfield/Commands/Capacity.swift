import ArgumentParser
import EnergyModels
import Foundation

struct Capacity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure how many random patterns a network stores: one-step errors and recall against the load α = p/N.",
        discussion: """
        For each load α and each trial, p = round(α·N) random unbiased ±1 patterns (at least 1) are stored with \
        the rule. bitErrorRate is the fraction of (pattern, unit) pairs that would flip in one update with the \
        network in the stored state (a tie h = 0 keeps the unit, so it is stable); recallOverlap is the mean \
        overlap with the start after asynchronous T = 0 dynamics run from each stored pattern to a fixed point; \
        perfectRecall is the fraction of stored patterns that are exact fixed points. The theoretical one-step \
        error for Hebb is ½ erfc(1/√(2α)); Hebbian recall collapses near α_c ≈ 0.138.
        LIST is comma-separated values (0.05,0.1,0.2) or an inclusive range start:stop:step (0.05:0.25:0.01). \
        Trials run in parallel on all cores; results depend only on the seed.
        """)

    @Option(name: .long, help: "Number of units N (2 to 5000).")
    var neurons: Int

    @Option(name: .long, help: ArgumentHelp("Loads α = p/N, each in (0, 1]: a,b,c or start:stop:step.", valueName: "list"))
    var alpha: String

    @Option(name: .long, help: "Trials (independent pattern sets) per load.")
    var trials: Int = 5

    @Option(name: .long, help: "Learning rule: hebb, storkey or pinv.")
    var rule: LearningRule = .hebb

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Worker threads (default: all cores); results do not depend on it.", visibility: .hidden))
    var threads: Int?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func alphas() throws -> [Double] {
        do { return try ValueList.parse(alpha, option: "--alpha") } catch { throw ValidationError(error.description) }
    }

    func validate() throws {
        let values = try alphas()
        do { try CapacityExperiment.validate(neurons: neurons, alphas: values, trials: trials) } catch { throw ValidationError(error.description) }
        if let threads, !(1...1024).contains(threads) { throw ValidationError("--threads must be from 1 to 1024, found \(threads)") }
    }

    func run() throws {
        let values = try alphas()
        let bar = ProgressBar(title: "capacity N=\(neurons)")
        let points = CapacityExperiment.run(neurons: neurons, alphas: values, trials: trials, kind: .pairwise(rule), seed: seed,
                                            workers: threads) { progress in
            bar.update(completed: progress.completed, total: progress.total)
        }
        bar.finish()
        let stuck = points.reduce(0) { $0 + $1.unconverged }
        if stuck > 0 {
            writeStderr("warning: \(stuck) relaxation(s) hit the limit of \(CapacityTrial.maxSweeps) sweeps; their overlap is that of the last state\n")
        }
        var out = OutputBuffer()
        if json {
            out.write(Self.json(points: points, neurons: neurons, rule: rule, trials: trials) + "\n")
        } else {
            out.write(Self.report(points: points, neurons: neurons, rule: rule, trials: trials, glyphs: .forStandardOutput()))
        }
        out.flush()
    }

    /// `{"neurons": N, "rule": "hebb", "trials": K, "points": [{"alpha": a, "patterns": p, "bitErrorRate": e,
    /// "recallOverlap": m, "perfectRecall": f}, …]}`.
    static func json(points: [CapacityPoint], neurons: Int, rule: LearningRule, trials: Int) -> String {
        let items = points.map { p in
            "{\"alpha\": \(JSONNumber.format(p.alpha)), \"patterns\": \(p.patterns), "
                + "\"bitErrorRate\": \(JSONNumber.format(p.bitErrorRate)), \"recallOverlap\": \(JSONNumber.format(p.recallOverlap)), "
                + "\"perfectRecall\": \(JSONNumber.format(p.perfectRecall))}"
        }
        return "{\"neurons\": \(neurons), \"rule\": \"\(rule.rawValue)\", \"trials\": \(trials), \"points\": [" + items.joined(separator: ", ") + "]}"
    }

    /// The table and the two plots.
    static func report(points: [CapacityPoint], neurons: Int, rule: LearningRule, trials: Int, glyphs: PlotGlyphs) -> String {
        let a = glyphs.alpha
        var out = "Capacity of a \(rule.displayName) network: N = \(neurons), \(trials) trial\(trials == 1 ? "" : "s") per load\n\n"
        func column(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        out += [column(a, 8), column("p", 6), column("bit errors", 12), column("theory", 12), column("overlap", 10),
                column("perfect", 9)].joined(separator: " ") + "\n"
        let theory = NetworkKind.pairwise(rule).theory
        for p in points {
            out += String(format: "%8.4g %6d %12.6f %12.6f %10.4f %9.4f\n", p.alpha, p.patterns, p.bitErrorRate,
                          theory.oneStepError(p.alpha, neurons), p.recallOverlap, p.perfectRecall)
        }
        out += "theory: Hebbian one-step error \(glyphs.errorFormula) (N \(glyphs.arrow) infinity); "
        out += "overlap: after T = 0 recall from each pattern; perfect: fraction of patterns that are fixed points\n\n"
        guard points.count >= 2, let lo = points.map(\.alpha).min(), let hi = points.map(\.alpha).max(), hi > lo else { return out }
        let errors = points.map(\.bitErrorRate)
        let theoryMax = theory.oneStepError(hi, neurons)
        let top = max(errors.max() ?? 0, theory.isReference ? 0 : theoryMax, 1e-6) * 1.05
        var errorPlot = LinePlot(xRange: lo...hi, yRange: 0...top, xLabel: a, yLabel: "bit error rate")
        errorPlot.series = [
            .init(name: "\(theory.isReference ? "Hebb theory" : "theory") \(glyphs.errorFormula)", marker: glyphs == .unicode ? "·" : ".",
                  data: .curve { theory.oneStepError($0, neurons) }),
            .init(name: "measured", marker: glyphs == .unicode ? "●" : "*", data: .points(points.map { ($0.alpha, $0.bitErrorRate) })),
        ]
        out += errorPlot.render(glyphs: glyphs) + "\n"
        var recallPlot = LinePlot(xRange: lo...hi, yRange: 0...1, xLabel: a, yLabel: "recall")
        recallPlot.series = [
            .init(name: "perfect recall", marker: glyphs == .unicode ? "▪" : "+", data: .points(points.map { ($0.alpha, $0.perfectRecall) })),
            .init(name: "overlap after T = 0 recall", marker: glyphs == .unicode ? "○" : "o", data: .points(points.map { ($0.alpha, $0.recallOverlap) })),
        ]
        if let load = theory.criticalLoad, (lo...hi).contains(load) {
            recallPlot.references = [(load, "\(a)\(glyphs.subscriptC) = \(load)")]
        }
        out += recallPlot.render(glyphs: glyphs)
        return out
    }
}
