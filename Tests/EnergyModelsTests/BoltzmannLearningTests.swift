import Foundation
import XCTest
@testable import EnergyModels

/// A small machine with Gaussian weights on every connected pair and Gaussian biases.
private func randomMachine(_ graph: BoltzmannConnectivity, visible: Int, scale: Double, seed: UInt64) -> BoltzmannMachine {
    var m = BoltzmannMachine(connectivity: graph, visible: visible)
    var rng = Xoshiro256(seed: seed)
    for (i, j) in graph.pairs { m.setWeight(i, j, to: scale * rng.nextGaussian()) }
    for i in 0..<m.count { m.biases[i] = scale * rng.nextGaussian() }
    return m
}

private func bits(_ s: String) -> [Bool] { s.map { $0 == "1" } }

final class BoltzmannLearningTests: XCTestCase {
    // MARK: - Exact enumeration

    func testGrayCodeEnumerationVisitsEveryStateWithItsEnergy() {
        let m = randomMachine(.full(count: 5), visible: 3, scale: 1, seed: 3)
        var seen = Set<[Double]>()
        BoltzmannExact.forEachState(m, state: [Double](repeating: 0, count: 5), free: Array(0..<5)) { s, e in
            seen.insert(s)
            XCTAssertEqual(e, m.energy(s), accuracy: 1e-12)
        }
        XCTAssertEqual(seen.count, 32)
        // log Z against a direct sum.
        var z = 0.0
        for s in seen { z += exp(-m.energy(s) / 1.7) }
        XCTAssertEqual(BoltzmannExact.logPartition(m, temperature: 1.7), log(z), accuracy: 1e-12)
    }

    /// The positive/negative phase rule with exact expectations plugged in is the exact gradient of the
    /// mean log-likelihood (central finite differences of the enumerated log-likelihood).
    func testPhaseRuleWithExactExpectationsIsTheLogLikelihoodGradient() {
        let graph = BoltzmannConnectivity.full(count: 5)
        let m = randomMachine(graph, visible: 3, scale: 1, seed: 7)
        let data = [bits("101"), bits("110"), bits("101"), bits("000")]
        let t = 1.5
        let g = BoltzmannGradient(positive: BoltzmannExact.clampedStatistics(m, data: data, temperature: t),
                                  negative: BoltzmannExact.freeStatistics(m, temperature: t),
                                  temperature: t, connectivity: graph)
        let eps = 1e-5
        for (i, j) in graph.pairs {
            var up = m, down = m
            up.setWeight(i, j, to: m.weight(i, j) + eps)
            down.setWeight(i, j, to: m.weight(i, j) - eps)
            let numeric = (BoltzmannExact.logLikelihood(up, data: data, temperature: t) - BoltzmannExact.logLikelihood(down, data: data, temperature: t)) / (2 * eps)
            XCTAssertEqual(g.weights[i * 5 + j], numeric, accuracy: 1e-7, "w\(i)\(j)")
            XCTAssertEqual(g.weights[j * 5 + i], numeric, accuracy: 1e-7)
        }
        for i in 0..<5 {
            var up = m, down = m
            up.biases[i] += eps
            down.biases[i] -= eps
            let numeric = (BoltzmannExact.logLikelihood(up, data: data, temperature: t) - BoltzmannExact.logLikelihood(down, data: data, temperature: t)) / (2 * eps)
            XCTAssertEqual(g.biases[i], numeric, accuracy: 1e-7, "b\(i)")
        }
        // Not a vacuous comparison: the gradient is far from zero.
        XCTAssertGreaterThan(g.weights.map(abs).max() ?? 0, 0.05)
    }

    /// The sampled phases (annealing method, fixed temperature) estimate the exact expectations. Each
    /// annealing contributes an average of [0, 1] values, independent across annealings, so the standard
    /// error of each expectation is at most 0.5/√N; the tolerance is 5 of those.
    func testSampledPhasesMatchExactExpectations() {
        let graph = BoltzmannConnectivity.full(count: 5)
        let m = randomMachine(graph, visible: 3, scale: 1, seed: 11)
        let data = [bits("101"), bits("110"), bits("011")]
        let t = 1.5
        var options = BoltzmannTrainingOptions()
        options.schedule = BoltzmannAnnealing(stages: [.init(temperature: t, sweeps: 15)], statisticsTemperature: t, statisticsSweeps: 5)
        options.noise = .none
        options.annealingsPerVector = 1000
        options.negativeAnnealings = 3000
        var trainer = BoltzmannTrainer(machine: m, data: data, options: options, rng: Xoshiro256(seed: 5, stream: 0))
        let pos = trainer.positivePhase()
        let neg = trainer.negativePhase()
        let exactPos = BoltzmannExact.clampedStatistics(m, data: data, temperature: t)
        let exactNeg = BoltzmannExact.freeStatistics(m, temperature: t)
        let tol = 5 * 0.5 / sqrt(3000.0)
        var largestNegSpread = 0.0
        for i in 0..<5 {
            for j in 0..<5 {
                XCTAssertEqual(pos.expectation(i, j), exactPos.expectation(i, j), accuracy: tol, "positive \(i),\(j)")
                XCTAssertEqual(neg.expectation(i, j), exactNeg.expectation(i, j), accuracy: tol, "negative \(i),\(j)")
                largestNegSpread = max(largestNegSpread, abs(exactNeg.expectation(i, j) - exactPos.expectation(i, j)))
            }
        }
        // The phases differ by much more than the tolerance, so the comparison can fail.
        XCTAssertGreaterThan(largestNegSpread, 4 * tol)
    }

