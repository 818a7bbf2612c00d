import Foundation
import Visualizer
import XCTest

/// Widgets against literal cell grids.
final class WidgetTests: XCTestCase {
    func testBoxWithTitle() {
        var g = CellGrid(width: 10, height: 3)
        Widgets.box(g.bounds, title: "Hi", glyphs: .ascii, into: &g)
        XCTAssertEqual(g.text, "+ Hi ----+\n|        |\n+--------+")
        var u = CellGrid(width: 4, height: 2)
        Widgets.box(u.bounds, glyphs: .unicode, into: &u)
        XCTAssertEqual(u.text, "┌──┐\n└──┘")
    }

    func testBarEighths() {
        var g = CellGrid(width: 4, height: 1)
        Widgets.bar(fraction: 0.5, x: 0, y: 0, width: 4, style: .bar, glyphs: .unicode, into: &g)
        XCTAssertEqual(g.rowText(0), "██··")
        Widgets.bar(fraction: 0.5 + 1.0 / 32, x: 0, y: 0, width: 4, style: .bar, glyphs: .unicode, into: &g)
        XCTAssertEqual(g.rowText(0), "██▏·")
        Widgets.bar(fraction: 2, x: 0, y: 0, width: 4, style: .bar, glyphs: .ascii, into: &g)
        XCTAssertEqual(g.rowText(0), "####")
        Widgets.bar(fraction: .nan, x: 0, y: 0, width: 4, style: .bar, glyphs: .ascii, into: &g)
        XCTAssertEqual(g.rowText(0), "....")
    }

    /// A falling series in Braille: the first sample at the top left dot, the last at the bottom right.
    func testBraillePlotOfFallingSeries() {
        var g = CellGrid(width: 12, height: 2)
        EnergyPlot.draw([0, -1, -2, -3, -4, -5, -6, -7], in: g.bounds, glyphs: .unicode, into: &g)
        XCTAssertTrue(g.rowText(0).hasPrefix(" 0.00│"), g.rowText(0))
        XCTAssertTrue(g.rowText(1).hasPrefix("-7.00│"))
        // Fitted to the width: the first sample at the top left dot (0x01), the last at the bottom right (0x80).
        let plotX = 6
        XCTAssertEqual(g[plotX, 0].scalar.value & 0xFF & 0x01, 0x01)
        XCTAssertNotEqual(g[11, 1].scalar.value & 0x80, 0)
        // An ASCII plot of the same series falls from the top row to the bottom row.
        var a = CellGrid(width: 14, height: 2)
        EnergyPlot.draw([0, -1, -2, -3, -4, -5, -6, -7], in: a.bounds, glyphs: .ascii, into: &a)
        XCTAssertEqual(a.text, " 0.00|****\n-7.00|    ****")
    }

    /// Monitor curves (`lines`): two samples become a straight line from the left edge to the right one;
    /// the energy trace (steps) holds each sample flat instead.
    func testLinesJoinFewSamplesStraight() {
        var line = CellGrid(width: 14, height: 5)
        EnergyPlot.draw([0, 8], lines: true, in: line.bounds, glyphs: .ascii, into: &line)
        let plotX = 1 + ((0..<14).first { line[$0, 0].scalar == "|" } ?? 0)
        let rows = (plotX..<14).map { x in (0..<5).first { line[x, $0].scalar == "*" } ?? -1 }
        XCTAssertEqual(rows.first, 4, line.text)
        XCTAssertEqual(rows.last, 0, line.text)
        XCTAssertEqual(rows, rows.sorted(by: >), "a monotone rising line\n\(line.text)")
        var steps = CellGrid(width: 14, height: 5)
        EnergyPlot.draw([0, 8], in: steps.bounds, glyphs: .ascii, into: &steps)
        XCTAssertEqual((plotX..<14).map { x in (0..<5).first { steps[x, $0].scalar == "*" } ?? -1 }, [4, 4, 4, 4, 0, 0, 0, 0, 0], steps.text)
    }

