import ArgumentParser
import EnergyModels

extension Interaction {
    /// `--interaction`'s parser, with a message that says what is accepted.
    static func parse(_ argument: String) throws -> Interaction {
        guard let value = Interaction(name: argument) else {
            throw ValidationError("--interaction: expected \(Interaction.syntax) (n from 2 to 64), found '\(argument)'")
        }
        return value
    }
}

/// The help of every `--interaction` option.
let interactionHelp = ArgumentHelp(
    "How memories interact: quadratic (the pairwise network, with --rule), poly:n or rpoly:n (n ≥ 2, dense memory "
        + "E = −Σ F(ξ·s)), exp (E = −ln Σ exp(ξ·s)) or softmax (modern continuous network).",
    valueName: "kind")

extension NetworkKind {
    /// The kind for `--interaction` and `--rule`, checked against the units and size; errors name the option.
    static func chosen(interaction: Interaction, rule: LearningRule, units: UnitConvention, count: Int, memories: Int) throws -> NetworkKind {
        let kind = NetworkKind(interaction: interaction, rule: rule)
        do { try kind.validate(count: count, memories: memories, units: units) } catch { throw CLIError("\(error)") }
        return kind
    }
}
