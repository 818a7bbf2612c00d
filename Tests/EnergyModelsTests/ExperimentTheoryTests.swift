import XCTest
@testable import EnergyModels

final class ExperimentTheoryTests: XCTestCase {
    func testOneStepErrorFormula() {
        // ½ erfc(1/√(2α)): erfc(√5) = 0.0015654022580 at α = 0.1; erfc(1) = 0.1572992070502851 at α = 0.5.
        XCTAssertEqual(HopfieldTheory.oneStepErrorProbability(alpha: 0.1), 0.5 * 0.0015654022580, accuracy: 1e-12)
        XCTAssertEqual(HopfieldTheory.oneStepErrorProbability(alpha: 0.5), 0.5 * 0.1572992070502851, accuracy: 1e-15)
        XCTAssertEqual(HopfieldTheory.oneStepErrorProbability(alpha: 0), 0)
    }

    func testExactFiniteSizeProbability() {
        // N = 4, p = 3: X is a sum of 6 coins, unstable when X < −3, i.e. at most one +1: 7/64.
        XCTAssertEqual(HopfieldTheory.exactOneStepErrorProbability(neurons: 4, patterns: 3), 7.0 / 64, accuracy: 1e-14)
        // N = 4, p = 2: X (3 coins) reaches −3 only as a tie h = 0, which is stable.
        XCTAssertEqual(HopfieldTheory.exactOneStepErrorProbability(neurons: 4, patterns: 2), 0)
        XCTAssertEqual(HopfieldTheory.exactOneStepErrorProbability(neurons: 100, patterns: 1), 0)
        // Approaches the asymptotic formula as N grows at fixed α = 0.1 (the relative gap shrinks).
        let gap = { (n: Int) -> Double in
            let exact = HopfieldTheory.exactOneStepErrorProbability(neurons: n, patterns: n / 10)
            return abs(exact / HopfieldTheory.oneStepErrorProbability(alpha: 0.1) - 1)
        }
        XCTAssertLessThan(gap(20_000), gap(2_000))
        XCTAssertLessThan(gap(20_000), 0.02)
    }

    func testMeanFieldOverlapSolvesTheEquation() {
        XCTAssertEqual(HopfieldTheory.meanFieldOverlap(temperature: 0.5), 0.957504, accuracy: 1e-6)
        XCTAssertEqual(HopfieldTheory.meanFieldOverlap(temperature: 0.8), 0.710412, accuracy: 1e-6)
        XCTAssertEqual(HopfieldTheory.meanFieldOverlap(temperature: 0), 1)
        XCTAssertEqual(HopfieldTheory.meanFieldOverlap(temperature: 1), 0)
        XCTAssertEqual(HopfieldTheory.meanFieldOverlap(temperature: 1.5), 0)
        for t in [0.05, 0.3, 0.9, 0.99, 0.9999] {
            let m = HopfieldTheory.meanFieldOverlap(temperature: t)
            XCTAssertGreaterThan(m, 0, "T = \(t)")
            XCTAssertEqual(m, tanh(m / t), accuracy: 1e-12, "T = \(t)")
        }
        // Near T_c: m ≈ √(3(1 − T)).
        XCTAssertEqual(HopfieldTheory.meanFieldOverlap(temperature: 0.9999), (3 * 0.0001).squareRoot(), accuracy: 1e-3)
    }
}