    func testPutClipsAndReplacesWideCharacters() {
        var g = CellGrid(width: 6, height: 1)
        XCTAssertEqual(g.put("ab漢c\u{301}defgh", x: 0, y: 0, style: .normal, maxWidth: 5), 5)
        XCTAssertEqual(g.rowText(0), "ab?c? ")
        g.put("zz", x: 5, y: 0, style: .normal)
        XCTAssertEqual(g.rowText(0), "ab?c?z", "writes past the edge are dropped")
    }

    func testSegmentsDropWhatDoesNotFit() {
        var g = CellGrid(width: 16, height: 1)
        Widgets.segments([("one", .value), ("two", .value), ("three", .value)], x: 0, y: 0, width: 16, glyphs: .ascii, into: &g)
        XCTAssertEqual(g.text, "one | two~")
    }

    func testSnapshotDumpNamesAppearances() {
        var g = CellGrid(width: 3, height: 1)
        g.set(0, 0, "x", style: .title)
        g.set(1, 0, "y", style: .normal)
        let mono = ScreenSnapshot.dump(g, theme: .mono)
        XCTAssertEqual(mono, "screen 3x1\nxy\n-- appearance (mono)\nab\n-- legend\na: bold reverse\nb: plain\n")
        XCTAssertTrue(ScreenSnapshot.dump(g, theme: .dark).contains("a: fg=white bg=blue bold"))
    }

    /// Monochrome keeps every style distinguishable from plain text where it carries meaning.
    func testMonochromeCarriesMeaningWithoutColour() {
        for style in [Style.title, .cursor, .lastUpdate, .running, .paused, .warning, .labelBest, .barBest, .key] {
            let a = Theme.mono.appearance(style)
            XCTAssertNil(a.foreground)
            XCTAssertNil(a.background)
            XCTAssertTrue(a.bold || a.reverse || a.underline, "\(style)")
        }
    }

    /// The painter's diff: nothing for an identical frame, exactly the changed cells otherwise, everything
    /// (non-blank) after a size change.
    func testFrameDiff() {
        var a = CellGrid(width: 4, height: 2)
        a.put("ab", x: 0, y: 0, style: .normal)
        XCTAssertTrue(a.changes(from: a).cells.isEmpty)
        XCTAssertFalse(a.changes(from: a).full)
        var b = a
        b.set(3, 1, "z", style: .normal)
        b.set(0, 0, "a", style: .title) // same character, new style: changed
        let d = b.changes(from: a)
        XCTAssertEqual(d.cells.map { "\($0.x),\($0.y)" }, ["0,0", "3,1"])
        let first = b.changes(from: nil)
        XCTAssertTrue(first.full)
        XCTAssertEqual(first.cells.count, 3)
        XCTAssertTrue(b.changes(from: CellGrid(width: 5, height: 2)).full)
    }

    /// Recording writes the golden file and still fails, so a CI run with HOPFIELD_RECORD_SNAPSHOTS set
    /// cannot pass; comparing then passes, and a changed screen fails with the differing line.
    func testRecordModeFailsAfterWriting() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hopfield-snap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let recorded = snapshotFailure("a\nb", named: "s", in: dir, record: true)
        XCTAssertNotNil(recorded)
        XCTAssertTrue(recorded?.contains("recorded snapshot s.txt") ?? false)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("s.txt"), encoding: .utf8), "a\nb")
        XCTAssertNil(snapshotFailure("a\nb", named: "s", in: dir, record: false))
        XCTAssertEqual(snapshotFailure("a\nB", named: "s", in: dir, record: false)?.hasSuffix("   2 -b\n   2 +B"), true)
        XCTAssertNotNil(snapshotFailure("x", named: "missing", in: dir, record: false))
    }

    func testLineDiffNamesDifferingLines() {
        XCTAssertEqual(lineDiff("a\nb\nc", "a\nB\nc"), "   2 -b\n   2 +B")
        XCTAssertEqual(lineDiff("a", "a\nextra"), "   2 +extra")
    }
}
