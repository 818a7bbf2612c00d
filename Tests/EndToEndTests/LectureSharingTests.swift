// Linux only, like the other tmux tests (the Tmux helper lives in TuiEndToEndTests.swift).
#if os(Linux)
import Foundation
import Glibc
import XCTest

/// The class set-up of `hopfield lecture`: the lecturer's view in a tmux session, students attached
/// read-only from terminals of different sizes. The view must re-lay itself out for whatever size tmux gives
/// it, and a read-only client's keys must not reach it.
final class LectureSharingTests: XCTestCase {
    var lecturer: Tmux!
    var viewers: [Tmux] = []
    var dir = ""

    override func setUpWithError() throws {
        guard Tmux.executable != nil else { throw XCTSkip("tmux is not installed: the terminal end-to-end tests need it (CI installs it)") }
        dir = NSTemporaryDirectory() + "hopfield-lecture-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        for v in viewers { v.killServer() }
        lecturer?.killServer()
        try? FileManager.default.removeItem(atPath: dir)
    }

    func waitFor(_ what: String, on session: Tmux, timeout: Double = 20, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = session.capture()
            if condition(screen) { return screen }
            usleep(50_000)
        }
        XCTFail("timed out waiting for \(what); the screen was:\n\(screen)")
        throw XCTSkip("gave up after the failure above")
    }

    /// A student's terminal: its own tmux server of the given size, attached read-only to the lecture.
    func attachViewer(width: Int, height: Int) throws -> Tmux {
        let tmuxPath = Tmux.quote(Tmux.executable ?? "tmux")
        let command = "env -u TMUX TERM=\(Tmux.term) \(tmuxPath) -L \(Tmux.quote(lecturer.socket)) attach -r -t t; sleep 120"
        let viewer = try Tmux(width: width, height: height, directory: dir, command: command)
        viewers.append(viewer)
        return viewer
    }

    /// The neuron scale shown in the grid panel's title, "State 10x10 (xK)".
    func scale(_ screen: String) -> Int? {
        guard let r = screen.range(of: "10x10 (x") else { return nil }
        return Int(screen[r.upperBound...].prefix { $0.isNumber })
    }

    func testReadOnlyViewersOfDifferentSizes() throws {
        let command = "env LC_ALL=C.UTF-8 TERM=\(Tmux.term) \(Tmux.quote(Hopfield.binary.path)) lesson storing-and-recalling; echo EXITED $?; sleep 120"
        lecturer = try Tmux(width: 120, height: 40, directory: dir, command: command)
        lecturer.run(["set-option", "-g", "window-size", "smallest"])
        _ = try waitFor("the lesson at 120x40", on: lecturer) { $0.contains("Step 1/4") && (scale($0) ?? 0) >= 2 }

        // A student on an 80x24 terminal: the shared window shrinks to fit and the view re-lays itself out.
        let small = try attachViewer(width: 80, height: 24)
        let seen = try waitFor("the view at 80x24 in the student's terminal", on: small) { $0.contains("Step 1/4") && scale($0) == 1 }
        XCTAssertFalse(seen.lowercased().contains("enlarge"), seen)
        // The status line of the lecturer's tmux takes one row of the student's terminal.
        XCTAssertEqual(lecturer.format("#{window_width}x#{window_height}"), "80x23")

        // The student's keys go nowhere: q from a read-only client does not quit the lecturer's view.
        small.send("q")
        small.send(" ")
        usleep(500_000)
        let still = lecturer.capture()
        XCTAssertFalse(still.contains("EXITED"), still)
        XCTAssertTrue(still.contains("PAUSED"), still)

        // The lecturer steps on; every client sees it.
        lecturer.send("PageDown", literal: false)
        _ = try waitFor("step 2 for the student", on: small) { $0.contains("Step 2/4") }

        // A bigger student terminal joins and the small one leaves: the window grows back.
        let big = try attachViewer(width: 110, height: 36)
        _ = try waitFor("step 2 in the big terminal", on: big) { $0.contains("Step 2/4") }
        small.killServer()
        viewers.removeFirst()
        _ = try waitFor("the view re-laid out at 110x36", on: big) { $0.contains("Step 2/4") && (scale($0) ?? 0) >= 2 }
        XCTAssertEqual(lecturer.format("#{window_width}x#{window_height}"), "110x35")

        lecturer.send("q")
        _ = try waitFor("the lecturer's view to quit", on: lecturer) { $0.contains("EXITED 0") }
    }
}
#endif
