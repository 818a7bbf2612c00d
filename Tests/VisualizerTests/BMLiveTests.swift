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
        // 20 sweeps a second: a tenth of a second is 2 sweeps; a long stall is capped at a quarter second.
        s.update(.toggleRun)
        s.tick(elapsed: 0.1)
        XCTAssertEqual(s.stepper.sweeps, 22)
        s.tick(elapsed: 10)
        XCTAssertEqual(s.stepper.sweeps, 27)
        s.update(.faster)
        XCTAssertEqual(s.sweepsPerSecond, 50)
        s.update(.toggleRun)
        s.tick(elapsed: 1)
        XCTAssertEqual(s.stepper.sweeps, 27, "paused: no sweeps")
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
        XCTAssertTrue(text.contains("20/s\(s.capabilities.glyphs.separator)annealing"), text)
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
