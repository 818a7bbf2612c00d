/// How the stored memories interact, i.e. which energy a network of ±1 (or, for `softmax`, real) units has.
///
/// With overlaps a_μ = ξ^μ·s of the state with the p memories:
/// - `quadratic`: the classical pairwise network, E = −½ Σ_{i≠j} w_ij s_i s_j, with a learning rule (Hebb:
///   E = −(1/2N) Σ_μ a_μ² + p/2).
/// - `polynomial(n)`: Krotov and Hopfield's dense associative memory, E = −(1/(2N^(n−1))) Σ_μ a_μⁿ.
/// - `rectifiedPolynomial(n)`: the same with F(x) = max(x, 0)ⁿ.
/// - `exponential`: Demircigil et al., E = −ln Σ_μ exp(a_μ).
/// - `softmax`: Ramsauer et al.'s continuous modern Hopfield network (states in [−1, 1]^N).
public enum Interaction: Sendable, Hashable {
    case quadratic
    case polynomial(Int)
    case rectifiedPolynomial(Int)
    case exponential
    case softmax

    /// The names accepted by `init(name:)`, for messages.
    public static let syntax = "quadratic, poly:n, rpoly:n (n ≥ 2), exp or softmax"

    /// Parses `quadratic`, `poly:n`, `rpoly:n` (2 ≤ n ≤ 64), `exp` or `softmax`.
    public init?(name: String) {
        let lower = name.lowercased()
        switch lower {
        case "quadratic", "pairwise": self = .quadratic
        case "exp", "exponential": self = .exponential
        case "softmax", "modern": self = .softmax
        default:
            let parts = lower.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let n = Int(parts[1]), (2...64).contains(n) else { return nil }
            switch parts[0] {
            case "poly": self = .polynomial(n)
            case "rpoly": self = .rectifiedPolynomial(n)
            default: return nil
            }
        }
    }

    /// The name `init(name:)` reads back: `quadratic`, `poly:3`, `rpoly:3`, `exp`, `softmax`.
    public var name: String {
        switch self {
        case .quadratic: "quadratic"
        case .polynomial(let n): "poly:\(n)"
        case .rectifiedPolynomial(let n): "rpoly:\(n)"
        case .exponential: "exp"
        case .softmax: "softmax"
        }
    }

    /// A short human name for status lines: "quadratic", "F(x) = x³", "F(x) = max(x,0)³", "F(x) = eˣ", "softmax".
    public var formula: String {
        switch self {
        case .quadratic: "pairwise"
        case .polynomial(let n): "F(x) = x" + Self.superscript(n)
        case .rectifiedPolynomial(let n): "F(x) = max(x,0)" + Self.superscript(n)
        case .exponential: "F(x) = eˣ"
        case .softmax: "ξ ← X softmax(βXᵀξ)"
        }
    }

    /// The dense kind of a ±1 network, nil for `quadratic` and `softmax`.
    public var separation: Separation? {
        switch self {
        case .polynomial(let n): .polynomial(n)
        case .rectifiedPolynomial(let n): .rectifiedPolynomial(n)
        case .exponential: .exponential
        case .quadratic, .softmax: nil
        }
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }
}

/// The separation function F of a dense associative memory E(s) = −Σ_μ F(ξ^μ·s) on ±1 units.
public enum Separation: Sendable, Hashable {
    /// F(x) = xⁿ, n ≥ 2.
    case polynomial(Int)
    /// F(x) = max(x, 0)ⁿ, n ≥ 2.
    case rectifiedPolynomial(Int)
    /// F(x) = eˣ, with the energy taken as −ln Σ_μ exp(ξ^μ·s) (same minima and T = 0 dynamics, no overflow).
    case exponential

    public var interaction: Interaction {
        switch self {
        case .polynomial(let n): .polynomial(n)
        case .rectifiedPolynomial(let n): .rectifiedPolynomial(n)
        case .exponential: .exponential
        }
    }
}
