import ArgumentParser
import EnergyModels
import Foundation
import Patterns

/// `hopfield bench`: the standard performance workloads of issue 8, run in this process.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the standard workloads: Hebbian storage, T=0 recall, Gibbs sampling, a full-screen network.",
        discussion: """
            Each workload is repeated and the median time is reported, with single-unit updates per second where \
            that is the measure. Build with `-c release` for figures worth quoting. Workload groups (--only): \
            fullscreen, store, recall, gibbs, frontend (the live view's first frame and render time, no terminal). \
            The RBM epoch, the capacity sweep and the terminal output of the live view are measured by \
            Benchmarks/run.sh through their own commands.
            """)

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    @Flag(name: .long, help: "Small sizes and few repetitions: a smoke run of the same code paths.")
    var quick = false

    @Option(name: .long, help: ArgumentHelp("Comma-separated workload groups to run (default: all).", valueName: "groups"))
    var only: String?

    @Option(name: .long, help: "Repetitions per workload (default 5, or 3 with --quick).")
    var repetitions: Int?

    @Option(name: .long, help: "N for the store, recall and Gibbs workloads (default 4096, or 1024 with --quick).")
    var neurons: Int?

    @Option(name: .long, help: "p for the store, recall and Gibbs workloads (default round(N/10)).")
    var patterns: Int?

    @Option(name: .long, help: "Temperature of the Gibbs workloads (default 0.5).")
    var temperature: Double?

    @Option(name: .long, help: ArgumentHelp("Only this representation for the store, recall and Gibbs workloads: dense or low-rank (default: both).", valueName: "representation"))
    var representation: String?

    static let groups = ["fullscreen", "store", "recall", "gibbs", "dense", "frontend"]

    func validate() throws {
        if let repetitions, !(1...1000).contains(repetitions) {
            throw ValidationError("--repetitions must be from 1 to 1000")
        }
        if let neurons, !(2...50_000).contains(neurons) { throw ValidationError("--neurons must be from 2 to 50000") }
        if let patterns, !(1...10_000).contains(patterns) { throw ValidationError("--patterns must be from 1 to 10000") }
        if let temperature { try checkTemperature(temperature) }
        if let representation, CouplingRepresentation(rawValue: representation) == nil {
            throw ValidationError("--representation must be dense or low-rank, not '\(Sanitize.terminal(representation))'")
        }
        for g in selectedGroups() where !Self.groups.contains(g) {
            throw ValidationError("--only: unknown workload group '\(Sanitize.terminal(g))' (known: \(Self.groups.joined(separator: ", ")))")
        }
    }

    func selectedGroups() -> [String] {
        guard let only else { return Self.groups }
        return only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        var config = quick ? BenchmarkConfig.quick : BenchmarkConfig.standard
        if let repetitions { config.repetitions = repetitions }
        if let neurons {
            config.count = neurons
            config.patterns = max(1, Int((Double(neurons) / 10).rounded()))
        }
        if let patterns { config.patterns = patterns }
        if let temperature { config.temperature = temperature }
        let groups = Set(selectedGroups())
        let reps: [CouplingRepresentation] = representation.flatMap(CouplingRepresentation.init(rawValue:)).map { [$0] } ?? [.dense, .lowRank]
        // Every workload's network is checked before the first one runs (the store workload keeps two).
        if !groups.isDisjoint(with: ["store", "recall", "gibbs"]) {
            for r in reps {
                do { try NetworkBudget.check(count: config.count, patterns: config.patterns, rule: .hebb, representation: r) } catch {
                    throw CLIError("the \(r.rawValue) workloads: \(error)\(r == .dense ? "; --representation low-rank runs the others" : "")")
                }
            }
        }
        var results: [BenchmarkResult] = []
        // The full-screen network runs first so that the peak resident set it reports is its own.
        if groups.contains("fullscreen") { results += BenchmarkSuite.fullScreen(config) }
        if groups.contains("store") { for r in reps { results.append(BenchmarkSuite.store(config, representation: r)) } }
        if groups.contains("recall") { for r in reps { results.append(BenchmarkSuite.recall(config, representation: r)) } }
        if groups.contains("gibbs") { for r in reps { results.append(BenchmarkSuite.gibbs(config, representation: r)) } }
        if groups.contains("dense") { results += BenchmarkSuite.denseSweeps(config) }
        if groups.contains("frontend") { results += try FrontEndBench.run(config) }
        let auto = BenchmarkSuite.automaticChoice(config)
        var out = OutputBuffer()
        out.write(json ? try jsonReport(results, config: config, auto: auto) + "\n" : tableReport(results, config: config, auto: auto))
        out.flush()
    }

    #if DEBUG
    static let build = "debug"
    #else
    static let build = "release"
    #endif

    func tableReport(_ results: [BenchmarkResult], config: BenchmarkConfig, auto: CouplingRepresentation) -> String {
        var s = "hopfield bench (\(Self.build) build, \(MachineInfo.cores) cores, \(MachineInfo.cpuModel)), "
        s += "median of \(config.repetitions), one thread\n"
        s += "wall s: elapsed time; cpu s: CPU time of the thread (steadier on a busy machine); spread: (max-min)/median of wall\n"
        if Self.build == "debug" { s += "note: debug build; use `swift build -c release` for real figures\n" }
        s += "automatic representation for N=\(config.count), p=\(config.patterns): \(auto.rawValue)\n\n"
        let rows = results.map { r -> [String] in
            let rate = r.updatesPerSecond.map { formatRate($0) } ?? "-"
            let cpuRate = r.updatesPerCPUSecond.map { formatRate($0) } ?? "-"
            let notes = r.notes.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            return [r.id, String(format: "%.4f", r.medianSeconds), String(format: "%.4f", r.medianCPUSeconds), rate, cpuRate,
                    String(format: "%.0f%%", r.spread * 100), notes]
        }
        let header = ["workload", "wall s", "cpu s", "updates/s", "per cpu s", "spread", "notes"]
        let columns = header.count - 1
        let widths = (0..<columns).map { k in ([header] + rows).map { $0[k].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            var l = ""
            for k in 0..<columns {
                let pad = String(repeating: " ", count: widths[k] - cells[k].count)
                l += k == 0 ? cells[k] + pad + "  " : pad + cells[k] + "  "
            }
            return l + cells[columns] + "\n"
        }
        s += line(header)
        for row in rows { s += line(row) }
        return s
    }

    func formatRate(_ x: Double) -> String {
        if x >= 1e9 { return String(format: "%.2fG", x / 1e9) }
        if x >= 1e6 { return String(format: "%.2fM", x / 1e6) }
        if x >= 1e3 { return String(format: "%.1fk", x / 1e3) }
        return String(format: "%.0f", x)
    }

    /// The schema the C reference and the Python peer also print (Benchmarks/compare.py reads all three).
    func jsonReport(_ results: [BenchmarkResult], config: BenchmarkConfig, auto: CouplingRepresentation) throws -> String {
        struct Machine: Encodable { var cores: Int, cpu: String, build: String }
        struct Config: Encodable {
            var repetitions: Int, count: Int, patterns: Int, noise: Double, temperature: Double, sweeps: Int
            var grid: [Int], gridPatterns: Int, automaticRepresentation: String
        }
        struct Result: Encodable {
            var id: String, title: String, medianSeconds: Double, seconds: [Double], medianCPUSeconds: Double, cpuSeconds: [Double]
            var updatesPerSecond: Double?, updatesPerCPUSecond: Double?, spread: Double, notes: [String: String]
        }
        struct Report: Encodable { var machine: Machine, config: Config, results: [Result] }
        return try jsonText(Report(
            machine: Machine(cores: MachineInfo.cores, cpu: MachineInfo.cpuModel, build: Self.build),
            config: Config(repetitions: config.repetitions, count: config.count, patterns: config.patterns, noise: config.noise,
                           temperature: config.temperature, sweeps: config.sweeps, grid: [config.gridRows, config.gridCols],
                           gridPatterns: config.gridPatterns, automaticRepresentation: auto.rawValue),
            results: results.map { r in
                Result(id: r.id, title: r.title, medianSeconds: r.medianSeconds, seconds: r.seconds, medianCPUSeconds: r.medianCPUSeconds,
                       cpuSeconds: r.cpuSeconds, updatesPerSecond: r.updatesPerSecond, updatesPerCPUSecond: r.updatesPerCPUSecond,
                       spread: r.spread, notes: Dictionary(r.notes.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }))
            }))
    }
}
