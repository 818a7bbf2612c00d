import Foundation
import XCTest

/// `hopfield snapshot`: any live view off-screen as SVG, in the theme asked for, after keys and frames.
extension HeadlessCommandTests {
    func snapshot(_ name: String, _ options: [String], view: [String]) throws -> String {
        let path = dir + "/\(name).svg"
        let r = try Hopfield.run(["snapshot", "--output", path, "--size", "80x24"] + options + ["--"] + view)
        XCTAssertEqual(r.status, 0, r.stderr)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// --frames runs a view that opens paused (it is started first): the picture changes. With --keys
    /// pressing space the keys decide: space starts it, so frames run it too.
    func testFramesRunViewsThatOpenPaused() throws {
        for view in [["tui"], ["bm", "live"]] {
            let still = try snapshot("still", [], view: view)
            let run = try snapshot("run", ["--frames", "40"], view: view)
            XCTAssertNotEqual(still, run, "\(view): 40 frames change the picture")
            XCTAssertTrue(run.contains("RUNNING"), "\(view): the started view says so")
            let keyed = try snapshot("keyed", ["--keys", "space", "--frames", "40"], view: view)
            XCTAssertEqual(keyed, run, "\(view): space then frames is the same run")
            let pausedAgain = try snapshot("paused", ["--keys", "space space", "--frames", "40"], view: view)
            XCTAssertTrue(pausedAgain.contains("PAUSED"), "\(view): --keys paused it again, frames do not start it")
        }
    }

    /// The SVG follows the theme: a white canvas for light (the default, for slides), a dark one for dark.
    func testThemes() throws {
        let light = try snapshot("light", [], view: ["tui"])
        let dark = try snapshot("dark", ["--theme", "dark"], view: ["tui"])
        let mono = try snapshot("mono", ["--no-color"], view: ["tui"])
        XCTAssertTrue(light.contains("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"))
        XCTAssertTrue(dark.contains("<rect width=\"100%\" height=\"100%\" fill=\"#1d1f21\"/>"))
        XCTAssertNotEqual(light, mono)
        let bad = try Hopfield.run(["snapshot", "--output", dir + "/x.svg", "--theme", "sepia"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("sepia"), bad.stderr)
    }
}

/// `hopfield --help` (the default command is the live view) points to the live view's options.
extension HeadlessCommandTests {
    func testRootHelpPointsToTheLiveViewOptions() throws {
        let root = try Hopfield.run(["--help"])
        XCTAssertEqual(root.status, 0, root.stderr)
        XCTAssertTrue(root.stdout.contains("hopfield help tui"), root.stdout)
        let tui = try Hopfield.run(["help", "tui"])
        for option in ["--theme", "--unicode", "--record", "--fps", "--no-color"] {
            XCTAssertTrue(tui.stdout.contains(option), "\(option) missing from hopfield help tui:\n\(tui.stdout)")
        }
    }
}
