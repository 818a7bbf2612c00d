import Foundation

/// Sizes and repetitions of the standard workloads (issue 8). `standard` is what the README table reports;
/// `quick` is a smoke run of the same code paths in a few seconds.
public struct BenchmarkConfig: Sendable, Equatable {
    /// Repetitions per workload; the median is reported.
    public var repetitions: Int
    /// N and p of workloads 1-3 (p/N = 0.1, below the Hebbian capacity 0.138).
    public var count: Int
    public var patterns: Int
    /// Fraction of units flipped in the recall cue (exactly round(noise · N) distinct units).
    public var noise: Double
    /// Gibbs sampling temperature and length.
    public var temperature: Double
    public var sweeps: Int
    /// The full-screen network of workload 4.
    public var gridRows: Int
    public var gridCols: Int
    public var gridPatterns: Int
    public var gridSweeps: Int
    public var seed: UInt64

    public init(repetitions: Int, count: Int, patterns: Int, noise: Double, temperature: Double, sweeps: Int,
                gridRows: Int, gridCols: Int, gridPatterns: Int, gridSweeps: Int, seed: UInt64) {
        self.repetitions = repetitions
        self.count = count
        self.patterns = patterns
        self.noise = noise
        self.temperature = temperature
        self.sweeps = sweeps
        self.gridRows = gridRows
        self.gridCols = gridCols
        self.gridPatterns = gridPatterns
        self.gridSweeps = gridSweeps
        self.seed = seed
    }

    public static let standard = BenchmarkConfig(
        repetitions: 5, count: 4096, patterns: 409, noise: 0.2, temperature: 0.5, sweeps: 100,
        gridRows: 100, gridCols: 200, gridPatterns: 20, gridSweeps: 50, seed: 2026)

    public static let quick = BenchmarkConfig(
        repetitions: 3, count: 1024, patterns: 102, noise: 0.2, temperature: 0.5, sweeps: 10,
        gridRows: 100, gridCols: 200, gridPatterns: 20, gridSweeps: 5, seed: 2026)
}

/// The in-process workloads of `hopfield bench`. Each builds its inputs outside the timed region, times
/// only the operation named, and repeats it `repetitions` times on identical inputs (same seeds), so the
/// repetitions differ only by machine noise.
///
/// The same workloads, with the same sizes and seeds' roles, are implemented in plain C and against the
/// `hopfieldnetwork` Python package under Benchmarks/ in the repository, so rates can be compared side by side.
public enum BenchmarkSuite {
    /// `p` random ±1 patterns of length `n`, each entry +1 with probability 1/2.
    public static func randomPatterns(count n: Int, patterns p: Int, seed: UInt64) -> [[Int8]] {
        var rng = Xoshiro256(seed: seed)
        return (0..<p).map { _ in (0..<n).map { _ in rng.next() >> 63 == 1 ? 1 : -1 } }
    }

    /// `pattern` with exactly round(noise · N) distinct units flipped (chosen by a seeded shuffle).
    public static func corrupted(_ pattern: [Int8], noise: Double, seed: UInt64) -> [Int8] {
        var rng = Xoshiro256(seed: seed)
        var order = Array(0..<pattern.count)
        rng.shuffle(&order)
        var out = pattern
        let flips = Int((noise * Double(pattern.count)).rounded())
        for k in order.prefix(flips) { out[k] = -out[k] }
        return out
    }

    static func label(_ rep: CouplingRepresentation) -> String { rep.rawValue }

    /// Workload 1: Hebbian storage of p patterns in N units, in `representation`.
    public static func store(_ c: BenchmarkConfig, representation: CouplingRepresentation) -> BenchmarkResult {
        let pats = randomPatterns(count: c.count, patterns: c.patterns, seed: c.seed)
        var times: [Double] = [], cpu: [Double] = []
        var bytes = 0
        for _ in 0..<c.repetitions {
            let clock = Stopwatch()
            let couplings = Learning.couplings(for: pats, count: c.count, rule: .hebb, representation: representation)
            times.append(clock.elapsed)
            cpu.append(clock.cpuElapsed)
            bytes = couplings.memoryBytes
        }
        return BenchmarkResult(
            id: "store-\(label(representation))",
            title: "store \(c.patterns) patterns, N=\(c.count), Hebb, \(label(representation))",
            seconds: times, cpuSeconds: cpu,
            notes: [BenchmarkNote("couplingBytes", String(bytes))])
    }

