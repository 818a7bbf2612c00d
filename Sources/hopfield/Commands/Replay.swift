import ArgumentParser
import EnergyModels
import Foundation
import Patterns
import TerminalIO
import Visualizer

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a session recorded with --record: the same random numbers, the same screens.",
        discussion: """
        Rebuilds the view from the recorded command line and seed, then feeds it the recorded keys, mouse \
        events and frame durations at the recorded pace (times --speed). Space pauses, q quits. Files named on \
        the recorded command line (patterns, lessons) must still be there. With --print-final the last screen \
        is printed as text instead of shown, for scripts and bug reports.
        """)

    @Argument(help: "A recording written by `hopfield --record FILE` or `hopfield lesson NAME --record FILE`.", completion: .file())
    var file: String

    @Option(name: .long, help: "Playback speed factor (2 = twice as fast).")
    var speed: Double = 1

    @Option(name: .long, help: "Frame cap while playing (frames per second, 1-120).")
    var fps: Int = 20

    @Flag(name: .long, help: "Do not open the screen: apply the whole recording and print the final screen as text.")
    var printFinal = false

    @Option(name: .long, help: ArgumentHelp("Show it in this theme instead of the recorded one: dark, light or mono.", valueName: "theme"))
    var theme: Theme?

    func validate() throws {
        guard speed.isFinite, speed > 0, speed <= 10_000 else { throw ValidationError("--speed must be a number above 0, found \(speed)") }
        guard fps >= 1, fps <= 120 else { throw ValidationError("--fps must be from 1 to 120, found \(fps)") }
    }

    func run() throws {
        let recording: SessionRecording
        do { recording = try SessionRecording.load(path: file) } catch let e as LessonError { throw CLIError(e.description) }
        let parsed: ParsableCommand
        do { parsed = try Hopfield.parseAsRoot(Hopfield.normalizedArguments(recording.arguments)) } catch {
            throw CLIError("\(file): the recorded command line does not parse: \(Hopfield.message(for: error))")
        }
        guard let command = parsed as? LiveViewCommand else {
            throw CLIError("\(file): the recorded command is not a live view")
        }
        try replay(try command.makeApp(writes: .describe), recording: recording)
    }

    func replay<A: TerminalApp>(_ app: A, recording: SessionRecording) throws {
        var replay = ReplayApp(app, recording: recording, speed: speed, theme: theme)
        if printFinal {
            replay.start(width: recording.width, height: recording.height, capabilities: .init(glyphs: recording.glyphs.glyphs, theme: recording.theme))
            replay.finish()
            print(replay.innerScreen().text)
            return
        }
        // The replay shows the recorded theme (or --theme) unless this terminal (or NO_COLOR) is monochrome.
        let options = TerminalOptions(forceASCII: recording.glyphs == .ascii, noColor: (theme ?? recording.theme) == .mono,
                                      theme: theme, framesPerSecond: fps)
        let reason: ExitReason
        do { reason = try Terminal.run(&replay, options: options) } catch let e as TerminalError { throw CLIError(e.description) }
        if reason.exitCode != 0 { throw ExitCode(reason.exitCode) }
    }
}
