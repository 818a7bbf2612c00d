import EnergyModels
import Visualizer
import XCTest

final class BMLiveTests: XCTestCase {
    private func makeLive(seed: UInt64 = 1, width: Int = 80, height: Int = 24, capabilities: DisplayCapabilities = .unicodeColor) -> BMLiveState {
        var s = BMLiveState(config: BMLiveConfig(seed: seed))
        s.capabilities = capabilities
        s.update(.resize(width: width, height: height))
        return s
    }

    private func render(_ s: BMLiveState) -> CellGrid {
        var g = CellGrid(width: s.width, height: s.height)
        s.render(into: &g)
        return g
    }

    func testEveryKeyOfTheTableReachesItsAction() {
        for e in BMLiveState.keyMap.bindings {
            for (key, action) in e.keys { XCTAssertEqual(BMLiveState.keyMap.action(for: key), action, e.label) }
        }
        XCTAssertNil(BMLiveState.keyMap.action(for: .char("z")))
    }

    /// The view learns exactly what the headless engine learns with the same seed (stream 0 = run 1 of
    /// `bm encoder`), and finds the solution after the same cycle.
    func testViewLearnsWhatTheEngineLearns() {
        var s = makeLive(seed: 1)
        let problem = EncoderProblem(groupSize: 4, hidden: 2)
        var trainer = BoltzmannTrainer(machine: problem.makeMachine(), data: problem.trainingVectors, options: .init(), rng: Xoshiro256(seed: 1, stream: 0))
        for _ in 0..<3 {
            s.update(.cycle)
            trainer.cycle()
        }
        XCTAssertEqual(s.machine, trainer.machine)
        let headless = EncoderExperiment.runTrial(problem, options: .init(), maxCycles: 300, seed: 1, trial: 0)
        let target = try! XCTUnwrap(headless.solvedAtCycle)
        while s.stepper.cycles < target { s.update(.cycle) }
        XCTAssertEqual(s.solvedAtCycle, target)
        XCTAssertTrue(s.check.solved)
        XCTAssertTrue(render(s).text.contains("solved after cycle \(target)"))
    }

    func testSweepAnnealingAndClock() {
        var s = makeLive()
        s.update(.sweep)
        XCTAssertEqual(s.stepper.sweeps, 1)
        XCTAssertEqual(s.stepper.run?.phase, .positive)
        s.update(.annealing)
        // One annealing of the 1985 schedule is 20 sweeps; the next one has begun.
        XCTAssertEqual(s.stepper.sweeps, 20)
        XCTAssertEqual(s.stepper.run?.job, 1)
        // 200 sweeps a second: a tenth of a second is 20 sweeps; a long stall is capped at a quarter second.
        s.update(.toggleRun)
        s.tick(elapsed: 0.1)
        XCTAssertEqual(s.stepper.sweeps, 40)
        s.tick(elapsed: 10)
        XCTAssertEqual(s.stepper.sweeps, 90)
        s.update(.faster)
        XCTAssertEqual(s.sweepsPerSecond, 500)
        s.update(.toggleRun)
        s.tick(elapsed: 1)
        XCTAssertEqual(s.stepper.sweeps, 90, "paused: no sweeps")
    }

    /// At the default speed the first learning cycle (16 annealings of 20 sweeps) ends within 2 s of
    /// simulated frames after space, so the first weight change shows at once.
    func testDefaultSpeedFinishesACycleInTwoSeconds() {
        var s = makeLive()
        var probe = s
        while probe.stepper.cycles == 0 { probe.update(.sweep) }
        XCTAssertEqual(probe.stepper.sweeps, 320, "sweeps in one cycle of the 4-2-4 encoder")
        s.update(.toggleRun)
        var frames = 0
        while s.stepper.cycles == 0 && frames < 1000 {
            s.tick(elapsed: 0.05)
            frames += 1
        }
        XCTAssertLessThanOrEqual(Double(frames) * 0.05, 2, "cycle 1 took \(frames) frames of 50 ms")
    }

    /// `]` reaches "max": each frame then sweeps for 80% of its duration by the work clock.
    func testFastestRungSweepsForTheFrame() {
        var s = makeLive()
        for _ in 0..<40 { s.update(.faster) }
        XCTAssertEqual(s.sweepsPerSecond, .infinity)
        XCTAssertTrue(render(s).text.contains("max"), render(s).text)
        // A fake clock that advances 1 ms per reading: a 50 ms frame allows about 40 sweeps.
        final class Ticks: @unchecked Sendable { var t = 0.0 }
        let ticks = Ticks()
        s.workClock = { ticks.t += 0.001; return ticks.t }
        s.update(.toggleRun)
        s.tick(elapsed: 0.05)
        XCTAssertEqual(Double(s.stepper.sweeps), 40, accuracy: 1)
        // A long run at max speed keeps the method in view at 80 columns.
        while s.stepper.sweeps < 100_000 { s.tick(elapsed: 100) }
        XCTAssertTrue(render(s).text.contains("max\(s.capabilities.glyphs.separator)annealing"), render(s).text)
        s.update(.slower)
        XCTAssertEqual(s.sweepsPerSecond, 50_000)
    }

