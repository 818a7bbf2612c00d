import Foundation

/// Storage results for dense associative memories with K random unbiased memories on N ±1 units.
public enum DenseTheory {
    /// The one-step error probability of F(x) = xⁿ (Krotov and Hopfield 2016, section 2):
    /// P = ½ erfc(√(N^(n−1) / (2 (2n−3)!! K))); for n = 2 it is the Hebbian ½ erfc(1/√(2α)), α = K/N.
    ///
    /// Derivation (ours, agreeing with the paper): in a stored state ξ¹, the energy gap of flipping unit i is
    /// −c [S + X] with the signal S = F(N) − F(N − 2) ≈ 2n N^(n−1) from ξ¹ itself and the crosstalk
    /// X = Σ_{μ≥2} η_μ [F(b_μ + 1) − F(b_μ − 1)], η_μ = ±1 independent of b_μ = Σ_{j≠i} ξ^μ_j ξ¹_j ≈ N(0, N).
    /// Since F(b + 1) − F(b − 1) ≈ 2n b^(n−1) and E[b^(2n−2)] = (2n − 3)!! N^(n−1), Var X ≈ 4n² (2n − 3)!! N^(n−1) K
    /// and P(X < −S) is the formula. It is the leading order for large N and K: at N = 100 the exact signal
    /// and variance move S²/Var X by about 2 % (n = 3).
    ///
    /// F(x) = max(x, 0)ⁿ (`rectified`): the crosstalk term vanishes for b_μ ≤ −1, which halves Var X, so
    /// P = ½ erfc(√(N^(n−1) / ((2n−3)!! K))).
    public static func polynomialOneStepError(neurons n: Int, memories k: Int, degree d: Int, rectified: Bool = false) -> Double {
        guard k > 0, n > 0, d >= 2 else { return 0 }
        let ratio = pow(Double(n), Double(d - 1)) / (Double(errorConstant(degree: d, rectified: rectified)) * Double(k))
        return 0.5 * erfc(ratio.squareRoot())
    }

    /// The theory curve of an interaction at N units and K memories: the one-step error probability where a
    /// closed form exists (quadratic and poly:n, rpoly:n), nil otherwise.
    public static func oneStepError(_ interaction: Interaction, neurons n: Int, memories k: Int) -> Double? {
        switch interaction {
        case .quadratic: HopfieldTheory.oneStepErrorProbability(alpha: Double(k) / Double(n))
        case .polynomial(let d): polynomialOneStepError(neurons: n, memories: k, degree: d)
        case .rectifiedPolynomial(let d): polynomialOneStepError(neurons: n, memories: k, degree: d, rectified: true)
        case .exponential, .softmax: nil
        }
    }

    /// Demircigil et al. (2017): with F(x) = eˣ the memories are fixed points with probability → 1 as long as
    /// ln K / N < ln 2 / 2 (≈ 0.347); recall from ρN flipped units needs ln K / N < I(1 − 2ρ) / 2 with
    /// I(x) = ½[(1 + x) ln(1 + x) + (1 − x) ln(1 − x)].
    public static let exponentialCapacityExponent = log(2.0) / 2

    /// The attraction bound I(1 − 2ρ)/2 of `exponentialCapacityExponent` for a fraction ρ < ½ of flipped units.
    public static func exponentialRecallExponent(noise rho: Double) -> Double {
        let x = 1 - 2 * rho
        guard x > 0 else { return 0 }
        let i = 0.5 * ((1 + x) * log(1 + x) + (x < 1 ? (1 - x) * log(1 - x) : 0))
        return i / 2
    }

    /// The largest K of Demircigil's bound at N units, 2^(N/2) (infinite beyond Double's range).
    public static func exponentialCapacity(neurons n: Int) -> Double { exp(Double(n) * exponentialCapacityExponent) }

    /// The constant c of P = ½ erfc(√(N^(n−1) / (c K))): 2 (2n−3)!! for F(x) = xⁿ, (2n−3)!! rectified.
    public static func errorConstant(degree d: Int, rectified: Bool) -> Int {
        Int(doubleFactorial(2 * d - 3)) * (rectified ? 1 : 2)
    }

    /// The formula of `polynomialOneStepError` as text: "½ erfc(√(N^2/(6K)))", or in ASCII
    /// "0.5 erfc(sqrt(N^2/(6K)))".
    public static func errorFormula(degree d: Int, rectified: Bool, ascii: Bool) -> String {
        let c = errorConstant(degree: d, rectified: rectified)
        return ascii ? "0.5 erfc(sqrt(N^\(d - 1)/(\(c)K)))" : "½ erfc(√(N^\(d - 1)/(\(c)K)))"
    }

    /// m!! for odd m ≥ −1 (1 for m ≤ 1).
    static func doubleFactorial(_ m: Int) -> Double {
        var r = 1.0
        var k = m
        while k > 1 { r *= Double(k); k -= 2 }
        return r
    }

    /// The theory of a dense kind for the capacity plots: the one-step error curve (NaN where there is no closed
    /// form: exp, softmax), the sweep range, and Demircigil's bound for exp. (`quadratic` never reaches here:
    /// `NetworkKind.theory` answers for the pairwise kinds.)
    static func capacityTheory(_ interaction: Interaction) -> CapacityTheory {
        switch interaction {
        case .polynomial(let d), .rectifiedPolynomial(let d):
            let rectified = interaction != .polynomial(d)
            return CapacityTheory(
                criticalLoad: nil, errorFormula: errorFormula(degree: d, rectified: rectified, ascii: false),
                oneStepError: { alpha, n in
                    polynomialOneStepError(neurons: n, memories: max(1, Int((alpha * Double(n)).rounded())), degree: d, rectified: rectified)
                },
                // Three times Krotov and Hopfield's error-free capacity N^(n−1) / (2 (2n−3)!! ln N).
                largestLoad: { n in
                    3 * pow(Double(n), Double(d - 2)) / (2 * doubleFactorial(2 * d - 3) * log(Double(max(n, 3))))
                })
        case .exponential, .quadratic:
            return CapacityTheory(criticalLoad: nil, errorFormula: "ln K/N < ln 2/2", oneStepError: { _, _ in .nan },
                                  largestLoad: { n in min(20, exponentialCapacity(neurons: n) / Double(n)) },
                                  memoryBound: { exponentialCapacity(neurons: $0) })
        case .softmax:
            // At T = 0 every distinct memory is a fixed point (the update returns the best match): no curve.
            return CapacityTheory(criticalLoad: nil, errorFormula: "", oneStepError: { _, _ in .nan },
                                  largestLoad: { n in min(20, exponentialCapacity(neurons: n) / Double(n)) })
        }
    }
}
