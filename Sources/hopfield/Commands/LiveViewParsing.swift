import ArgumentParser
import EnergyModels
import Patterns
import Visualizer

/// The live-view command that `arguments` (as after `hopfield`) name, or a message saying why not.
func parseLiveView(_ arguments: [String]) throws -> LiveViewCommand {
    let parsed: ParsableCommand
    do { parsed = try Hopfield.parseAsRoot(Hopfield.normalizedArguments(arguments)) } catch {
        throw CLIError("the view command does not parse: \(Hopfield.message(for: error))")
    }
    guard let command = parsed as? LiveViewCommand else {
        throw CLIError("\(Sanitize.terminal(arguments.first ?? "")) is not a live view (try tui, lesson NAME, rbm live or bm live)")
    }
    return command
}

/// Builds the view that `arguments` name and drops it: its options, files and lesson are checked.
func checkLiveViewOpens(_ arguments: [String]) throws {
    _ = try parseLiveView(arguments).makeApp(writes: .describe)
}