    /// Hinton squares match the legend: filled for positive weights, hollow for negative ones, larger
    /// for larger |w|, in their own colours, and the legend's glyphs are drawn in the same colours.
    func testHintonSquaresMatchTheLegend() {
        for (w, glyph, style) in [(1.0, "■", Style.positive), (0.5, "◼", .positive), (0.2, "▪", .positive),
                                  (-1.0, "□", .negative), (-0.5, "◻", .negative), (-0.2, "▫", .negative)] as [(Double, Unicode.Scalar, Style)] {
            let (s, st) = HintonGlyphs.glyph(weight: w, largest: 1, unicode: true)
            XCTAssertEqual(s, glyph, "\(w)")
            XCTAssertEqual(st, style, "\(w)")
        }
        var s = makeLive()
        for _ in 0..<3 { s.update(.cycle) }
        let g = render(s)
        let title = g.rowText(1)
        XCTAssertTrue(title.contains("Weights: ■ + □ −"), title)
        for x in 0..<g.width where g[x, 1].scalar == "■" || g[x, 1].scalar == "□" {
            XCTAssertEqual(g[x, 1].style, g[x, 1].scalar == "■" ? .positive : .negative)
        }
        // The diagram itself uses only legend shapes (and · for no weight).
        let allowed = Set(HintonGlyphs.positive + HintonGlyphs.negative + ["·"])
        let weights = (2..<g.height - 2).flatMap { y in (0..<g.width).map { g[$0, y] } }.filter { $0.style == .positive || $0.style == .negative }
        XCTAssertFalse(weights.isEmpty)
        XCTAssertTrue(weights.allSatisfy { allowed.contains($0.scalar) }, "\(Set(weights.map(\.scalar)))")
        XCTAssertFalse(g.text.contains("▒"), "no shaded stripes")
    }

    func testScreenShowsPhasesTemperatureAndWeights() {
        var s = makeLive()
        s.update(.cycle)
        s.update(.sweep)
        var text = render(s).text
        XCTAssertTrue(text.contains("POSITIVE V1, V2 clamped to input 1 + noise"), text)
        XCTAssertTrue(text.contains("T 20"))
        XCTAssertTrue(text.contains("Weights: ■ + □ −, max 2"))
        XCTAssertTrue(text.contains("V1 1") && text.contains("H 2"))
        // Through the positive annealings (8 x 20 sweeps) into the negative phase, where all units are free.
        for _ in 0..<8 { s.update(.annealing) }
        s.update(.sweep)
        text = render(s).text
        XCTAssertTrue(text.contains("NEGATIVE all units free"), text)
        XCTAssertFalse(text.contains("clamped"))
        s.update(.toggleTemperature)
        XCTAssertTrue(render(s).text.contains("T 20 ██"))
        s.update(.toggleHelp)
        XCTAssertTrue(render(s).text.contains("Keys (Esc closes)"))
        s.update(.closeOverlay)
        XCTAssertFalse(render(s).text.contains("Keys (Esc closes)"))
    }

    /// At 80x24 nothing the left panels and the title say is cut off: the between-cycles caption wraps, the
    /// speed is abbreviated so that the method stays in view, and the start-up hint fits beside the badge.
    func testNothingCutAt80x24() {
        var s = makeLive()
        var text = render(s).text
        XCTAssertTrue(text.contains("between cycles: the next sweep starts the"), text)
        XCTAssertTrue(text.contains("positive phase"), text)
        XCTAssertTrue(text.contains("200/s\(s.capabilities.glyphs.separator)annealing"), text)
        XCTAssertTrue(text.contains(BMLiveState.keyMap.summary(running: false) + " "), text)
        s.update(.sweep)
        text = render(s).text
        XCTAssertTrue(text.contains("POSITIVE V1, V2 clamped to input 1"), text)
        XCTAssertTrue(text.contains("annealing 1/"), text)
    }

    func testSnapshots() {
        var s = makeLive()
        for _ in 0..<2 { s.update(.cycle) }
        for _ in 0..<5 { s.update(.sweep) }
        assertSnapshot(render(s).text, named: "bm-live-80x24-unicode")
        var a = makeLive(capabilities: DisplayCapabilities(glyphs: .ascii, theme: .mono))
        for _ in 0..<2 { a.update(.cycle) }
        for _ in 0..<5 { a.update(.sweep) }
        assertSnapshot(render(a).text, named: "bm-live-80x24-ascii")
        assertSnapshot(render(makeLive(width: 60, height: 20)).text, named: "bm-live-60x20-too-small")
    }

    func testRestartAndQuit() {
        var s = makeLive(seed: 5)
        s.update(.cycle)
        s.update(.restart)
        XCTAssertEqual(s.config.seed, 6)
        XCTAssertEqual(s.stepper.cycles, 0)
        XCTAssertEqual(s.width, 80)
        var app = BMLiveApp(state: s)
        app.handle(.key(.char("q")))
        XCTAssertTrue(app.isFinished)
    }
}
