import ArgumentParser
import EnergyModels
import Patterns

struct Store: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Store patterns in a network and write it as a model file.",
        discussion: "The model file is JSON (format hopfield-model). For the pairwise network it is of kind boltzmann, version 2: the rule, the unit convention, the shape and the stored patterns; `run --model` rebuilds exactly the network `run --patterns` builds. With --interaction poly:n, rpoly:n, exp or softmax it is of kind dense: the interaction, the shape and the stored patterns.")

    @Option(name: .long, help: ArgumentHelp("Pattern file, directory or built-in set.", valueName: "file"), completion: .patternSets)
    var patterns: String

    @OptionGroup var learning: LearningOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the model (atomically).", valueName: "file"))
    var output: String

    func run() throws {
        let set = try loadPatternSet(patterns)
        let stored = set.patterns.map { StoredPattern(name: $0.name, up: $0.bits) }
        if learning.interaction != .quadratic {
            _ = try NetworkKind.chosen(interaction: learning.interaction, rule: learning.rule, units: learning.units, count: set.unitCount, memories: stored.count)
            let file = MemoryModelFile(interaction: learning.interaction, count: set.unitCount, shape: [set.rows, set.cols], patterns: stored)
            do { try file.write(to: output) } catch { throw CLIError("\(error)") }
            report("stored \(stored.count) pattern\(stored.count == 1 ? "" : "s") of \(set.rows)x\(set.cols) = \(set.unitCount) units (\(learning.interaction.name)) in \(Sanitize.terminal(output))", output: output)
            return
        }
        // run --model rebuilds the network as --patterns does: the same memory check, before the file is written.
        do { try NetworkBudget.check(count: set.unitCount, patterns: stored.count, rule: learning.rule, units: learning.units) }
        catch { throw CLIError("\(Sanitize.terminal(patterns)): \(error)") }
        let file = NetworkModelFile(rule: learning.rule, units: learning.units, shape: [set.rows, set.cols], patterns: stored)
        do { try file.write(to: output) } catch { throw CLIError("\(error)") }
        report("stored \(stored.count) pattern\(stored.count == 1 ? "" : "s") of \(set.rows)x\(set.cols) = \(set.unitCount) units (\(learning.rule.displayName), \(learning.units.rawValue) units) in \(Sanitize.terminal(output))", output: output)
    }
}