    /// Workload 2: T = 0 recall, random asynchronous order, from a stored pattern with round(noise · N) units
    /// flipped, to a fixed point. Timed: loading the cue (which computes all fields: O(N²) dense, O(Np) low
    /// rank) and the sweeps up to and including the sweep that changes nothing.
    public static func recall(_ c: BenchmarkConfig, representation: CouplingRepresentation) -> BenchmarkResult {
        let pats = randomPatterns(count: c.count, patterns: c.patterns, seed: c.seed)
        let stored = pats.enumerated().map { StoredPattern(name: "p\($0.offset)", spins: $0.element) }
        let cue = corrupted(pats[0], noise: c.noise, seed: c.seed &+ 1)
        let net = EnergyNetwork(patterns: pats, count: c.count, rule: .hebb, units: .spin, representation: representation)
        let cueValues = net.values(of: cue)
        var times: [Double] = [], cpu: [Double] = []
        var updates = 0, sweeps = 0, flips = 0
        var outcome = RunOutcome.unconverged
        var overlap = 0.0
        for _ in 0..<c.repetitions {
            var sim = Simulation(network: net, temperature: 0, schedule: .random, seed: c.seed &+ 2)
            let clock = Stopwatch()
            sim.network.setState(cueValues)
            // No patterns: the classification of the end state (O(N p)) is not part of the dynamics timed.
            let result = sim.relax(maxSweeps: 1000, patterns: [])
            times.append(clock.elapsed)
            cpu.append(clock.cpuElapsed)
            updates = sim.updates
            sweeps = result.sweeps
            outcome = .unconverged
            if result.converged {
                switch Overlaps.classify(sim.network.upFlags, patterns: stored).0 {
                case .stored: outcome = .stored
                case .inverted: outcome = .inverted
                case .spurious: outcome = .spurious
                }
            }
            overlap = Overlaps.overlaps(of: sim.network.upFlags, with: [stored[0]])[0]
            flips = zip(sim.network.state, cueValues).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
        }
        return BenchmarkResult(
            id: "recall-\(label(representation))",
            title: "T=0 recall from \(Int(c.noise * 100))% noise, N=\(c.count), p=\(c.patterns), \(label(representation))",
            seconds: times, cpuSeconds: cpu, updates: Double(updates),
            notes: [BenchmarkNote("sweeps", String(sweeps)), BenchmarkNote("unitsChanged", String(flips)),
                    BenchmarkNote("overlap", String(format: "%.4f", overlap)), BenchmarkNote("outcome", outcome.rawValue)])
    }

    /// Workload 3: heat-bath (Gibbs) sampling at temperature T from a random state, `sweeps` sweeps of N
    /// single-unit updates in random order. The rate counts updates, flipped or not; the flip fraction is noted
    /// because a dense update costs O(N) only when the unit flips.
    public static func gibbs(_ c: BenchmarkConfig, representation: CouplingRepresentation) -> BenchmarkResult {
        let pats = randomPatterns(count: c.count, patterns: c.patterns, seed: c.seed)
        var net = EnergyNetwork(patterns: pats, count: c.count, rule: .hebb, units: .spin, representation: representation)
        var start = Xoshiro256(seed: c.seed &+ 3)
        net.setState(up: (0..<c.count).map { _ in start.next() >> 63 == 1 })
        let (times, cpu, flips) = timeSampling(net, temperature: c.temperature, seed: c.seed &+ 4, sweeps: c.sweeps,
                                               repetitions: c.repetitions)
        let total = Double(c.sweeps * c.count)
        return BenchmarkResult(
            id: "gibbs-\(label(representation))",
            title: "Gibbs T=\(c.temperature), N=\(c.count), p=\(c.patterns), \(c.sweeps) sweeps, \(label(representation))",
            seconds: times, cpuSeconds: cpu, updates: total,
            notes: [BenchmarkNote("flipFraction", String(format: "%.4f", Double(flips) / total))])
    }

