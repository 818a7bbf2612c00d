import XCTest
@testable import EnergyModels

final class ExperimentPhaseDiagramTests: XCTestCase {
    /// One stored pattern (α = 1/400) on N = 400 units, 200 sweeps, 4 trials: the time-averaged overlap
    /// follows the mean-field m = tanh(m/T) below T_c = 1 and vanishes above.
    ///
    /// Tolerances from the Curie-Weiss fluctuations: Var(m) ≈ T χ / N with χ = (1 − m²)/(1 − (1 − m²)/T),
    /// correlation time τ ≈ 1/(1 − (1 − m²)/T) sweeps, 100 averaged sweeps per trial ≈ 100/(2τ) independent
    /// samples, and the mean-field value is itself off by O(1/N) at this size.
    /// - T = 0.5: sd 0.011 per sweep, s.e. of the mean ≈ 0.001; allow 0.01.
    /// - T = 0.8: sd 0.052, τ ≈ 2.6, s.e. ≈ 0.006; allow 0.04 (5 s.e. plus 0.01 for the finite-size shift).
    /// - T = 1.5: paramagnet, Var(m) = 1/(N(1 − 1/T)), sd 0.087, τ ≈ 3, s.e. ≈ 0.011; |m| < 0.055 (5 s.e.).
    func testSmallLoadFollowsMeanField() {
        let points = PhaseDiagramExperiment.run(neurons: 400, alphas: [0.0025], temperatures: [0.5, 0.8, 1.5],
                                                sweeps: 200, trials: 4, seed: 3)
        XCTAssertEqual(points.map(\.patterns), [1, 1, 1])
        XCTAssertEqual(points[0].overlap, HopfieldTheory.meanFieldOverlap(temperature: 0.5), accuracy: 0.01)
        XCTAssertEqual(points[1].overlap, HopfieldTheory.meanFieldOverlap(temperature: 0.8), accuracy: 0.04)
        XCTAssertLessThan(abs(points[2].overlap), 0.055)
    }

    /// At T = 0 the sampler is the deterministic rule: a stored pattern well below capacity is a fixed point.
    func testZeroTemperatureKeepsAStoredPattern() {
        let points = PhaseDiagramExperiment.run(neurons: 200, alphas: [0.02], temperatures: [0], sweeps: 4, trials: 2, seed: 1)
        XCTAssertEqual(points[0].overlap, 1)
    }

    /// Along T = 0 the diagram shows the capacity limit: a stored pattern is kept far below α_c ≈ 0.138 and lost
    /// well above it (the capacity tests put the overlap after recall near 0.35–0.5 at α = 0.3 for these sizes;
    /// 0.8 leaves a wide margin).
    func testZeroTemperatureRetrievalCollapsesAboveCapacity() {
        let points = PhaseDiagramExperiment.run(neurons: 300, alphas: [0.02, 0.3], temperatures: [0], sweeps: 10, trials: 2, seed: 6)
        XCTAssertEqual(points[0].overlap, 1)
        XCTAssertLessThan(points[1].overlap, 0.8)
    }

    func testResultsDoNotDependOnThreadCount() {
        let args = (alphas: [0.05, 0.2], temperatures: [0.4, 1.2])
        let one = PhaseDiagramExperiment.run(neurons: 60, alphas: args.alphas, temperatures: args.temperatures,
                                             sweeps: 6, trials: 2, seed: 5, workers: 1)
        let many = PhaseDiagramExperiment.run(neurons: 60, alphas: args.alphas, temperatures: args.temperatures,
                                              sweeps: 6, trials: 2, seed: 5, workers: 3)
        XCTAssertEqual(one, many)
        XCTAssertEqual(one.map(\.alpha), [0.05, 0.05, 0.2, 0.2])
        XCTAssertEqual(one.map(\.temperature), [0.4, 1.2, 0.4, 1.2])
    }
}
