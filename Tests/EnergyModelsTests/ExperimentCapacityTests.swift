import XCTest
@testable import EnergyModels

final class ExperimentCapacityTests: XCTestCase {
    /// Every set of 3 patterns on 4 units (2^12 sets): the mean one-step error of the Hebb kernel must be
    /// exactly the finite-size probability 7/64, since N h_i ξ_i = (N − 1) + X with X a sum of
    /// (N − 1)(p − 1) = 6 independent coins, unstable when X < −3.
    func testExhaustiveSmallNetworkMatchesExactProbability() {
        var unstable = 0
        var rng = Xoshiro256(seed: 1)
        for code in 0..<(1 << 12) {
            let patterns = (0..<3).map { mu in (0..<4).map { i in Int8(code >> (mu * 4 + i) & 1 == 1 ? 1 : -1) } }
            unstable += CapacityTrial.measure(patterns: patterns, neurons: 4, rule: .hebb, rng: &rng).unstableBits
        }
        XCTAssertEqual(unstable, (1 << 12) * 12 * 7 / 64)
    }

    /// p = 2 on 4 units: X (3 coins) can reach −3 only as an exact tie h_i = 0, which leaves the unit as it is,
    /// so no pair is unstable (counting ties as unstable would give 1/8).
    func testTiesCountAsStable() {
        var unstable = 0
        var rng = Xoshiro256(seed: 1)
        for code in 0..<(1 << 8) {
            let patterns = (0..<2).map { mu in (0..<4).map { i in Int8(code >> (mu * 4 + i) & 1 == 1 ? 1 : -1) } }
            let result = CapacityTrial.measure(patterns: patterns, neurons: 4, rule: .hebb, rng: &rng)
            unstable += result.unstableBits
            XCTAssertEqual(result.fixedPoints, 2)
        }
        XCTAssertEqual(unstable, 0)
    }

    /// The fast kernels agree with the engine's own network (EnergyNetwork.isUnstable) for every rule,
    /// including N not a multiple of 64 and loads where many bits are unstable.
    func testKernelsAgreeWithEngineNetwork() {
        for rule in LearningRule.allCases {
            for (n, p) in [(65, 20), (130, 13)] {
                var rng = Xoshiro256(seed: 42, stream: UInt64(n))
                let patterns = RandomPatterns.make(count: p, neurons: n, rng: &rng)
                var orderRNG = Xoshiro256(seed: 5)
                let fast = CapacityTrial.measure(patterns: patterns, neurons: n, rule: rule, rng: &orderRNG)
                var network = EnergyNetwork(patterns: patterns, count: n, rule: rule, units: .spin)
                var unstable = 0, fixed = 0
                for xi in patterns {
                    network.setState(network.values(of: xi))
                    let u = (0..<n).filter { network.isUnstable($0) }.count
                    unstable += u
                    if u == 0 { fixed += 1 }
                }
                XCTAssertEqual(fast.unstableBits, unstable, "\(rule) N = \(n) p = \(p)")
                XCTAssertEqual(fast.fixedPoints, fixed, "\(rule) N = \(n) p = \(p)")
                XCTAssertEqual(fast.unconverged, 0)
                XCTAssertLessThanOrEqual(fast.overlapSum, Double(p))
            }
        }
        // Sanity of the cross-check itself: Hebb at α ≈ 0.3 has unstable bits to compare.
        var rng = Xoshiro256(seed: 42, stream: 65)
        let patterns = RandomPatterns.make(count: 20, neurons: 65, rng: &rng)
        XCTAssertGreaterThan(CapacityTrial.measure(patterns: patterns, neurons: 65, rule: .hebb, rng: &rng).unstableBits, 0)
    }

    /// Every relaxation ends at a fixed point of the engine's network with no higher energy than its start,
    /// for every rule, at a load where most patterns are unstable.
    func testRelaxationEndsAtFixedPointsOfTheEngineNetwork() {
        for rule in LearningRule.allCases {
            let n = 70, p = rule == .hebb ? 21 : 40
            var rng = Xoshiro256(seed: 77, stream: 1)
            let patterns = RandomPatterns.make(count: p, neurons: n, rng: &rng)
            let ends = CapacityTrial.relaxedStates(patterns: patterns, neurons: n, rule: rule, rng: &rng)
            var network = EnergyNetwork(patterns: patterns, count: n, rule: rule, units: .spin)
            var moved = 0
            for (xi, end) in zip(patterns, ends) {
                network.setState(network.values(of: xi))
                let start = network.recomputedEnergy()
                network.setState(network.values(of: end))
                XCTAssertTrue(network.isFixedPoint, "\(rule): relaxation ended off a fixed point")
                XCTAssertLessThanOrEqual(network.recomputedEnergy(), start + 1e-9, "\(rule)")
                if end != xi { moved += 1 }
            }
            if rule == .hebb { XCTAssertGreaterThan(moved, p / 2, "α = 0.3: most Hebbian patterns are not fixed points") }
        }
    }

