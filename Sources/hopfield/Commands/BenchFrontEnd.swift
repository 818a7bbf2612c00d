import EnergyModels
import Visualizer

/// Workload 7, the in-process half: how long the live view takes to build its first frame and to render a
/// frame into a cell grid, with no terminal involved (the bytes a real terminal receives, and the CPU while
/// paused, are measured by Benchmarks/frontend.sh under tmux).
enum FrontEndBench {
    /// The live view as `hopfield` opens it (the default letters), or on a 64x64 network of five random
    /// patterns, at temperature `temperature`, running (the view opens paused).
    static func app(large: Bool, temperature: Double, seed: UInt64) throws -> HopfieldApp {
        let config: HopfieldConfig
        if large {
            let side = 64
            let pats = BenchmarkSuite.randomPatterns(count: side * side, patterns: 5, seed: seed)
            let stored = pats.enumerated().map { StoredPattern(name: "r\($0.offset)", spins: $0.element) }
            config = HopfieldConfig(title: "bench", patterns: stored, rows: side, cols: side, temperature: temperature, seed: seed)
        } else {
            let set = try TuiDefaults.defaultSet()
            let stored = set.patterns.prefix(HopfieldState.maxMemories).map { StoredPattern(name: $0.name, up: $0.bits) }
            config = HopfieldConfig(title: "letters", patterns: Array(stored), rows: set.rows, cols: set.cols,
                                    temperature: temperature, seed: seed)
        }
        var app = HopfieldApp(state: HopfieldState(config: config))
        app.state.running = true
        return app
    }

    static func run(_ c: BenchmarkConfig) throws -> [BenchmarkResult] {
        var results: [BenchmarkResult] = []
        // Time to first frame: building the model and view state, laying out, rendering once (80x24).
        var first: [Double] = [], firstCPU: [Double] = []
        for _ in 0..<c.repetitions {
            let clock = Stopwatch()
            var a = try app(large: false, temperature: 2, seed: c.seed)
            a.start(width: 80, height: 24, capabilities: .unicodeColor)
            var grid = CellGrid(width: 80, height: 24)
            a.render(into: &grid)
            first.append(clock.elapsed)
            firstCPU.append(clock.cpuElapsed)
        }
        results.append(BenchmarkResult(id: "frontend-first-frame", title: "live view, default letters: model, layout and first 80x24 frame",
                                       seconds: first, cpuSeconds: firstCPU))
        // Frame cost at two window sizes: one 1/20 s tick of the default speed, then a full render.
        let frames = max(20, c.sweeps * 2)
        for (large, w, h) in [(false, 80, 24), (false, 250, 80), (true, 250, 80)] {
            var renderTimes: [Double] = [], renderCPU: [Double] = [], tickTimes: [Double] = []
            for _ in 0..<c.repetitions {
                var a = try app(large: large, temperature: 2, seed: c.seed)
                a.start(width: w, height: h, capabilities: .unicodeColor)
                var grid = CellGrid(width: w, height: h)
                var render = 0.0, cpu = 0.0, tick = 0.0
                for _ in 0..<frames {
                    let t = Stopwatch()
                    a.tick(elapsed: 1.0 / 20)
                    tick += t.elapsed
                    let r = Stopwatch()
                    a.render(into: &grid)
                    render += r.elapsed
                    cpu += r.cpuElapsed
                }
                renderTimes.append(render / Double(frames))
                renderCPU.append(cpu / Double(frames))
                tickTimes.append(tick / Double(frames))
            }
            results.append(BenchmarkResult(
                id: "frontend-render-\(w)x\(h)\(large ? "-64x64" : "")",
                title: "live view: render one \(w)x\(h) frame (\(large ? "64x64 network" : "letters"), T=2, running)",
                seconds: renderTimes, cpuSeconds: renderCPU,
                notes: [BenchmarkNote("tickSeconds", String(format: "%.6f", BenchmarkResult.median(tickTimes))),
                        BenchmarkNote("framesPerRepetition", String(frames))]))
        }
        return results
    }
}
