import ArgumentParser
import Patterns

/// The live-view command that `arguments` (as after `hopfield`) name, or a message saying why not.
func parseLiveView(_ arguments: [String]) throws -> LiveViewCommand {
    let parsed: ParsableCommand
    do { parsed = try Hopfield.parseAsRoot(arguments) } catch {
        throw CLIError("the view command does not parse: \(Hopfield.message(for: error))")
    }
    guard let command = parsed as? LiveViewCommand else {
        throw CLIError("\(Sanitize.terminal(arguments.first ?? "")) is not a live view (try tui, lesson NAME, rbm live or bm live)")
    }
    return command
}
