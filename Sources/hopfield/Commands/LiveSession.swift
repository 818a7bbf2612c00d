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

    @Option(name: .long, help: ArgumentHelp("Record the session (options, seed, every key and mouse event with its time) to FILE for `hopfield replay`.", valueName: "file"))
    var record: String?

    func validate() throws {
        if ascii && unicode { throw ValidationError("give --ascii or --unicode, not both") }
        guard fps >= 1, fps <= 120 else { throw ValidationError("--fps must be from 1 to 120, found \(fps)") }
        if let maxFrames, maxFrames < 1 { throw ValidationError("--max-frames must be at least 1, found \(maxFrames)") }
        if let record {
            let dir = URL(fileURLWithPath: record).deletingLastPathComponent().path
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir.isEmpty ? "." : dir, isDirectory: &isDir), isDir.boolValue else {
                throw ValidationError("--record: no directory \(Sanitize.terminal(dir)) to write the recording in")
            }
        }
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
    func makeApp() throws -> any TerminalApp
}

extension LiveViewCommand {
    /// Runs the view in the terminal, recording it when `--record` was given.
    func runLive() throws {
        var app = try makeApp()
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
            var recorder = RecordingApp(app, arguments: arguments)
            defer {
                // Written on every way out the run loop returns by (q, frame limit, signals, lost tty).
                try? AtomicFile.write(recorder.recording.text(), to: path)
            }
            reason = try Terminal.run(&recorder, options: display.terminalOptions)
            app = recorder.inner
        } else {
            reason = try Terminal.run(&app, options: display.terminalOptions)
        }
    } catch let e as TerminalError {
        throw CLIError(e.description)
    }
    if reason.exitCode != 0 { throw ExitCode(reason.exitCode) }
}