    /// Gradient ascent with exact expectations raises the exact log-likelihood at every step (small rate),
    /// through the trainer's own update code path.
    func testExactGradientStepsRaiseLogLikelihoodMonotonically() {
        let graph = BoltzmannConnectivity.full(count: 6)
        let data = [bits("1100"), bits("0011"), bits("1111")]
        var options = BoltzmannTrainingOptions()
        options.update = .gradient(rate: 0.5)
        options.schedule = BoltzmannAnnealing(stages: [], statisticsTemperature: 1, statisticsSweeps: 1)
        var trainer = BoltzmannTrainer(machine: randomMachine(graph, visible: 4, scale: 0.3, seed: 1), data: data, options: options, rng: Xoshiro256(seed: 1))
        var last = BoltzmannExact.logLikelihood(trainer.machine, data: data, temperature: 1)
        let first = last
        for _ in 0..<40 {
            trainer.apply(positive: BoltzmannExact.clampedStatistics(trainer.machine, data: data, temperature: 1),
                          negative: BoltzmannExact.freeStatistics(trainer.machine, temperature: 1))
            let ll = BoltzmannExact.logLikelihood(trainer.machine, data: data, temperature: 1)
            XCTAssertGreaterThanOrEqual(ll, last - 1e-12)
            last = ll
        }
        XCTAssertGreaterThan(last, first + 0.5)
        XCTAssertLessThanOrEqual(last, -log(3.0) + 1e-9)  // no model beats the data's own frequencies
    }

    /// Sampled learning (the full stochastic procedure) raises the exact log-likelihood well above its
    /// starting value: from -4 log 2 ≈ -2.77 with zero weights toward the best possible -log 3 ≈ -1.10.
    func testSampledLearningRaisesExactLogLikelihood() {
        let data = [bits("1100"), bits("0011"), bits("1111")]
        var options = BoltzmannTrainingOptions()
        options.update = .gradient(rate: 1)
        options.noise = .none
        options.schedule = BoltzmannAnnealing(stages: [.init(temperature: 1, sweeps: 5)], statisticsTemperature: 1, statisticsSweeps: 5)
        options.annealingsPerVector = 10
        let m = BoltzmannMachine(connectivity: .full(count: 6), visible: 4)
        var trainer = BoltzmannTrainer(machine: m, data: data, options: options, rng: Xoshiro256(seed: 2))
        let before = BoltzmannExact.logLikelihood(trainer.machine, data: data, temperature: 1)
        XCTAssertEqual(before, -4 * log(2.0), accuracy: 1e-12)
        for _ in 0..<60 { trainer.cycle() }
        let after = BoltzmannExact.logLikelihood(trainer.machine, data: data, temperature: 1)
        XCTAssertGreaterThan(after, before + 1.0, "log-likelihood \(before) → \(after)")
    }

    func testMeanFieldAndPersistentMethodsAlsoLearn() {
        let data = [bits("1100"), bits("0011"), bits("1111")]
        for method in [BoltzmannMethod.meanField, .persistent] {
            var options = BoltzmannTrainingOptions()
            options.method = method
            options.update = .gradient(rate: 1)
            options.noise = .none
            options.schedule = BoltzmannAnnealing(stages: [.init(temperature: 1, sweeps: 5)], statisticsTemperature: 1, statisticsSweeps: 5)
            options.annealingsPerVector = 10
            var trainer = BoltzmannTrainer(machine: BoltzmannMachine(connectivity: .full(count: 6), visible: 4), data: data, options: options, rng: Xoshiro256(seed: 4))
            let before = BoltzmannExact.logLikelihood(trainer.machine, data: data, temperature: 1)
            for _ in 0..<60 { trainer.cycle() }
            let after = BoltzmannExact.logLikelihood(trainer.machine, data: data, temperature: 1)
            XCTAssertGreaterThan(after, before + 0.5, "\(method.rawValue): \(before) → \(after)")
        }
    }

    // MARK: - Update rules and noise

