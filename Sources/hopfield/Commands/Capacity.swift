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
        error for Hebb is ½ erfc(1/√(2α)); Hebbian recall collapses near α_c ≈ 0.138. \
        --interaction poly:n (rpoly:n, exp, softmax) measures a dense associative memory instead, whose theory is \
        Krotov and Hopfield's ½ erfc(√(N^(n−1)/(2(2n−3)!!K))) (rpoly: without the 2), or for exp Demircigil's \
        bound ln K/N < ln 2/2; give the numbers of patterns K with --memories LIST instead of --alpha. Dense kinds \
        test (and relax from) at most 100 of the K patterns per trial, which leaves the rates unbiased.
        LIST is comma-separated values (0.05,0.1,0.2) or an inclusive range start:stop:step (0.05:0.25:0.01). \
        Trials run in parallel on all cores; results depend only on the seed.
        """)

    @Option(name: .long, help: "Number of units N (2 to 5000).")
    var neurons: Int

    @Option(name: .long, help: ArgumentHelp("Loads α = p/N, each in (0, 1]: a,b,c or start:stop:step.", valueName: "list"))
    var alpha: String?

    @Option(name: .long, help: ArgumentHelp("Numbers of patterns p instead of loads: a,b,c or start:stop:step.", valueName: "list"))
    var memories: String?

    @Option(name: .long, help: interactionHelp, transform: Interaction.parse)
    var interaction: Interaction = .quadratic

    @Option(name: .long, help: "Trials (independent pattern sets) per load.")
    var trials: Int = 5

    @Option(name: .long, help: "Learning rule: hebb, storkey or pinv.")
    var rule: LearningRule = .hebb

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @OptionGroup var workers: WorkerOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    var kind: NetworkKind { NetworkKind(interaction: interaction, rule: rule) }

    func alphas() throws -> [Double] {
        do { return try ValueList.parse(alpha ?? "", option: "--alpha") } catch { throw ValidationError(error.description) }
    }

    /// `--memories` as whole numbers.
    func counts() throws -> [Int] {
        let values: [Double]
        do { values = try ValueList.parse(memories ?? "", option: "--memories") } catch { throw ValidationError(error.description) }
        return try values.map { v in
            guard v == v.rounded(), v >= 1, v <= Double(CapacityExperiment.memoryLimit) else {
                throw ValidationError("--memories: each value must be a whole number from 1 to \(CapacityExperiment.memoryLimit), found \(v)")
            }
            return Int(v)
        }
    }

    func validate() throws {
        if interaction == .softmax {
            throw ValidationError("--interaction softmax: at T = 0 the update returns the best-matching memory, so every distinct memory is stable and its capacity is not a one-step matter; use `hopfield run --interaction softmax`")
        }
        switch (alpha, memories) {
        case (nil, nil): throw ValidationError("give --alpha LIST or --memories LIST")
        case (.some, .some): throw ValidationError("give either --alpha or --memories, not both")
        case (.some, nil):
            guard interaction == .quadratic else { throw ValidationError("--interaction \(interaction.name) stores far more than N patterns: give --memories LIST") }
            let values = try alphas()
            do { try CapacityExperiment.validate(neurons: neurons, alphas: values, trials: trials) } catch { throw ValidationError(error.description) }
        case (nil, .some):
            let values = try counts()
            do { try CapacityExperiment.validate(neurons: neurons, memories: values, trials: trials, kind: kind) } catch { throw ValidationError(error.description) }
        }
        try workers.check()
    }

    func run() throws {
        let bar = ProgressBar(title: "capacity N=\(neurons)")
        let progress: @Sendable (ExperimentProgress) -> Void = { bar.update(completed: $0.completed, total: $0.total) }
        let points = memories == nil
            ? CapacityExperiment.run(neurons: neurons, alphas: try alphas(), trials: trials, kind: kind, seed: seed, workers: workers.threads, progress: progress)
            : CapacityExperiment.run(neurons: neurons, memories: try counts(), trials: trials, kind: kind, seed: seed, workers: workers.threads, progress: progress)
        bar.finish()
        let stuck = points.reduce(0) { $0 + $1.unconverged }
        if stuck > 0 {
            writeStderr("warning: \(stuck) relaxation(s) hit the limit of \(CapacityTrial.maxSweeps) sweeps; their overlap is that of the last state\n")
        }
        var out = OutputBuffer()
        if json {
            out.write(try Self.json(points: points, neurons: neurons, kind: kind, trials: trials) + "\n")
        } else if case .pairwise(let rule) = kind {
            out.write(Self.report(points: points, neurons: neurons, rule: rule, trials: trials, glyphs: .forStandardOutput()))
        } else {
            out.write(Self.denseReport(points: points, neurons: neurons, kind: kind, trials: trials, glyphs: .forStandardOutput()))
        }
        out.flush()
    }

    /// `{"neurons": N, "rule": "hebb", "trials": K, "points": [{"alpha": a, "patterns": p, "bitErrorRate": e,
    /// "recallOverlap": m, "perfectRecall": f}, …]}`; the dense kinds write `"interaction": "poly:3"` instead of
    /// the rule and add each point's `"theory"` (the one-step error formula, null where there is none).
    static func json(points: [CapacityPoint], neurons: Int, kind: NetworkKind, trials: Int) throws -> String {
        struct Point: Encodable {
            var alpha: Double, patterns: Int, bitErrorRate: Double, recallOverlap: Double, perfectRecall: Double
            var theory: JSONNullable<Double>?
        }
        struct Report: Encodable { var neurons: Int, rule: String?, interaction: String?, trials: Int, points: [Point] }
        let theory = kind.theory
        let dense = kind.rule == nil
        return try jsonText(Report(neurons: neurons, rule: kind.rule?.rawValue, interaction: dense ? kind.interaction.name : nil,
                                   trials: trials, points: points.map { p in
            let expected = theory.oneStepError(p.alpha, neurons)
            return Point(alpha: p.alpha, patterns: p.patterns, bitErrorRate: p.bitErrorRate, recallOverlap: p.recallOverlap,
                         perfectRecall: p.perfectRecall, theory: dense ? JSONNullable(expected.isFinite ? expected : nil) : nil)
        }))
    }

    /// The one-step error formula of poly:n / rpoly:n as text, e.g. ½ erfc(√(N²/(6K))).
    static func denseFormula(_ kind: NetworkKind, glyphs: PlotGlyphs) -> String {
        let (d, rectified): (Int, Bool)
        switch kind.interaction {
        case .polynomial(let n): (d, rectified) = (n, false)
        case .rectifiedPolynomial(let n): (d, rectified) = (n, true)
        default: return ""
        }
        return DenseTheory.errorFormula(degree: d, rectified: rectified, ascii: glyphs != .unicode)
    }

    /// The table and the error plot of a dense kind, against its own theory (`NetworkKind.theory`).
    static func denseReport(points: [CapacityPoint], neurons: Int, kind: NetworkKind, trials: Int, glyphs: PlotGlyphs) -> String {
        let theory = kind.theory
        var out = "Capacity of a dense associative memory, \(kind.interaction.name) (\(kind.interaction.formula)): "
        out += "N = \(neurons), \(trials) trial\(trials == 1 ? "" : "s") per size\n\n"
        func column(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        out += [column("K", 8), column("K/N", 8), column("bit errors", 12), column("theory", 12), column("overlap", 10),
                column("perfect", 9)].joined(separator: " ") + "\n"
        for p in points {
            let expected = theory.oneStepError(p.alpha, neurons)
            out += String(format: "%8d %8.4g %12.6f ", p.patterns, p.alpha, p.bitErrorRate)
                + column(expected.isFinite ? String(format: "%.6f", expected) : "-", 12)
                + String(format: " %10.4f %9.4f\n", p.recallOverlap, p.perfectRecall)
        }
        if let bound = theory.memoryBound?(neurons) {
            out += "theory: Demircigil et al.: memories are fixed points for ln K/N < ln 2/2, K < 2^(N/2) = \(String(format: "%.4g", bound)) here\n"
        } else {
            out += "theory: Krotov and Hopfield's one-step error \(denseFormula(kind, glyphs: glyphs)) (large N and K)\n"
        }
        out += "overlap: after T = 0 recall from each tested pattern; perfect: fraction of tested patterns that are fixed points "
        out += "(at most \(DenseCapacityTrial.testedPatterns) per trial)\n\n"
        guard points.count >= 2, let lo = points.map(\.alpha).min(), let hi = points.map(\.alpha).max(), hi > lo else { return out }
        let top = max(points.map(\.bitErrorRate).max() ?? 0, points.map { theory.oneStepError($0.alpha, neurons) }.filter(\.isFinite).max() ?? 0, 1e-6) * 1.05
        var errorPlot = LinePlot(xRange: lo...hi, yRange: 0...top, xLabel: "K/N", yLabel: "bit error rate")
        errorPlot.series = [.init(name: "measured", marker: glyphs == .unicode ? "●" : "*", data: .points(points.map { ($0.alpha, $0.bitErrorRate) }))]
        if theory.memoryBound == nil {
            errorPlot.series.insert(.init(name: "theory \(denseFormula(kind, glyphs: glyphs))", marker: glyphs == .unicode ? "·" : ".",
                                          data: .curve { theory.oneStepError($0, neurons) }), at: 0)
        }
        return out + errorPlot.render(glyphs: glyphs)
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
