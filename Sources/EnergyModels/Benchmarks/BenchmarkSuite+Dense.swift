extension BenchmarkSuite {
    /// N and K of the dense workload.
    public static let denseSize = (count: 1024, memories: 1000)

    /// Workload 5: heat-bath sweeps of dense associative memories (poly:3, exp) with K = 1000 random memories on
    /// N = 1024 units at T = 1 from a random state; a single-unit update costs O(K) (the gap from the overlaps)
    /// plus O(K) when the unit flips, so the note gives nanoseconds per update and per update and memory.
    public static func denseSweeps(_ c: BenchmarkConfig) -> [BenchmarkResult] {
        let (n, k) = denseSize
        let sweeps = max(2, c.sweeps / 5)
        let patterns = randomPatterns(count: n, patterns: k, seed: c.seed).enumerated().map { StoredPattern(name: "\($0.offset)", spins: $0.element) }
        var start = Xoshiro256(seed: c.seed &+ 6)
        let up = (0..<n).map { _ in start.next() >> 63 == 1 }
        return [Separation.polynomial(3), .exponential].compactMap { separation in
            guard var memory = try? DenseAssociativeMemory(count: n, patterns: patterns, separation: separation) else { return nil }
            memory.setState(up: up)
            let (times, cpu, flips) = timeSampling(memory, temperature: 1, seed: c.seed &+ 7, sweeps: sweeps, repetitions: c.repetitions)
            let total = Double(sweeps * n)
            let perUpdate = BenchmarkResult.median(cpu) / total
            return BenchmarkResult(
                id: "dense-\(separation.interaction.name)",
                title: "dense \(separation.interaction.name) heat bath T=1, N=\(n), K=\(k), \(sweeps) sweeps",
                seconds: times, cpuSeconds: cpu, updates: total,
                notes: [BenchmarkNote("nsPerUpdate", String(format: "%.0f", perUpdate * 1e9)),
                        BenchmarkNote("nsPerUpdatePerMemory", String(format: "%.2f", perUpdate * 1e9 / Double(k))),
                        BenchmarkNote("flipFraction", String(format: "%.4f", Double(flips) / total))])
        }
    }
}