    func testSignUpdateMovesEachConnectedWeightByTheStep() {
        let graph = BoltzmannConnectivity.encoder(groupSize: 2, hidden: 1)
        var options = BoltzmannTrainingOptions()
        options.update = .sign(step: 2, threshold: 0.1)
        var trainer = BoltzmannTrainer(machine: BoltzmannMachine(connectivity: graph, visible: 4), data: [bits("1010")], options: options, rng: Xoshiro256(seed: 1))
        var pos = BoltzmannStatistics(count: 5)
        var neg = BoltzmannStatistics(count: 5)
        pos.add([1, 1, 1, 1, 1])
        neg.add([0, 0, 0, 0, 0])
        trainer.apply(positive: pos, negative: neg)
        let m = trainer.machine
        for i in 0..<5 {
            XCTAssertEqual(m.biases[i], 2)
            for j in 0..<5 where i != j { XCTAssertEqual(m.weight(i, j), graph.isConnected(i, j) ? 2 : 0, "w\(i)\(j)") }
        }
        // Differences at or below the threshold change nothing.
        var small = BoltzmannStatistics(count: 5)
        small.add([0.05, 0.05, 0.05, 0.05, 0.05])
        trainer.apply(positive: small, negative: neg)
        XCTAssertEqual(trainer.machine, m)
    }

    func testClampNoiseRatesMatchTheirProbabilities() {
        // One visible unit on and one off, no hidden units: the positive statistics are the clamped values.
        var options = BoltzmannTrainingOptions()
        options.noise = .ackley1985
        options.annealingsPerVector = 20_000
        options.schedule = BoltzmannAnnealing(stages: [], statisticsTemperature: 10, statisticsSweeps: 1)
        var trainer = BoltzmannTrainer(machine: BoltzmannMachine(connectivity: .full(count: 2), visible: 2), data: [bits("10")], options: options, rng: Xoshiro256(seed: 9))
        let pos = trainer.positivePhase()
        let n = 20_000.0
        XCTAssertEqual(pos.expectation(0, 0), 0.85, accuracy: 5 * sqrt(0.85 * 0.15 / n))
        XCTAssertEqual(pos.expectation(1, 1), 0.05, accuracy: 5 * sqrt(0.05 * 0.95 / n))
    }

    // MARK: - Connectivity, schedule, files

    func testEncoderConnectivity() {
        let g = BoltzmannConnectivity.encoder(groupSize: 4, hidden: 2)
        XCTAssertEqual(g.count, 10)
        // V1–H 8, H–V2 8, within V1 6, within V2 6.
        XCTAssertEqual(g.connectionCount, 28)
        for i in 0..<4 { for j in 4..<8 { XCTAssertFalse(g.isConnected(i, j)) } }
        XCTAssertFalse(g.isConnected(8, 9))
        XCTAssertTrue(g.isConnected(0, 8) && g.isConnected(7, 9) && g.isConnected(0, 1) && g.isConnected(5, 6))
        for i in 0..<10 {
            XCTAssertFalse(g.isConnected(i, i))
            for j in 0..<10 { XCTAssertEqual(g.isConnected(i, j), g.isConnected(j, i)) }
        }
        XCTAssertEqual(BoltzmannConnectivity.encoder(groupSize: 4, hidden: 2, withinGroups: false).connectionCount, 16)
        XCTAssertEqual(BoltzmannConnectivity.encoder(groupSize: 4, hidden: 3, hiddenLinks: true).connectionCount, 12 + 12 + 12 + 3)
        XCTAssertEqual(BoltzmannConnectivity.bipartite(visible: 3, hidden: 2).connectionCount, 6)
        XCTAssertEqual(BoltzmannConnectivity.layered(sizes: [2, 3, 1]).connectionCount, 6 + 3)
        XCTAssertEqual(BoltzmannConnectivity.full(count: 5).connectionCount, 10)
    }

    func testSchedule() {
        let s = BoltzmannAnnealing.ackley1985
        XCTAssertEqual(s.totalSweeps, 20)
        XCTAssertEqual((0..<20).map { s.temperature(atSweep: $0) }, [20, 20, 15, 15, 12, 12, 10, 10, 10, 10] + [Double](repeating: 10, count: 10))
        guard case .success(let stages) = BoltzmannAnnealing.parseStages("20:2, 15:2,12:2,10:4") else { return XCTFail("should parse") }
        XCTAssertEqual(stages, s.stages)
        for bad in ["20:x", "0:2", "20:2,", "-1:3", "20", "inf:2"] {
            if case .success = BoltzmannAnnealing.parseStages(bad) { XCTFail("\(bad) should not parse") }
        }
    }

