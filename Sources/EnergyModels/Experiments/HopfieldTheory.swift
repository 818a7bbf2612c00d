import Foundation

/// Textbook results for the Hebbian Hopfield network with p random unbiased patterns on N units,
/// α = p / N (Amit, Gutfreund and Sompolinsky 1985; Hertz, Krogh and Palmer 1991, ch. 2).
public enum HopfieldTheory {
    /// The load above which the retrieval states disappear at T = 0 (replica-symmetric theory): α_c ≈ 0.138.
    public static let criticalLoad = 0.138

    /// The critical temperature of retrieval for a vanishing load (α → 0): T_c = 1.
    public static let criticalTemperature = 1.0

    /// The one-step error probability P_error(α) = ½ erfc(1/√(2α)) for α > 0.
    ///
    /// With the network in a stored state ξ^ν, N h_i ξ_i^ν = (N − 1) + X where the crosstalk X is a sum of
    /// (N − 1)(p − 1) independent ±1 terms; for large N it is Gaussian with variance ≈ N p, and unit i
    /// flips when X < −N, which gives the formula. It is asymptotic: at finite N see
    /// `exactOneStepErrorProbability`. Returns 0 for α ≤ 0.
    public static func oneStepErrorProbability(alpha: Double) -> Double {
        guard alpha > 0 else { return 0 }
        return 0.5 * erfc(1 / (2 * alpha).squareRoot())
    }

    /// The exact one-step error probability at finite size: unit i of ξ^ν is unstable when
    /// X < −(N − 1), X = 2B − n with B ~ Binomial(n, ½), n = (N − 1)(p − 1). A tie (X = −(N − 1), h_i = 0,
    /// possible only when p(N − 1) is even) leaves the unit unchanged, so it is not counted.
    /// Preconditions: N ≥ 2, p ≥ 1. Summed in log space with `lgamma`, O(n) time.
    public static func exactOneStepErrorProbability(neurons n: Int, patterns p: Int) -> Double {
        precondition(n >= 2 && p >= 1, "need N ≥ 2 and p ≥ 1")
        let trials = (n - 1) * (p - 1)
        // X < −(N − 1)  ⇔  B < (trials − (N − 1)) / 2.
        let limit = Double(trials - (n - 1)) / 2
        guard limit > 0 else { return 0 }
        let maxB = Int(limit.rounded(.up)) - 1 // largest integer strictly below `limit`
        let logHalfPower = Double(trials) * log(0.5)
        let logNFactorial = logGamma(Double(trials) + 1)
        var total = 0.0
        for b in stride(from: maxB, through: 0, by: -1) {
            let term = exp(logNFactorial - logGamma(Double(b) + 1) - logGamma(Double(trials - b) + 1) + logHalfPower)
            total += term
            if term < total * 1e-17 { break } // the tail terms fall off geometrically
        }
        return min(1, total)
    }

    /// The mean-field retrieval overlap for a single pattern (α → 0) at temperature T: the largest
    /// solution m ≥ 0 of m = tanh(m / T). It is 0 for T ≥ T_c = 1 and rises to 1 as T → 0
    /// (T = 0.5: 0.9575; T = 0.8: 0.7104).
    ///
    /// For spins under heat-bath dynamics ⟨s_i⟩ = tanh(h_i / T) and h_i = m ξ_i for one stored pattern,
    /// hence the equation. Iterating m ← tanh(m/T) from m = 1 converges to the same root but ever more
    /// slowly as T → 1, so the root is bracketed and bisected instead (g(m) = m − tanh(m/T) is negative
    /// just above 0 and positive at 1 when T < 1).
    public static func meanFieldOverlap(temperature t: Double) -> Double {
        guard t.isFinite || t < 0 else { return 0 }
        if t <= 0 { return 1 }
        if t >= criticalTemperature { return 0 }
        var lo = 0.0, hi = 1.0
        // The root is above m where tanh(m/T) ≈ m/T − (m/T)³/3 crosses m, i.e. m ≈ √(3(1−T)) T^{3/2};
        // start the bracket at a tenth of a safe lower bound so that g(lo) < 0.
        lo = min(0.5, 0.1 * (3 * (1 - t)).squareRoot() * pow(t, 1.5))
        if lo - tanh(lo / t) >= 0 { lo = 0 }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if mid == lo || mid == hi { break }
            if mid - tanh(mid / t) < 0 { lo = mid } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }

    /// ln Γ(x) (the annotation picks the C function returning only the value).
    static func logGamma(_ x: Double) -> Double {
        let value: Double = lgamma(x)
        return value
    }
}

/// What theory says about one kind of network with p random unbiased patterns on N units: the curves and marks
/// the capacity plots and the live capacity panel draw beside the measurement.
public struct CapacityTheory: Sendable {
    /// The load α_c = p/N beyond which retrieval collapses at T = 0; nil when there is none.
    public var criticalLoad: Double?
    /// The formula of `oneStepError`, for legends ("½ erfc(1/√(2α))").
    public var errorFormula: String
    /// The probability that a unit of a stored pattern is unstable in one T = 0 step, at load α on N units.
    public var oneStepError: @Sendable (_ alpha: Double, _ neurons: Int) -> Double
    /// Whether the curves are the classical Hebbian results drawn for comparison rather than this kind's own.
    public var isReference = false
}

extension NetworkKind {
    /// The theory drawn for this kind. The pairwise kinds share the classical results, derived for Hebb
    /// (α_c ≈ 0.138, P_error = ½ erfc(1/√(2α))), which the other rules are compared against.
    public var theory: CapacityTheory {
        switch self {
        case .pairwise(let rule):
            CapacityTheory(criticalLoad: HopfieldTheory.criticalLoad, errorFormula: "½ erfc(1/√(2α))",
                           oneStepError: { alpha, _ in HopfieldTheory.oneStepErrorProbability(alpha: alpha) },
                           isReference: rule != .hebb)
        }
    }
}
