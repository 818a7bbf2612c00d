import EnergyModels
import Visualizer
import XCTest

/// The frame clock and what the view shows while running.
final class HopfieldDynamicsTests: XCTestCase {
    /// At T = 0 (asynchronous) the energy trace never rises while running, and the run stops at a fixed
    /// point: the view then stops asking for frames.
    func testEnergyNeverRisesAtZeroTemperatureAndRunSettles() throws {
        for seed in 1...5 as ClosedRange<UInt64> {
            var s = makeState(try lettersConfig(seed: seed))
            s.update(.cue(seed % 5 == 0 ? 0 : Int(seed % 5)))
            s.update(.corrupt)
            s.update(.corrupt)
            s.update(.toggleRun)
            let start = s.history.count
            var frames = 0
            while s.isAnimating && frames < 2000 {
                s.tick(elapsed: 0.05)
                frames += 1
            }
            XCTAssertFalse(s.isAnimating, "seed \(seed): still running after \(frames) frames")
            XCTAssertTrue(s.network.isFixedPoint)
            let trace = s.history.last(s.history.count - start + 1)
            for (a, b) in zip(trace, trace.dropFirst()) { XCTAssertLessThanOrEqual(b, a + 1e-9, "seed \(seed)") }
            XCTAssertLessThan(s.pairwiseNetwork.invariantError(), 1e-9)
        }
    }

    /// 20% noise on a letter is recalled (these five letters are fixed points, well within capacity).
    func testRecallFromCorruptedCue() throws {
        var s = makeState(try lettersConfig(seed: 11))
        s.update(.cue(3))
        s.update(.corrupt)
        s.update(.toggleRun)
        for _ in 0..<400 where s.isAnimating { s.tick(elapsed: 0.05) }
        XCTAssertEqual(s.bestIndex, 3)
        XCTAssertEqual(s.overlaps[3], 1)
    }

    /// Simulation speed is per second of wall-clock time, not per frame: 1 s in 20 frames or in 50 frames
    /// performs the same number of updates (T > 0 so the run never stops early).
    func testSpeedIsIndependentOfFrameRate() throws {
        var a = makeState(try lettersConfig())
        a.update(.hotter)
        for _ in 0..<8 { a.update(.hotter) }
        var b = a
        a.update(.toggleRun)
        b.update(.toggleRun)
        for _ in 0..<20 { a.tick(elapsed: 0.05) }
        for _ in 0..<50 { b.tick(elapsed: 0.02) }
        let expected = Int(a.updatesPerSecond)
        XCTAssertEqual(a.simulation.updates, expected)
        XCTAssertEqual(b.simulation.updates, expected)
        // A stall (a long frame) is not made up in one burst beyond a quarter second.
        var c = a
        let before = c.simulation.updates
        c.tick(elapsed: 10)
        XCTAssertEqual(c.simulation.updates - before, Int(c.updatesPerSecond * 0.25))
    }

    func testPausedViewDoesNotChangeOnTick() throws {
        var s = makeState(try lettersConfig())
        let e = s.network.energy
        for _ in 0..<10 { s.tick(elapsed: 0.1) }
        XCTAssertEqual(s.simulation.updates, 0)
        XCTAssertEqual(s.network.energy, e)
        let app = HopfieldApp(state: s)
        XCTAssertFalse(app.wantsFrames)
    }

    func testSynchronousScheduleCountsAndExplains() throws {
        var s = makeState(try lettersConfig())
        s.update(.cycleSchedule)
        s.update(.cycleSchedule)
        XCTAssertEqual(s.simulation.schedule, .synchronous)
        s.update(.step)
        XCTAssertEqual(s.simulation.updates, s.unitCount)
        XCTAssertNil(s.simulation.lastUpdate)
        s.update(.toggleExplain)
        XCTAssertTrue(screen(s).text.contains("synchronous step"))
    }

    /// The explain panel shows the numbers of the last update; ΔE = -(new - old) h.
    func testExplainPanelShowsLastUpdate() throws {
        var s = makeState(try lettersConfig())
        s.update(.hotter)
        for _ in 0..<10 { s.update(.hotter) }
        s.update(.toggleExplain)
        s.update(.step)
        let u = try XCTUnwrap(s.simulation.lastUpdate)
        let text = screen(s).text
        XCTAssertTrue(text.contains("unit \(u.unit) = (row \(u.unit / 10), col \(u.unit % 10))"), text)
        XCTAssertTrue(text.contains("local field h = \(Format.signed(u.field, 3))"))
        XCTAssertTrue(text.contains("this outcome had p = \(Format.fixed(u.probability, 3))"))
        XCTAssertEqual(u.deltaEnergy, -(u.newValue - u.oldValue) * u.field, accuracy: 1e-12)
    }

