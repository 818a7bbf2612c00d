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
}
