/// What kind of associative memory is built from the stored patterns: the choice the live view and the
/// commands carry. Each kind says how to build its model (`makeModel`) and what theory to draw against it
/// (`theory`, in HopfieldTheory.swift); nothing else needs to know the kinds apart.
///
/// The classical network is `pairwise(rule)`: E(s) = −½ Σ_{i≠j} w_ij s_i s_j − Σ_i b_i s_i with couplings learned
/// by `rule`. Dense associative memories (E(s) = −Σ_μ F(ξ^μ·s)) and the modern continuous network are further
/// cases built on the same seam (see DECISIONS.md, "Engine").
public enum NetworkKind: Sendable, Hashable {
    case pairwise(LearningRule)
    /// A dense associative memory E(s) = −Σ_μ F(ξ^μ·s) (`DenseAssociativeMemory`).
    case dense(Separation)
    /// The continuous modern Hopfield network ξ ← X softmax(βXᵀξ) (`ModernHopfieldNetwork`).
    case softmax

    /// The default: Hebbian pairwise couplings.
    public static let hebb = NetworkKind.pairwise(.hebb)

    /// Short name for the status line and files ("hebb", "storkey", "pinv").
    public var name: String {
        switch self {
        case .pairwise(let rule): rule.rawValue
        case .dense(let separation): separation.interaction.name
        case .softmax: "softmax"
        }
    }

    /// Name for messages ("Hebbian", "Storkey", "pseudo-inverse").
    public var displayName: String {
        switch self {
        case .pairwise(let rule): rule.displayName
        case .dense(let separation): "dense " + separation.interaction.name
        case .softmax: "softmax (modern)"
        }
    }

    /// The learning rule, for the pairwise kinds.
    public var rule: LearningRule? {
        switch self {
        case .pairwise(let rule): rule
        case .dense, .softmax: nil
        }
    }

    /// The kind for an interaction: `rule` applies to the quadratic (pairwise) one only.
    public init(interaction: Interaction, rule: LearningRule = .hebb) {
        switch interaction {
        case .quadratic: self = .pairwise(rule)
        case .polynomial(let n): self = .dense(.polynomial(n))
        case .rectifiedPolynomial(let n): self = .dense(.rectifiedPolynomial(n))
        case .exponential: self = .dense(.exponential)
        case .softmax: self = .softmax
        }
    }

    /// How the memories interact (`quadratic` for the pairwise kinds).
    public var interaction: Interaction {
        switch self {
        case .pairwise: .quadratic
        case .dense(let separation): separation.interaction
        case .softmax: .softmax
        }
    }

    /// Checks that this kind can hold `memories` patterns on N units of `units`: the dense kinds and softmax
    /// need ±1 units, and poly:n needs Nⁿ < 2^63 (exact decisions). The message names the problem.
    public func validate(count n: Int, memories: Int, units: UnitConvention) throws {
        if case .pairwise = self { return }
        guard units == .spin else {
            throw ExperimentError("--interaction \(interaction.name) needs spin units (±1); binary units are defined only for the pairwise network")
        }
        if case .dense(let separation) = self {
            try DenseAssociativeMemory.validate(count: n, patterns: max(1, memories), separation: separation)
        }
    }

    /// The model with no memories: zero couplings (every state has the same energy), rank 0 so that it takes
    /// O(N) memory, not N² zeros.
    public static func emptyModel(count n: Int, units: UnitConvention) -> AnyEnergyModel {
        AnyEnergyModel(EnergyNetwork(couplings: .lowRank(LowRankCouplings(count: n, rank: 0, left: [], right: [])), units: units))
    }

    /// The model storing ±1 `patterns` (each of length N) in `units`, at temperature T (softmax only: its
    /// energy depends on T); with no patterns, the pairwise model of zero interactions (every state has the
    /// same energy), whatever the kind. Its state is all units down. Throws what `validate` throws.
    public func makeModel(patterns: [[Int8]], count n: Int, units: UnitConvention, temperature: Double = 0) throws -> AnyEnergyModel {
        try validate(count: n, memories: patterns.count, units: units)
        if patterns.isEmpty { return Self.emptyModel(count: n, units: units) }
        let named = patterns.enumerated().map { StoredPattern(name: "\($0.offset + 1)", spins: $0.element) }
        switch self {
        case .pairwise(let rule): return AnyEnergyModel(EnergyNetwork(patterns: patterns, count: n, rule: rule, units: units))
        case .dense(let separation): return AnyEnergyModel(try DenseAssociativeMemory(count: n, patterns: named, separation: separation))
        case .softmax: return AnyEnergyModel(try ModernHopfieldNetwork(count: n, patterns: named, temperature: temperature))
        }
    }
}