    /// Names and messages are untrusted: control characters never reach the grid.
    func testUntrustedTextIsSanitized() throws {
        var config = try lettersConfig()
        config.patterns[0].name = "\u{1B}[31mEVIL\u{07}"
        config.title = "t\u{1B}]0;pwned\u{07}"
        var s = makeState(config, width: 120, height: 30)
        s.message = "bad \u{1B}[2J"
        let g = screen(s)
        for c in g.cells { XCTAssertGreaterThanOrEqual(c.scalar.value, 0x20); XCTAssertNotEqual(c.scalar.value, 0x7F) }
        XCTAssertTrue(g.text.contains("\\u{1B}"))
    }

    /// Samples after user edits are marked, and the plot does not join them to the sample before; the
    /// dynamics' own samples are joined.
    func testEditsBreakTheTrace() throws {
        var s = makeState(try lettersConfig())
        s.update(.sweep)
        s.update(.corrupt)
        s.update(.step)
        XCTAssertEqual(s.history.lastEdits(3), [false, true, false])
        var joined = CellGrid(width: 10, height: 5)
        EnergyPlot.draw([0, -8, 8, 7], in: joined.bounds, glyphs: .ascii, into: &joined)
        var broken = CellGrid(width: 10, height: 5)
        EnergyPlot.draw([0, -8, 8, 7], breaks: [false, false, true, false], in: broken.bounds, glyphs: .ascii, into: &broken)
        // Rows 0 (E = 8) to 4 (E = -8): the drop 0 -> -8 joins row 3, the rise -8 -> 8 rows 1-3.
        XCTAssertEqual(joined.text.filter { $0 == ":" }.count, 4, joined.text)
        XCTAssertEqual(broken.text.filter { $0 == ":" }.count, 1, "only the 0 -> -8 drop is joined\n\(broken.text)")
    }

    /// A full history is compressed pairwise, never cut: the oldest sample's value is still in range.
    func testEnergyHistoryCompressesInsteadOfDropping() {
        var h = EnergyHistory(capacity: 4)
        for k in 0..<6 { h.append(Double(k)) }
        XCTAssertEqual(h.count, 4)
        XCTAssertEqual(h.sampleCount, 6)
        XCTAssertEqual(h.last(10), [1, 3, 4, 5])
        XCTAssertEqual(h.buckets.first?.lo, 0)
        XCTAssertEqual(h.buckets.first?.hi, 1)
        XCTAssertEqual(h.latest, 5)
        h.append(6, edit: true)
        XCTAssertEqual(h.last(2), [5, 6])
        XCTAssertEqual(h.lastEdits(2), [false, true])
        XCTAssertEqual(h.buckets.first?.lo, 0, "the first sample survives a second compression")
        XCTAssertEqual(h.sampleCount, 7)
    }

    /// The trace is fitted to the plot: a long history spans the full width with the newest sample at the
    /// right edge, and so does a short one (each sample then a step several columns wide).
    func testTraceSpansThePlotWidth() {
        for n in [3, 37, 400, 5000] {
            var h = EnergyHistory(capacity: 2048)
            for k in 0..<n { h.append(-Double(k).squareRoot()) }
            var g = CellGrid(width: 40, height: 6)
            EnergyPlot.draw(buckets: h.buckets, in: g.bounds, glyphs: .unicode, into: &g)
            let axis = (0..<40).first { g[$0, 0].scalar == "│" } ?? 0
            let used = (axis + 1..<40).filter { x in (0..<6).contains { (0x2801...0x28FF).contains(g[x, $0].scalar.value) } }
            XCTAssertEqual(used.count, 40 - axis - 1, "n = \(n): every column carries the trace\n\(g.text)")
            // The newest (lowest) sample is at the bottom right.
            XCTAssertNotEqual(g[39, 5].scalar, " ", "n = \(n)\n\(g.text)")
        }
    }
}
