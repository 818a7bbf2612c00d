import Foundation
import XCTest
@testable import EnergyModels

/// A small data set: four 4x4 pictures whose top halves identify them and whose bottom halves have every
/// pixel on in exactly two of the four (so guessing a bottom pixel from the data's marginals is a coin
/// flip), with 3 noisy copies of each (one pixel flipped).
enum SmallDigits {
    static let tops: [String] = ["11000000", "00110000", "00001100", "00000011"]
    static let bottoms: [String] = ["11110000", "00001111", "11001100", "00110011"]

    static func clean(_ k: Int) -> [Float] { (tops[k] + bottoms[k]).map { $0 == "1" ? Float(1) : 0 } }

    static var data: RBMData {
        var rows: [[Float]] = []
        for k in 0..<4 {
            rows.append(clean(k))
            for flip in [2, 9, 14] {
                var v = clean(k)
                v[(flip + 5 * k) % 16] = 1 - v[(flip + 5 * k) % 16]
                rows.append(v)
            }
        }
        return RBMData(rows: rows)
    }
}

final class RBMTrainingTests: XCTestCase {
    func exactLL(_ rbm: RBM, _ data: RBMData) throws -> Double {
        RBMEvaluation.meanLogLikelihood(rbm, data: data, logPartition: try XCTUnwrap(RBMEvaluation.exactLogPartition(rbm)))
    }

    func trainedLL(method: RBMGradientMethod, epochs: Int) throws -> (before: Double, after: Double) {
        let data = SmallDigits.data
        var config = RBMTrainingConfiguration(method: method, learningRate: 0.1, batchSize: 4)
        // PCD's fantasy particles cannot follow weights that move fast, so momentum stays at 0.5 here.
        config.setMomentum(0.5)
        let trainer = RBMTrainer(hiddenCount: 6, data: data, configuration: config, seed: 42)
        let before = try exactLL(trainer.model, data)
        for _ in 0..<epochs { trainer.trainEpoch(on: data) }
        return (before, try exactLL(trainer.model, data))
    }

    func testCD1CD3AndPCDRaiseTheExactLogLikelihood() throws {
        // The initial model is the base-rate model (weights ~ 0.01): about -10.2 nats per sample here.
        // Sixteen vectors in four clusters can be modelled far better (-log 16 = -2.8 nats if all sixteen
        // were equally likely and nothing else); demand a gain of at least 3 nats (measured: 5.8-6.4).
        for method in [RBMGradientMethod.contrastiveDivergence(steps: 1), .contrastiveDivergence(steps: 3), .persistent(steps: 1)] {
            let (before, after) = try trainedLL(method: method, epochs: 150)
            XCTAssertGreaterThan(after, before + 3, "\(method): \(before) -> \(after)")
        }
    }

    func testTrainingIsReproducibleFromTheSeed() {
        let data = SmallDigits.data
        let config = RBMTrainingConfiguration(method: .persistent(steps: 2), learningRate: 0.1, batchSize: 5)
        func run(_ seed: UInt64) -> RBM {
            let t = RBMTrainer(hiddenCount: 5, data: data, configuration: config, seed: seed)
            for _ in 0..<3 { t.trainEpoch(on: data) }
            return t.model
        }
        XCTAssertEqual(run(7), run(7))
        XCTAssertNotEqual(run(7), run(8))
    }

    func testInitialisationFollowsHintonsGuide() {
        // Unit 0 always off, unit 1 on in 3 of 4 vectors, unit 2 always on.
        let data = RBMData(rows: [[0, 1, 1], [0, 1, 1], [0, 1, 1], [0, 0, 1]])
        var rng = Xoshiro256(seed: 1)
        let rbm = RBM.initialised(visibleCount: 3, hiddenCount: 2000, data: data, rng: &rng)
        XCTAssertEqual(Double(rbm.visibleBias[1]), log(3.0), accuracy: 1e-6)
        XCTAssertEqual(Double(rbm.visibleBias[0]), log(1e-3 / (1 - 1e-3)), accuracy: 1e-4)   // clamped, finite
        XCTAssertEqual(Double(rbm.visibleBias[2]), -log(1e-3 / (1 - 1e-3)), accuracy: 1e-4)
        XCTAssertEqual(rbm.hiddenBias, [Float](repeating: 0, count: 2000))
        // 6000 weights ~ N(0, 0.01²): the sample standard deviation is within 5% (its relative SE is 0.9%).
        let sd = (rbm.weights.map { Double($0) * Double($0) }.reduce(0, +) / 6000).squareRoot()
        XCTAssertEqual(sd, 0.01, accuracy: 0.0005)
    }

    func testPCDChainsPersistBetweenUpdates() {
        // One visible and one hidden unit pair, W = 20 and biases -10: from v = 1 the chain goes h = 1,
        // v = 1 with probability 1 - e^-10 per unit, and from 0 stays at 0. With a negligible learning rate
        // the model keeps this property, so particles set to 1 stay 1 only if they persist; chains restarted
        // from the base rate σ(-10) or from the (all-zero) data would be 0.
        let model = RBM(visibleCount: 2, hiddenCount: 2, weights: [20, 0, 0, 20], visibleBias: [-10, -10], hiddenBias: [-10, -10])
        let config = RBMTrainingConfiguration(method: .persistent(steps: 1), learningRate: 1e-9, batchSize: 3, weightDecay: 0)
        let trainer = RBMTrainer(model: model, configuration: config, seed: 1)
        let data = RBMData(rows: [[0, 0], [0, 0], [0, 0]])
        trainer.setFantasyParticles([[1, 0], [1, 1], [0, 1]])
        for _ in 0..<5 { trainer.trainEpoch(on: data) }
        XCTAssertEqual(trainer.updates, 5)
        XCTAssertEqual(trainer.fantasyParticles, [[1, 0], [1, 1], [0, 1]])
        XCTAssertEqual(trainer.negativeParticles, trainer.fantasyParticles)
        // After a reset the chains restart from the base rate: all off.
        trainer.resetChains()
        trainer.trainEpoch(on: data)
        XCTAssertEqual(trainer.fantasyParticles, [[0, 0], [0, 0], [0, 0]])
    }

