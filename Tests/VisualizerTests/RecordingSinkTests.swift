import EnergyModels
import Foundation
import Visualizer
import XCTest

/// Item 9: a recording is written as it is made, so a crash loses at most the last second.
final class RecordingSinkTests: XCTestCase {
    final class FakeClock: @unchecked Sendable { var now = 0.0 }

    /// An app that always wants frames (the recorder must then flush by time).
    struct Animating: TerminalApp {
        var ticks = 0
        mutating func start(width: Int, height: Int, capabilities: DisplayCapabilities) {}
        mutating func handle(_ event: InputEvent) {}
        mutating func tick(elapsed: Double) { ticks += 1 }
        var wantsFrames: Bool { true }
        var isFinished: Bool { false }
        func render(into grid: inout CellGrid) {}
        var theme: Theme { .dark }
        mutating func startRunning() {}
    }

    func testItem9_recordingAppendedAsItGoesAndFlushedEverySecond() throws {
        let path = NSTemporaryDirectory() + "hopfield-sink-\(UUID().uuidString).rec"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "an older recording".write(toFile: path, atomically: true, encoding: .utf8)
        let sink = try RecordingSink(path: path)
        func onDisk() -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        XCTAssertEqual(onDisk(), "an older recording", "nothing is truncated before the session starts")
        let clock = FakeClock()
        var rec = RecordingApp(Animating(), arguments: ["tui"], sink: sink, clock: { clock.now })
        rec.start(width: 80, height: 24, capabilities: .unicodeColor)
        XCTAssertTrue(onDisk().hasPrefix("hopfield-recording 1\n"), onDisk())
        clock.now = 0.1
        rec.handle(.key(.char("2")))
        XCTAssertTrue(onDisk().hasSuffix("0.1 k 2\n"), "an event is on disk at once: \(onDisk())")
        for k in 1...9 {
            clock.now = 0.1 + 0.1 * Double(k)
            rec.tick(elapsed: 0.1)
        }
        XCTAssertFalse(onDisk().contains(" t "), "ticks within the second stay buffered")
        clock.now = 1.15
        rec.tick(elapsed: 0.1)
        XCTAssertEqual(onDisk().components(separatedBy: " t ").count - 1, 10, "flushed once a second: \(onDisk())")
        sink.finish()
        XCTAssertEqual(try SessionRecording.parse(onDisk(), file: path), rec.recording)
    }

    func testItem9_unwritablePlacesRefusedAtOnce() throws {
        XCTAssertThrowsError(try RecordingSink(path: "/no/such/directory/x.rec")) {
            XCTAssertEqual("\($0)", "cannot write /no/such/directory/x.rec: No such file or directory")
        }
        XCTAssertThrowsError(try RecordingSink(path: NSTemporaryDirectory())) {
            XCTAssertTrue("\($0)".contains("Is a directory"), "\($0)")
        }
        // A session that never started leaves no file behind.
        let path = NSTemporaryDirectory() + "hopfield-sink-\(UUID().uuidString).rec"
        try RecordingSink(path: path).finish()
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }
}
