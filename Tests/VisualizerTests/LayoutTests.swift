import EnergyModels
import Visualizer
import XCTest

final class LayoutTests: XCTestCase {
    func testScaleChoice() {
        // 10x10 neurons: 2k columns x k rows each.
        XCTAssertEqual(NeuronScale.best(rows: 10, cols: 10, width: 44, height: 18, unicode: true), .block(1))
        XCTAssertEqual(NeuronScale.best(rows: 10, cols: 10, width: 128, height: 56, unicode: true), .block(5))
        XCTAssertEqual(NeuronScale.best(rows: 10, cols: 10, width: 19, height: 9, unicode: true), .half)
        XCTAssertEqual(NeuronScale.best(rows: 10, cols: 10, width: 19, height: 10, unicode: false), .single)
        XCTAssertNil(NeuronScale.best(rows: 10, cols: 10, width: 9, height: 4, unicode: true))
        XCTAssertEqual(NeuronScale.half.size(rows: 9, cols: 4).height, 5, "an odd row count rounds up")
    }

    func testEightyByTwentyFourFitsAndSmallerDoesNot() {
        let ok = HopfieldLayout(width: 80, height: 24, rows: 10, cols: 10, memories: 5, showExplain: true, unicode: true)
        XCTAssertFalse(ok.tooSmall)
        XCTAssertEqual(ok.minWidth, 60)
        let small = HopfieldLayout(width: 59, height: 24, rows: 10, cols: 10, memories: 5, showExplain: false, unicode: true)
        XCTAssertTrue(small.tooSmall)
        XCTAssertTrue(HopfieldLayout(width: 80, height: 15, rows: 10, cols: 10, memories: 5, showExplain: false, unicode: true).tooSmall)
    }

    /// Many memories do not make the window "too small": the overlap panel lists what fits and counts the rest.
    func testManyMemoriesShrinkTheOverlapPanel() throws {
        let l = HopfieldLayout(width: 80, height: 18, rows: 10, cols: 10, memories: 16, showExplain: false, unicode: true)
        XCTAssertFalse(l.tooSmall)
        XCTAssertEqual(l.minHeight, 16)
        XCTAssertEqual(l.overlapPanel.height, 9)
        XCTAssertEqual(l.regions.filter { if case .overlapRow = $0.1 { return true } else { return false } }.count, 7)
        var config = try lettersConfig()
        var rng = Xoshiro256(seed: 9)
        config.patterns += (0..<10).map { k in StoredPattern(name: "R\(k)", up: (0..<100).map { _ in rng.nextUnit() < 0.5 }) }
        var s = makeState(config, width: 80, height: 18)
        XCTAssertTrue(screen(s).text.contains("+8 more"), screen(s).text)
        // The best match stays visible: cue memory 15 (hidden among the rest) and it takes the last row.
        s.update(.cue(14))
        XCTAssertEqual(s.bestIndex, 14)
        XCTAssertEqual(s.layout.overlapRows, [0, 1, 2, 3, 4, 5, 14])
        XCTAssertTrue(screen(s).text.contains("R9"), screen(s).text)
        XCTAssertEqual(s.layout.target(atX: s.layout.overlapPanel.x + 2, y: s.layout.overlapPanel.y + 7), .overlapRow(14))
    }

    /// Panels tile the window without overlapping, at many sizes.
    func testPanelsDoNotOverlap() {
        for w in stride(from: 60, through: 240, by: 7) {
            for h in stride(from: 16, through: 80, by: 5) {
                for explain in [false, true] {
                    let l = HopfieldLayout(width: w, height: h, rows: 10, cols: 10, memories: 5, showExplain: explain, unicode: true)
                    XCTAssertFalse(l.tooSmall)
                    var rects = [l.titleBar, l.gridPanel, l.energyPanel, l.overlapPanel, l.statusLines, l.hintLine]
                    if let e = l.explainPanel { rects.append(e) }
                    var covered = [Bool](repeating: false, count: w * h)
                    for r in rects where !r.isEmpty {
                        XCTAssertTrue(r.x >= 0 && r.y >= 0 && r.maxX <= w && r.maxY <= h, "\(r) outside \(w)x\(h)")
                        for y in r.y..<r.maxY { for x in r.x..<r.maxX {
                            XCTAssertFalse(covered[y * w + x], "overlap at \(x),\(y) in \(w)x\(h)")
                            covered[y * w + x] = true
                        } }
                    }
                    let inner = l.gridPanel.inset(1)
                    XCTAssertTrue(inner.contains(x: l.gridArea.x, y: l.gridArea.y) && l.gridArea.maxX <= inner.maxX && l.gridArea.maxY <= inner.maxY)
                }
            }
        }
    }

    /// Every neuron's drawn cells map back to that neuron (mouse hits hit what was drawn).
    func testHitTestingInvertsDrawing() {
        for (w, h) in [(80, 24), (200, 60), (60, 16)] {
            let l = HopfieldLayout(width: w, height: h, rows: 10, cols: 10, memories: 5, showExplain: false, unicode: true)
            let a = l.gridArea
            var seen = Set<Int>()
            for y in a.y..<a.maxY {
                for x in a.x..<a.maxX {
                    guard let (r, c) = l.neuron(atX: x, y: y, rows: 10, cols: 10) else { return XCTFail("no neuron at \(x),\(y)") }
                    seen.insert(r * 10 + c)
                    XCTAssertEqual(l.target(atX: x, y: y), .neuronGrid)
                }
            }
            XCTAssertEqual(seen.count, l.scale == .half ? 50 : 100)
            XCTAssertNil(l.neuron(atX: a.x - 1, y: a.y, rows: 10, cols: 10))
        }
    }

    /// Every window size renders without trapping (0x0 included), with and without the overlays, in both
    /// glyph sets; sizes below the minimum show the "too small" screen.
    func testEverySizeRenders() throws {
        for caps in [DisplayCapabilities.unicodeColor, DisplayCapabilities(glyphs: .ascii, theme: .mono)] {
            var s = makeState(try lettersConfig(), capabilities: caps)
            s.update(.step)
            s.update(.moveCursor(dRow: 0, dCol: 0))
            for (help, explain) in [(false, false), (true, true), (false, true)] {
                s.showHelp = help
                s.showExplain = explain
                for w in stride(from: 0, through: 130, by: 7) {
                    for h in stride(from: 0, through: 50, by: 3) {
                        let g = screen(s, width: w, height: h)
                        if w >= 10 && h >= 4 && (w < 60 || h < 16) { XCTAssertTrue(g.text.lowercased().contains("too small"), "\(w)x\(h)\n\(g.text)") }
                    }
                }
            }
        }
    }
}