    func testCDNegativePhaseStartsAtTheData() {
        // The same bistable model with CD-1: the negative phase starts at the data (all ones), so the
        // visible bias gradient ⟨v⟩⁺ - ⟨v⟩⁻ is ~0 and the biases stay put; a chain started elsewhere
        // (zeros) would give a gradient of +1 and move them by ~ the learning rate.
        let model = RBM(visibleCount: 1, hiddenCount: 1, weights: [20], visibleBias: [-10], hiddenBias: [-10])
        let config = RBMTrainingConfiguration(method: .contrastiveDivergence(steps: 1), learningRate: 0.1, batchSize: 4,
                                              initialMomentum: 0, finalMomentum: 0, weightDecay: 0)
        let trainer = RBMTrainer(model: model, configuration: config, seed: 1)
        trainer.trainEpoch(on: RBMData(rows: [[1], [1], [1], [1]]))
        XCTAssertEqual(Double(trainer.model.visibleBias[0]), -10, accuracy: 1e-3)
        // The reconstructions of the batch are the negative particles.
        XCTAssertEqual(trainer.negativeParticles, [[1], [1], [1], [1]])
        XCTAssertEqual(trainer.epoch, 1)
        trainer.completeEpoch()
        XCTAssertEqual(trainer.epoch, 2)
    }

    func testATrainedModelCompletesClampedPatternsBetterThanChance() {
        // Clamp the top half of each clean picture; the bottom pixels are each on in 2 of the 4 pictures,
        // so chance (or the data marginals) gets 50%. Demand 90% of the 32 free pixels right.
        let data = SmallDigits.data
        let config = RBMTrainingConfiguration(method: .contrastiveDivergence(steps: 1), learningRate: 0.1, batchSize: 4)
        let trainer = RBMTrainer(hiddenCount: 8, data: data, configuration: config, seed: 3)
        for _ in 0..<200 { trainer.trainEpoch(on: data) }
        let rbm = trainer.model
        var right = 0
        for k in 0..<4 {
            let clean = SmallDigits.clean(k)
            let known: [Float?] = (0..<16).map { $0 < 8 ? clean[$0] : nil }
            let p = rbm.complete(known: known, chains: 10, burnIn: 20, steps: 50, seed: UInt64(k))
            for i in 8..<16 where (p[i] >= 0.5) == (clean[i] == 1) { right += 1 }
            for i in 0..<8 { XCTAssertEqual(p[i], Double(clean[i]), "clamped units keep their values") }
        }
        XCTAssertGreaterThanOrEqual(right, 29, "\(right) of 32 free pixels completed correctly")
    }

    func testDeepBeliefNetStacksAndSamplesTopDown() throws {
        // Two layers on the small digits; top-down samples should mostly land near a training picture:
        // a random 16-pixel vector is on average 8 pixels from a given one and ≥ 3 from all four with
        // high probability; demand a mean nearest distance below 2.5.
        let data = SmallDigits.data
        let config = RBMTrainingConfiguration(method: .contrastiveDivergence(steps: 1), learningRate: 0.1, batchSize: 4)
        let dbn = try DeepBeliefNet.trainGreedily(data: data, hiddenSizes: [12, 8], epochs: 200, configuration: config, seed: 5)
        XCTAssertEqual(dbn.layers.map(\.hiddenCount), [12, 8])
        XCTAssertEqual(dbn.layers[1].visibleCount, 12)
        let (probabilities, samples) = dbn.sampleTopDown(chains: 40, gibbsSteps: 200, seed: 9)
        XCTAssertEqual(samples.count, 40)
        XCTAssertTrue(samples.allSatisfy { $0.count == 16 && $0.allSatisfy { $0 == 0 || $0 == 1 } })
        XCTAssertTrue(probabilities.allSatisfy { $0.allSatisfy { $0 >= 0 && $0 <= 1 } })
        var total = 0
        for s in samples {
            total += (0..<4).map { k in zip(s, SmallDigits.clean(k)).filter { $0 != $1 }.count }.min() ?? 16
        }
        XCTAssertLessThan(Double(total) / 40, 2.5)
    }

    func testPropagateUpGivesHiddenProbabilities() {
        let rbm = RBMTestSupport.randomRBM(m: 3, n: 2, scale: 1, seed: 2)
        let data = RBMData(rows: [[1, 0, 1], [0, 1, 1]])
        let up = DeepBeliefNet.propagateUp(data, through: rbm)
        for k in 0..<2 {
            let p = rbm.hiddenProbabilities(visible: data.row(k))
            for j in 0..<2 { XCTAssertEqual(Double(up.row(k)[j]), p[j], accuracy: 1e-6) }
        }
    }
}
