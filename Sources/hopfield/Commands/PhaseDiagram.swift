import ArgumentParser
import EnergyModels
import Foundation

struct PhaseDiagram: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase-diagram",
        abstract: "Map retrieval against load α and temperature T by Gibbs sampling.",
        discussion: """
        For each α and T, p = max(1, round(α·N)) random patterns are stored with Hebb, the state starts at the \
        first one, and --sweeps heat-bath sweeps (random order) run at T. The overlap with that pattern is \
        averaged over the second half of the sweeps and over the trials. For small α, mean-field theory gives \
        m = tanh(m/T): retrieval below T_c = 1, none above; the heat map marks that line.
        LIST is comma-separated values or an inclusive range start:stop:step.
        """)

    @Option(name: .long, help: "Number of units N (2 to 5000).")
    var neurons: Int

    @Option(name: .long, help: ArgumentHelp("Loads α = p/N, each in (0, 1]: a,b,c or start:stop:step.", valueName: "list"))
    var alpha: String

    @Option(name: .long, help: ArgumentHelp("Temperatures T ≥ 0: a,b,c or start:stop:step.", valueName: "list"))
    var temperature: String

    @Option(name: .long, help: "Heat-bath sweeps per run (the second half is averaged).")
    var sweeps: Int = 100

    @Option(name: .long, help: "Trials (independent pattern sets and runs) per cell.")
    var trials: Int = 2

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @OptionGroup var workers: WorkerOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func lists() throws -> (alphas: [Double], temperatures: [Double]) {
        do {
            return (try ValueList.parse(alpha, option: "--alpha"), try ValueList.parse(temperature, option: "--temperature"))
        } catch {
            throw ValidationError(error.description)
        }
    }

    func validate() throws {
        let (alphas, temperatures) = try lists()
        do {
            try PhaseDiagramExperiment.validate(neurons: neurons, alphas: alphas, temperatures: temperatures, sweeps: sweeps, trials: trials)
        } catch {
            throw ValidationError(error.description)
        }
        try workers.check()
    }

    func run() throws {
        let (alphas, temperatures) = try lists()
        let bar = ProgressBar(title: "phase diagram N=\(neurons)")
        let points = PhaseDiagramExperiment.run(neurons: neurons, alphas: alphas, temperatures: temperatures, sweeps: sweeps,
                                                trials: trials, seed: seed, workers: workers.threads) { progress in
            bar.update(completed: progress.completed, total: progress.total)
        }
        bar.finish()
        var out = OutputBuffer()
        if json {
            out.write(try Self.json(points: points, neurons: neurons) + "\n")
        } else {
            out.write(Self.report(points: points, alphas: alphas, temperatures: temperatures, neurons: neurons,
                                  sweeps: sweeps, trials: trials, glyphs: .forStandardOutput()))
        }
        out.flush()
    }

    /// `{"neurons": N, "points": [{"alpha": a, "temperature": t, "overlap": m}, …]}`.
    static func json(points: [PhasePoint], neurons: Int) throws -> String {
        struct Point: Encodable { var alpha: Double, temperature: Double, overlap: Double }
        struct Report: Encodable { var neurons: Int, points: [Point] }
        return try jsonText(Report(neurons: neurons, points: points.map { Point(alpha: $0.alpha, temperature: $0.temperature, overlap: $0.overlap) }))
    }

    /// The heat map: α across, T up (rows sorted by T), shaded by the measured overlap, with the mean-field
    /// retrieval boundary T_c = 1 drawn as a line and m = tanh(m/T) printed at the end of each row.
    static func report(points: [PhasePoint], alphas: [Double], temperatures: [Double], neurons: Int, sweeps: Int, trials: Int,
                       glyphs: PlotGlyphs) -> String {
        let rowOrder = temperatures.indices.sorted { temperatures[$0] < temperatures[$1] }
        let tCount = temperatures.count
        var map = HeatMap(xs: alphas, ys: rowOrder.map { temperatures[$0] },
                          value: { c, r in points[c * tCount + rowOrder[r]].overlap },
                          xLabel: glyphs.alpha + " (load p/N)", yLabel: "T")
        map.line = (HopfieldTheory.criticalTemperature, "T\(glyphs.subscriptC) = 1: mean-field retrieval below (small \(glyphs.alpha))")
        map.rowNote = { r in String(format: "m_mf %.2f", HopfieldTheory.meanFieldOverlap(temperature: temperatures[rowOrder[r]])) }
        var out = "Retrieval overlap m with the start pattern: N = \(neurons), \(sweeps) sweeps (second half averaged), "
        out += "\(trials) trial\(trials == 1 ? "" : "s") per cell\n\n"
        out += map.render(glyphs: glyphs)
        out += "m_mf: mean-field m = tanh(m/T) for \(glyphs.alpha) \(glyphs.arrow) 0 (T\(glyphs.subscriptC) = 1); shades: measured m\n"
        return out
    }
}
