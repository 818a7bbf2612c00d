import Visualizer
import XCTest

/// Themes are tables of semantic styles checked against the background they are made for.
final class ThemeTests: XCTestCase {
    /// WCAG luminance: the extremes and a known mid value.
    func testLuminanceAndContrast() {
        XCTAssertEqual(RGB(255, 255, 255).luminance, 1, accuracy: 1e-9)
        XCTAssertEqual(RGB(0, 0, 0).luminance, 0, accuracy: 1e-12)
        XCTAssertEqual(RGB(255, 255, 255).contrast(with: RGB(0, 0, 0)), 21, accuracy: 1e-9)
        // #777777 on white is the classic 4.48:1.
        XCTAssertEqual(RGB(0x77, 0x77, 0x77).contrast(with: RGB(255, 255, 255)), 4.48, accuracy: 0.01)
        // xterm's yellow on white: the low contrast the issue reported.
        XCTAssertLessThan(TermColor.yellow.rgb().contrast(with: RGB(255, 255, 255)), 2)
    }

    /// Every style of the light theme reads on a white background, and every style of the dark theme on a
    /// black one: luminance contrast ≥ 3 for the text colour against its own background (the terminal's, or
    /// the style's), with bold counted also as the bright colour many terminals show for it and faint text
    /// as halfway to the background.
    func testEveryTextStyleContrastsWithItsBackground() {
        for theme in [Theme.light, .dark] {
            for style in Style.allCases {
                let a = theme.appearance(style)
                let (fgs, bg) = theme.colors(a)
                for fg in fgs {
                    let ratio = fg.contrast(with: bg)
                    XCTAssertGreaterThanOrEqual(ratio, 3, "\(theme) \(style) (\(a)): \(fg.hex) on \(bg.hex) is \(ratio)")
                }
            }
        }
        XCTAssertEqual(Theme.light.canvas.background, RGB(255, 255, 255))
        XCTAssertEqual(Theme.dark.canvas.background, RGB(0, 0, 0))
    }

    /// The check above can fail: the old title bar (bold black on cyan) shows grey on cyan in terminals
    /// that brighten bold.
    func testContrastCheckCatchesBoldBlack() {
        let old = Appearance(foreground: .black, background: .cyan, bold: true)
        let (fgs, bg) = Theme.dark.colors(old)
        XCTAssertLessThan(fgs.map { $0.contrast(with: bg) }.min() ?? 99, 3)
    }

    func testLightThemeWritesNoYellowOrCyanText() {
        for style in Style.allCases {
            let fg = Theme.light.appearance(style).foreground
            XCTAssertNotEqual(fg, .yellow, "\(style)")
            XCTAssertNotEqual(fg, .cyan, "\(style)")
        }
    }

    /// Monochrome keeps every meaningful style distinguishable from plain text without colour, and ignores
    /// grey backgrounds.
    func testMonoUsesNoColour() {
        for style in Style.allCases {
            let a = Theme.mono.appearance(style)
            XCTAssertNil(a.foreground)
            XCTAssertNil(a.background)
        }
        XCTAssertNil(Theme.mono.appearance(of: Cell(" ", grey: 12)).background)
        XCTAssertEqual(Theme.dark.appearance(of: Cell(" ", grey: 12)).background, .grey(12))
        XCTAssertEqual(TermColor.grey(0).index, 232)
        XCTAssertEqual(TermColor.grey(23).index, 255)
    }

