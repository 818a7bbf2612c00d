import ArgumentParser
import EnergyModels
import Foundation
import Patterns
import TerminalIO
import Visualizer

/// Options shared by every full-screen view.
struct DisplayOptions: ParsableArguments {
    @Option(name: .long, help: "Frame cap while running (frames per second, 1-120); low values save bandwidth over SSH.")
    var fps: Int = 20

    @Flag(name: .long, help: "Force ASCII glyphs (automatic when the locale is not UTF-8).")
    var ascii = false

    @Flag(name: .long, help: "Force Unicode glyphs when the locale is not UTF-8 (say, an SSH client's locale missing on the server).")
    var unicode = false

    @Option(name: .long, help: ArgumentHelp("Colours for a dark or a light background, or none: dark, light or mono (default: $HOPFIELD_THEME, else light when $COLORFGBG says the background is light, else dark; mono when NO_COLOR is set).", valueName: "theme"))
    var theme: Theme?

    @Flag(name: .long, help: "Monochrome, the same as --theme mono.")
    var noColor = false

    @Option(name: .long, help: "Exit after this many frames (for scripts and tests).")
    var maxFrames: Int?

    @Option(name: .long, help: ArgumentHelp("Record the session (options, seed, every key and mouse event with its time) to FILE for `hopfield replay`.", valueName: "file"), completion: .file())
    var record: String?

    func validate() throws {
        if ascii && unicode { throw ValidationError("give --ascii or --unicode, not both") }
        guard fps >= 1, fps <= 120 else { throw ValidationError("--fps must be from 1 to 120, found \(fps)") }
        if let maxFrames, maxFrames < 1 { throw ValidationError("--max-frames must be at least 1, found \(maxFrames)") }
    }

    var terminalOptions: TerminalOptions {
        TerminalOptions(forceASCII: ascii, forceUnicode: unicode, noColor: noColor, theme: theme, framesPerSecond: fps, maxFrames: maxFrames)
    }
}

extension Theme: ExpressibleByArgument {}

/// A command that opens a full-screen view. It builds its app (reading every file first, so errors come
/// before the screen opens); running, recording, replaying and snapshotting then share that one path.
protocol LiveViewCommand: ParsableCommand {
    var display: DisplayOptions { get }
    /// The view's app; `writes` says whether its keys write files (a replay or a snapshot only says what it
    /// would write).
    func makeApp(writes: FileWrites) throws -> any TerminalApp
}

extension LiveViewCommand {
    /// Runs the view in the terminal, recording it when `--record` was given.
    func runLive() throws {
        var app = try makeApp(writes: .perform)
        try runInTerminal(&app, display: display, arguments: Self.recordableArguments())
    }

    /// This process's arguments without `--record FILE`, as a replay needs them.
    static func recordableArguments() -> [String] {
        var args = Array(CommandLine.arguments.dropFirst())
        var out: [String] = []
        var k = 0
        while k < args.count {
            if args[k] == "--record" { k += 2; continue }
            if args[k].hasPrefix("--record=") { k += 1; continue }
            out.append(args[k])
            k += 1
        }
        args = out
        return args
    }
}

/// Runs an app in the terminal, optionally recording it, and turns the ending into an exit status.
func runInTerminal<A: TerminalApp>(_ app: inout A, display: DisplayOptions, arguments: [String]) throws {
    let reason: ExitReason
    do {
        if let path = display.record {
            // Opened before the screen, so an unwritable place is refused at once; appended as it goes.
            let sink: RecordingSink
            do { sink = try RecordingSink(path: path) } catch { throw CLIError("--record: \(Sanitize.terminal(error.description))") }
            var recorder = RecordingApp(app, arguments: arguments, sink: sink)
            defer { sink.finish() }
            reason = try Terminal.run(&recorder, options: display.terminalOptions)
            app = recorder.inner
            sink.finish()
            if let failure = sink.failure { throw CLIError("--record: \(Sanitize.terminal(failure.description))") }
        } else {
            reason = try Terminal.run(&app, options: display.terminalOptions)
        }
    } catch let e as TerminalError {
        throw CLIError(e.description)
    }
    if reason.exitCode != 0 { throw ExitCode(reason.exitCode) }
}
