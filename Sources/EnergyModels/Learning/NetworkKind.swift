/// What kind of associative memory is built from the stored patterns: the choice the live view and the
/// commands carry. Each kind says how to build its model (`makeModel`) and what theory to draw against it
/// (`theory`, in HopfieldTheory.swift); nothing else needs to know the kinds apart.
///
/// The classical network is `pairwise(rule)`: E(s) = −½ Σ_{i≠j} w_ij s_i s_j − Σ_i b_i s_i with couplings learned
/// by `rule`. Dense associative memories (E(s) = −Σ_μ F(ξ^μ·s)) and the modern continuous network are further
/// cases built on the same seam (see DECISIONS.md, "Engine").
public enum NetworkKind: Sendable, Hashable {
    case pairwise(LearningRule)

    /// The default: Hebbian pairwise couplings.
    public static let hebb = NetworkKind.pairwise(.hebb)

    /// Short name for the status line and files ("hebb", "storkey", "pinv").
    public var name: String {
        switch self {
        case .pairwise(let rule): rule.rawValue
        }
    }

    /// Name for messages ("Hebbian", "Storkey", "pseudo-inverse").
    public var displayName: String {
        switch self {
        case .pairwise(let rule): rule.displayName
        }
    }

    /// The learning rule, for the pairwise kinds.
    public var rule: LearningRule? {
        switch self {
        case .pairwise(let rule): rule
        }
    }

    /// The model storing ±1 `patterns` (each of length N) in `units`; with no patterns, the model of zero
    /// interactions (every state has the same energy). Its state is all units down.
    public func makeModel(patterns: [[Int8]], count n: Int, units: UnitConvention) -> AnyEnergyModel {
        switch self {
        case .pairwise(let rule):
            if patterns.isEmpty {
                // Rank 0: zero couplings in O(N) memory, not N² zeros.
                return AnyEnergyModel(EnergyNetwork(couplings: .lowRank(LowRankCouplings(count: n, rank: 0, left: [], right: [])), units: units))
            }
            return AnyEnergyModel(EnergyNetwork(patterns: patterns, count: n, rule: rule, units: units))
        }
    }
}