    /// The measured one-step error rate against theory, N = 400, 3 trials.
    ///
    /// Samples: N·p·K (pattern, unit) pairs, each unstable with probability P, so the standard error is
    /// √(P(1 − P)/(N p K)) (pairs in one trial are only weakly correlated through shared overlaps).
    /// (1) Against the exact finite-N probability (binomial crosstalk, ties stable) within 5 s.e.
    /// (2) Against the asymptotic ½ erfc(1/√(2α)) within 5 s.e. plus its known finite-size bias
    ///     |P_exact − P_asymptotic| (signal N − 1 against N, variance (N − 1)(p − 1) against N p: about 5%
    ///     of P at α = 0.2 and N = 400). α from 0.1 up: below that errors are too rare to count at this size.
    func testOneStepErrorRateFollowsTheory() {
        let n = 400, trials = 3
        let alphas = [0.1, 0.15, 0.2, 0.3]
        let points = CapacityExperiment.run(neurons: n, alphas: alphas, trials: trials, kind: .pairwise(.hebb), seed: 2024, recall: false)
        for point in points {
            let samples = Double(n * point.patterns * trials)
            let exact = HopfieldTheory.exactOneStepErrorProbability(neurons: n, patterns: point.patterns)
            let asymptotic = HopfieldTheory.oneStepErrorProbability(alpha: point.alpha)
            let se = (exact * (1 - exact) / samples).squareRoot()
            XCTAssertEqual(point.bitErrorRate, exact, accuracy: 5 * se, "α = \(point.alpha): exact finite-N probability")
            XCTAssertEqual(point.bitErrorRate, asymptotic, accuracy: 5 * se + abs(exact - asymptotic), "α = \(point.alpha): ½ erfc(1/√(2α))")
            XCTAssertTrue(point.recallOverlap.isNaN)
        }
        // The one-step counts do not depend on whether recall runs afterwards (same streams, same patterns).
        let with = CapacityExperiment.run(neurons: 100, alphas: [0.2], trials: 2, seed: 8)
        let without = CapacityExperiment.run(neurons: 100, alphas: [0.2], trials: 2, seed: 8, recall: false)
        XCTAssertEqual(with[0].bitErrorRate, without[0].bitErrorRate)
        XCTAssertEqual(with[0].perfectRecall, without[0].perfectRecall)
        XCTAssertFalse(with[0].recallOverlap.isNaN)
    }

    /// Recall well below α_c ≈ 0.138 is essentially perfect; well above it the memories collapse.
    func testRecallBelowAndAboveCapacity() {
        let points = CapacityExperiment.run(neurons: 400, alphas: [0.05, 0.3], trials: 2, kind: .pairwise(.hebb), seed: 9)
        // α = 0.05: each pattern has N·P ≈ 400 · 2e-6 expected unstable units, so P(not a fixed point) < 0.1%
        // per pattern; 2 or more of the 40 patterns failing has probability < 1e-3.
        XCTAssertGreaterThanOrEqual(points[0].perfectRecall, 0.95)
        XCTAssertGreaterThan(points[0].recallOverlap, 0.99)
        // α = 0.3: P_error ≈ 0.033, so a pattern is a fixed point with probability (1 − 0.033)^400 ≈ 1e-6.
        // Beyond capacity the dynamics wander far from the pattern (AGS: no retrieval state; measured ≈ 0.35
        // at this size); 0.8 leaves a wide margin yet fails if recall did not run.
        XCTAssertEqual(points[1].perfectRecall, 0)
        XCTAssertLessThan(points[1].recallOverlap, 0.8)
        XCTAssertGreaterThan(points[1].bitErrorRate, 0.02)
    }

    func testQuickSweepCrossesCapacity() {
        let points = CapacityExperiment.quickSweep(neurons: 100, trials: 2)
        XCTAssertEqual(points.map(\.alpha), CapacityExperiment.quickSweepAlphas)
        XCTAssertEqual(points.first?.alpha, 0.02)
        XCTAssertEqual(points.last?.alpha, 0.3)
        // From essentially perfect recall at α = 0.02 (p = 2) to none at α = 0.3 (P_error ≈ 0.03 per bit,
        // so a pattern is a fixed point with probability ≈ 0.97^100 ≈ 0.05).
        XCTAssertEqual(points.first?.perfectRecall, 1)
        XCTAssertLessThan(points.last?.perfectRecall ?? 1, 0.3)
    }

    func testPseudoInverseStoresEveryPattern() {
        let points = CapacityExperiment.run(neurons: 120, alphas: [0.3], trials: 2, kind: .pairwise(.pinv), seed: 3)
        XCTAssertEqual(points[0].bitErrorRate, 0)
        XCTAssertEqual(points[0].perfectRecall, 1)
        XCTAssertEqual(points[0].recallOverlap, 1)
    }

    /// At p = N the pseudo-inverse weights vanish (W = I minus its diagonal): every field is zero, every unit
    /// tied, so every pattern is a fixed point; rounding noise must not make units flip.
    func testPseudoInverseAtFullRankHasOnlyTies() {
        let points = CapacityExperiment.run(neurons: 40, alphas: [1], trials: 1, kind: .pairwise(.pinv), seed: 2)
        XCTAssertEqual(points[0].patterns, 40)
        XCTAssertEqual(points[0].bitErrorRate, 0)
        XCTAssertEqual(points[0].perfectRecall, 1)
    }

    func testResultsDoNotDependOnThreadCount() {
        let alphas = [0.08, 0.2, 0.35]
        let one = CapacityExperiment.run(neurons: 150, alphas: alphas, trials: 3, seed: 11, workers: 1)
        let many = CapacityExperiment.run(neurons: 150, alphas: alphas, trials: 3, seed: 11, workers: 4)
        XCTAssertEqual(one, many)
        let other = CapacityExperiment.run(neurons: 150, alphas: alphas, trials: 3, seed: 12, workers: 4)
        XCTAssertNotEqual(one, other)
    }

    func testProgressReportsEveryTrialInOrder() {
        final class Log: @unchecked Sendable {
            let lock = NSLock()
            var seen: [Int] = []
        }
        let log = Log()
        _ = CapacityExperiment.run(neurons: 50, alphas: [0.1, 0.2], trials: 3, workers: 3) { progress in
            log.lock.lock(); log.seen.append(progress.completed); log.lock.unlock()
            XCTAssertEqual(progress.total, 6)
        }
        XCTAssertEqual(log.seen, [1, 2, 3, 4, 5, 6])
    }
}
