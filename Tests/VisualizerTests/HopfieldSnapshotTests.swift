import EnergyModels
import Visualizer
import XCTest

/// Whole screens against golden files: two sizes, Unicode and ASCII glyphs, colour and monochrome.
final class HopfieldSnapshotTests: XCTestCase {
    func testUnicodeColor80x24() throws {
        let s = try busyHopfieldState(width: 80, height: 24, capabilities: .unicodeColor)
        assertSnapshot(ScreenSnapshot.dump(screen(s), theme: .dark), named: "hopfield-80x24-unicode-color")
    }

    func testAsciiMono80x24() throws {
        let s = try busyHopfieldState(width: 80, height: 24, capabilities: DisplayCapabilities(glyphs: .ascii, theme: .mono))
        assertSnapshot(ScreenSnapshot.dump(screen(s), theme: .mono), named: "hopfield-80x24-ascii-mono")
    }

    func testUnicodeMono200x60WithExplain() throws {
        var s = try busyHopfieldState(width: 200, height: 60, capabilities: DisplayCapabilities(glyphs: .unicode, theme: .mono))
        s.update(.toggleExplain)
        s.update(.step)
        s.update(.moveCursor(dRow: 2, dCol: 3))
        assertSnapshot(ScreenSnapshot.dump(screen(s), theme: .mono), named: "hopfield-200x60-unicode-mono-explain")
    }

    func testAsciiColor200x60() throws {
        let s = try busyHopfieldState(width: 200, height: 60, capabilities: DisplayCapabilities(glyphs: .ascii, theme: .dark))
        assertSnapshot(ScreenSnapshot.dump(screen(s), theme: .dark), named: "hopfield-200x60-ascii-color")
    }

    /// With the ASCII glyph set every screen is pure ASCII: help, explain (T > 0 too), cursor, too small.
    func testAsciiScreensAreAscii() throws {
        var s = try busyHopfieldState(width: 80, height: 24, capabilities: DisplayCapabilities(glyphs: .ascii, theme: .mono))
        var screens = [screen(s)]
        s.update(.toggleExplain); s.update(.hotter); s.update(.step); s.update(.moveCursor(dRow: 1, dCol: 1))
        screens.append(screen(s))
        s.update(.toggleAnnealing); s.update(.toggleHelp)
        screens.append(screen(s))
        screens.append(screen(s, width: 30, height: 8))
        for g in screens {
            for c in g.cells { XCTAssertTrue(c.scalar.isASCII, "non-ASCII \(c.scalar) in\n\(g.text)") }
        }
    }

    func testHelpOverlay80x24() throws {
        var s = makeState(try lettersConfig())
        s.update(.toggleHelp)
        assertSnapshot(ScreenSnapshot.dump(screen(s), theme: .dark), named: "hopfield-80x24-help")
    }

    func testTooSmall() throws {
        let s = makeState(try lettersConfig(), width: 40, height: 12)
        let g = screen(s)
        assertSnapshot(ScreenSnapshot.dump(g, theme: .dark), named: "hopfield-40x12-too-small")
        XCTAssertTrue(g.text.contains("Enlarge it to at least 60x16"), g.text)
    }

    /// Half blocks: a 24x24 grid at 80x24 only fits as half blocks (two rows of neurons per cell).
    func testHalfBlocksWhenSmall() throws {
        var rng = Xoshiro256(seed: 3)
        let n = 24 * 24
        let pats = (0..<3).map { k in StoredPattern(name: "r\(k)", up: (0..<n).map { _ in rng.nextUnit() < 0.5 }) }
        let config = HopfieldConfig(title: "random", patterns: pats, rows: 24, cols: 24, seed: 2, initialNoise: 0.1)
        let s = makeState(config)
        XCTAssertEqual(s.layout.scale, .half)
        assertSnapshot(ScreenSnapshot.dump(screen(s), theme: .dark), named: "hopfield-80x24-half-blocks")
    }
}
