import ArgumentParser
import EnergyModels
import Foundation
import Patterns
import Visualizer

struct Snapshot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a live view as an SVG picture for a slide, without opening the screen.",
        discussion: """
        Builds the view exactly as the command after `--` would (any live view: tui, lesson, rbm live, bm \
        live, with their options and seed), presses --keys, then runs the view for --frames frames of 1/20 s \
        each (a view that opens paused, such as tui or bm live, is started first unless --keys presses space), \
        and writes the screen as SVG in the theme's colours: block glyphs as rectangles, plots as dots, frames \
        as lines, so the picture does not depend on fonts. \
        Example: hopfield snapshot --output recall.svg --keys "c c" --frames 40 -- lesson capacity --step 2
        """)

    @Option(name: .long, help: ArgumentHelp("The SVG file to write (atomically), or /dev/stdout.", valueName: "file"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("Screen size in cells.", valueName: "WxH"))
    var size: String = "100x32"

    @Option(name: .long, help: ArgumentHelp("Keys to press first, separated by spaces: characters, or space, enter, escape, up, down, left, right, pageUp, pageDown.", valueName: "keys"))
    var keys: String = ""

    @Option(name: .long, help: "Frames to run after the keys (each 1/20 s of simulated time; a paused view is started unless --keys presses space).")
    var frames: Int = 0

    @Option(name: .long, help: ArgumentHelp("dark, light or mono (default: $HOPFIELD_THEME, else light, for slides).", valueName: "theme"))
    var theme: Theme?

    @Flag(name: .long, help: "Draw without colour, the same as --theme mono.")
    var noColor = false

    @Flag(name: .long, help: "Draw with the ASCII glyph set.")
    var ascii = false

    @Argument(parsing: .postTerminator, help: "The live-view command and its options (default: tui).")
    var view: [String] = []

    func validate() throws {
        guard parsedSize != nil else { throw ValidationError("--size must be WIDTHxHEIGHT, each from 20 to 1000, found \(size)") }
        guard frames >= 0, frames <= 100_000 else { throw ValidationError("--frames must be from 0 to 100000") }
        for name in keys.split(separator: " ") where KeyName.key(named: String(name)) == nil {
            throw ValidationError("--keys: unknown key \(Sanitize.terminal(String(name)))")
        }
        guard output.lowercased().hasSuffix(".svg") || AtomicFile.isStandardOutput(output) else {
            throw ValidationError("--output should name an .svg file (or /dev/stdout), found \(Sanitize.terminal(output))")
        }
    }

    var parsedSize: (Int, Int)? {
        let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, (20...1000).contains(parts[0]), (20...1000).contains(parts[1]) else { return nil }
        return (parts[0], parts[1])
    }

    func run() throws {
        let arguments = view.isEmpty ? ["tui"] : view
        let command = try parseLiveView(arguments)
        let (w, h) = parsedSize ?? (100, 32)
        let keyList = keys.split(separator: " ").compactMap { KeyName.key(named: String($0)) }
        let environment = ProcessInfo.processInfo.environment
        if theme == nil && !noColor, let problem = Theme.environmentProblem(environment) { writeStderr("hopfield: \(problem)\n") }
        let chosen = noColor ? Theme.mono : (theme ?? environment["HOPFIELD_THEME"].flatMap(Theme.init(rawValue:)) ?? .light)
        var app = try command.makeApp(writes: .describe)
        app.start(width: w, height: h, capabilities: DisplayCapabilities(glyphs: ascii ? .ascii : .unicode, theme: chosen, greyRamp: !ascii))
        for key in keyList { app.handle(.key(key)) }
        if frames > 0 && !keyList.contains(.char(" ")) { app.startRunning() }
        for _ in 0..<frames { app.tick(elapsed: 0.05) }
        app.finishBackgroundWork()
        var grid = CellGrid(width: w, height: h)
        app.render(into: &grid)
        let svg = SVGExport.svg(grid, theme: chosen, title: "hopfield " + arguments.joined(separator: " "))
        do { try AtomicFile.write(svg, to: output) } catch { throw CLIError("\(error)") }
        report("wrote \(Sanitize.terminal(output)) (\(w)x\(h) cells)", output: output)
    }
}