    /// Workload 4: a full-screen network (rows x cols units, a few patterns): storage with the automatic
    /// representation, sampling rate at temperature T, and the process's resident memory afterwards.
    /// Run it first in a process so that the peak resident set is this workload's.
    public static func fullScreen(_ c: BenchmarkConfig) -> [BenchmarkResult] {
        let n = c.gridRows * c.gridCols
        let pats = randomPatterns(count: n, patterns: c.gridPatterns, seed: c.seed)
        var storeTimes: [Double] = [], storeCPU: [Double] = []
        var net: EnergyNetwork?
        for _ in 0..<c.repetitions {
            net = nil // the previous repetition's network is freed first, so every store starts from the same heap
            let clock = Stopwatch()
            let made = EnergyNetwork(patterns: pats, count: n, rule: .hebb, units: .spin)
            storeTimes.append(clock.elapsed)
            storeCPU.append(clock.cpuElapsed)
            net = made
        }
        guard var network = net else { return [] }
        let rep = network.representation
        network.setState(up: pats[0].map { $0 > 0 })
        let (sampleTimes, sampleCPU, flips) = timeSampling(network, temperature: c.temperature, seed: c.seed &+ 5,
                                                           sweeps: c.gridSweeps, repetitions: c.repetitions)
        var memNotes = [BenchmarkNote("couplingBytes", String(network.couplings.memoryBytes))]
        if let mem = MachineInfo.residentMemory() {
            memNotes.append(BenchmarkNote("residentBytes", String(mem.current)))
            memNotes.append(BenchmarkNote("peakResidentBytes", String(mem.peak)))
        }
        let total = Double(c.gridSweeps * n)
        let sweepTime = BenchmarkResult.median(sampleTimes) / Double(max(1, c.gridSweeps))
        return [
            BenchmarkResult(id: "fullscreen-store",
                            title: "store \(c.gridPatterns) patterns, \(c.gridCols)x\(c.gridRows)=\(n) units, auto: \(label(rep))",
                            seconds: storeTimes, cpuSeconds: storeCPU, notes: [BenchmarkNote("representation", label(rep))] + memNotes),
            BenchmarkResult(id: "fullscreen-gibbs",
                            title: "Gibbs T=\(c.temperature), \(n) units, \(c.gridSweeps) sweeps, \(label(rep))",
                            seconds: sampleTimes, cpuSeconds: sampleCPU, updates: total,
                            notes: [BenchmarkNote("sweepsPerSecond", String(format: "%.1f", sweepTime > 0 ? 1 / sweepTime : 0)),
                                    BenchmarkNote("flipFraction", String(format: "%.4f", Double(flips) / total))]),
        ]
    }

    /// Heat-bath sampling of `network` for `sweeps` random-order sweeps, repeated from the same state and seed:
    /// wall and CPU seconds per repetition, and the units changed in one repetition.
    static func timeSampling(_ network: EnergyNetwork, temperature: Double, seed: UInt64, sweeps: Int,
                             repetitions: Int) -> (seconds: [Double], cpuSeconds: [Double], flips: Int) {
        var times: [Double] = [], cpu: [Double] = []
        var flips = 0
        for _ in 0..<repetitions {
            var sim = Simulation(network: network, temperature: temperature, schedule: .random, seed: seed)
            var flipped = 0
            let clock = Stopwatch()
            for _ in 0..<sweeps { flipped += sim.sweep() }
            times.append(clock.elapsed)
            cpu.append(clock.cpuElapsed)
            flips = flipped
        }
        return (times, cpu, flips)
    }

    /// Which representation `Learning.preferredRepresentation` picks for the config's N and p.
    public static func automaticChoice(_ c: BenchmarkConfig) -> CouplingRepresentation {
        Learning.preferredRepresentation(count: c.count, rank: c.patterns)
    }
}