    /// NO_COLOR wins, then HOPFIELD_THEME, then COLORFGBG's background (7 or 15: light), else dark.
    func testThemeFromEnvironment() {
        XCTAssertEqual(Theme.fromEnvironment([:]), .dark)
        XCTAssertEqual(Theme.fromEnvironment(["HOPFIELD_THEME": "light"]), .light)
        XCTAssertEqual(Theme.fromEnvironment(["HOPFIELD_THEME": "nonsense"]), .dark)
        XCTAssertEqual(Theme.fromEnvironment(["COLORFGBG": "0;15"]), .light)
        XCTAssertEqual(Theme.fromEnvironment(["COLORFGBG": "15;default;0"]), .dark)
        XCTAssertEqual(Theme.fromEnvironment(["COLORFGBG": "0;default;7"]), .light)
        XCTAssertEqual(Theme.fromEnvironment(["COLORFGBG": "0;15", "HOPFIELD_THEME": "dark"]), .dark)
        XCTAssertEqual(Theme.fromEnvironment(["NO_COLOR": "1", "HOPFIELD_THEME": "light"]), .mono)
        XCTAssertEqual(Theme.fromEnvironment(["NO_COLOR": ""]), .dark, "an empty NO_COLOR does not count")
        XCTAssertEqual(Theme.environmentProblem(["HOPFIELD_THEME": "sepia\u{1B}"]), "HOPFIELD_THEME=sepia\\u{1B} is not dark, light or mono: ignored")
        // The one sanitiser's rule: unsafe scalars escaped, other letters kept.
        XCTAssertEqual(Theme.environmentProblem(["HOPFIELD_THEME": "sépia\u{202E}"]), "HOPFIELD_THEME=sépia\\u{202E} is not dark, light or mono: ignored")
        XCTAssertNil(Theme.environmentProblem(["HOPFIELD_THEME": "light"]))
        XCTAssertNil(Theme.environmentProblem([:]))
    }

    /// The SVG follows the theme: its canvas and its text colours.
    func testSVGFollowsTheTheme() {
        var g = CellGrid(width: 4, height: 1)
        g.put("ab", x: 0, y: 0, style: .normal)
        XCTAssertTrue(SVGExport.svg(g, theme: .dark).contains("fill=\"#1d1f21\"/>"))
        XCTAssertTrue(SVGExport.svg(g, theme: .light).contains("fill=\"#ffffff\"/>"))
        XCTAssertNotEqual(SVGExport.svg(g, theme: .dark), SVGExport.svg(g, theme: .light))
    }

    /// What the views actually draw reads too: every visible character of every view (help overlay,
    /// explain and capacity panels, both BM phases, the RBM, a lesson) in the light and the dark theme,
    /// with the emphasis its cell adds, contrasts ≥ 3 with its background. (Grey-ramp pixels are pictures,
    /// not text.) This is what caught a bold badge, which many terminals show as grey on yellow.
    func testEveryDrawnCharacterContrasts() throws {
        var screens: [(String, CellGrid)] = []
        func add<A: TerminalApp>(_ name: String, _ app: A, _ w: Int = 100, _ h: Int = 32) {
            var g = CellGrid(width: w, height: h)
            app.render(into: &g)
            screens.append((name, g))
        }
        let caps = DisplayCapabilities(glyphs: .unicode, theme: .dark, greyRamp: true)
        var hop = HopfieldApp(state: try busyHopfieldState(width: 100, height: 32, capabilities: caps))
        add("hopfield", hop)
        for action in [Action.toggleExplain, .hotter, .step, .toggleCapacity, .toggleAnnealing, .moveCursor(dRow: 1, dCol: 1)] { hop.perform(action) }
        add("hopfield panels", hop)
        hop.perform(.toggleHelp)
        add("hopfield help", hop)
        var bm = BMLiveState(config: BMLiveConfig(seed: 1))
        bm.update(.cycle)
        bm.update(.sweep)
        add("bm positive", BMLiveApp(state: bm))
        for _ in 0..<8 { bm.update(.annealing) }
        bm.update(.toggleRun)
        add("bm negative", BMLiveApp(state: bm))
        var rbm = RBMLiveState(config: RBMLiveTests.config())
        for _ in 0..<20 { rbm.update(.stepBatch) }
        rbm.update(.toggleClamp)
        add("rbm", RBMLiveApp(state: rbm, writeModel: { _ in "" }))
        let lesson = try XCTUnwrap(try BuiltinLessonLibrary.lesson(named: "temperature"))
        var app = try LessonApp(lesson: lesson)
        app.start(width: 100, height: 32, capabilities: caps)
        add("lesson", app)
        for theme in [Theme.light, .dark] {
            var bad: Set<String> = []
            for (name, g) in screens {
                for c in g.cells where c.scalar != " " && c.scalar != "█" && c.grey == nil && c.inkGrey == nil {
                    let a = theme.appearance(of: c)
                    let (fgs, bg) = theme.colors(a)
                    if fgs.contains(where: { $0.contrast(with: bg) < 3 }) { bad.insert("\(name): \(c.style) \(a) '\(c.scalar)'") }
                }
            }
            XCTAssertTrue(bad.isEmpty, "\(theme): \(bad.sorted().joined(separator: "; "))")
        }
    }
}