    func testModelFileHoldsWeightsOverTemperatureAndVisibleCount() throws {
        let m = randomMachine(.bipartite(visible: 3, hidden: 2), visible: 3, scale: 2, seed: 8)
        let path = NSTemporaryDirectory() + "bm-model-\(getpid()).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try m.modelFile(temperature: 10).write(to: path)
        let file = try NetworkModelFile.read(path: path)
        XCTAssertEqual(file.visible, 3)
        XCTAssertEqual(file.units, .binary)
        for k in 0..<25 { XCTAssertEqual(file.weights[k], m.weights[k] / 10, accuracy: 1e-12) }
        for i in 0..<5 { XCTAssertEqual(file.biases[i], m.biases[i] / 10, accuracy: 1e-12) }
        // The file's network at T = 1 has the machine's distribution at T = 10: same energies / 10.
        let net = file.makeNetwork()
        var s = [Double](repeating: 0, count: 5)
        s[0] = 1; s[3] = 1; s[4] = 1
        var n2 = net
        n2.setState(s)
        XCTAssertEqual(n2.energy, m.energy(s) / 10, accuracy: 1e-9)
    }
}

final class BoltzmannConditionalTests: XCTestCase {
    /// With input units, the negative phase keeps them clamped to the data: their statistics equal the
    /// data's exactly (no noise), while the other visible units run free.
    func testInputUnitsStayClampedInTheNegativePhase() {
        let data = [bits("1001"), bits("0110"), bits("1100")]
        var options = BoltzmannTrainingOptions()
        options.inputs = 2
        options.noise = .none
        options.annealingsPerVector = 3
        options.schedule = BoltzmannAnnealing(stages: [.init(temperature: 1, sweeps: 2)], statisticsTemperature: 1, statisticsSweeps: 4)
        var m = BoltzmannMachine(connectivity: .full(count: 5), visible: 4)
        m.biases = [-3, -3, 3, 3, 0]  // free, the inputs would mostly be off; clamped they follow the data
        var trainer = BoltzmannTrainer(machine: m, data: data, options: options, rng: Xoshiro256(seed: 3))
        let neg = trainer.negativePhase()
        XCTAssertEqual(neg.weight, 9 * 4)
        XCTAssertEqual(neg.expectation(0, 0), 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(neg.expectation(1, 1), 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(neg.expectation(0, 1), 1.0 / 3, accuracy: 1e-12)
        // Unit 2 is free with a strong positive bias: on far more often than the data's 1/3.
        XCTAssertGreaterThan(neg.expectation(2, 2), 0.8)
    }

    /// Mean-field learning from all-zero weights keeps the hidden units identical (the symmetric start is
    /// a fixed point of deterministic learning); random initial weights break the symmetry.
    func testMeanFieldNeedsRandomInitialWeightsToBreakSymmetry() {
        let data = [bits("1100"), bits("0011"), bits("1111")]
        for range in [0.0, 1.0] {
            var options = BoltzmannTrainingOptions()
            options.method = .meanField
            options.initialWeightRange = range
            options.annealingsPerVector = 2
            var trainer = BoltzmannTrainer(machine: BoltzmannMachine(connectivity: .bipartite(visible: 4, hidden: 2), visible: 4), data: data, options: options, rng: Xoshiro256(seed: 6))
            for _ in 0..<10 { trainer.cycle() }
            let m = trainer.machine
            let same = (0..<4).allSatisfy { m.weight($0, 4) == m.weight($0, 5) } && m.biases[4] == m.biases[5]
            XCTAssertEqual(same, range == 0, "initial range \(range)")
        }
    }
}

final class BoltzmannStepperTests: XCTestCase {
    /// Sweep-by-sweep stepping learns exactly what whole cycles learn, for every method.
    func testSteppingEqualsWholeCycles() {
        let p = EncoderProblem(groupSize: 4, hidden: 2)
        for method in BoltzmannMethod.allCases {
            var options = BoltzmannTrainingOptions()
            options.method = method
            options.initialWeightRange = method == .meanField ? 1 : 0
            let trainer = BoltzmannTrainer(machine: p.makeMachine(), data: p.trainingVectors, options: options, rng: Xoshiro256(seed: 3))
            var whole = trainer
            for _ in 0..<5 { whole.cycle() }
            var stepper = BoltzmannLearningStepper(trainer: trainer)
            var events: [BoltzmannLearningStepper.Event] = []
            while stepper.cycles < 5 { events.append(stepper.step()) }
            XCTAssertEqual(stepper.machine, whole.machine, method.rawValue)
            XCTAssertNotEqual(whole.machine, trainer.machine, "learning changed the weights")
            // 8 positive and 8 negative annealings per cycle, the last of each cycle ending it.
            XCTAssertEqual(events.filter { $0 == .annealingFinished(.positive) }.count, 5 * 8)
            XCTAssertEqual(events.filter { $0 == .annealingFinished(.negative) }.count, 5 * 7)
            XCTAssertEqual(events.filter { $0 == .cycleFinished }.count, 5)
        }
    }
}
