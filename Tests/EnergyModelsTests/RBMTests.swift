import Foundation
import XCTest
@testable import EnergyModels

/// Helpers: random tiny RBMs and brute-force enumeration of the joint distribution.
enum RBMTestSupport {
    static func randomRBM(m: Int, n: Int, scale: Double, seed: UInt64) -> RBM {
        var rng = Xoshiro256(seed: seed)
        var rbm = RBM(visibleCount: m, hiddenCount: n)
        for k in 0..<rbm.weights.count { rbm.weights[k] = Float(rng.nextGaussian() * scale) }
        for i in 0..<m { rbm.visibleBias[i] = Float(rng.nextGaussian() * scale) }
        for j in 0..<n { rbm.hiddenBias[j] = Float(rng.nextGaussian() * scale) }
        return rbm
    }

    /// The binary vector of `count` bits of `code`.
    static func bits(_ code: Int, _ count: Int) -> [Float] { (0..<count).map { Float((code >> $0) & 1) } }

    /// log Σ_{v,h} e^(-E(v,h)/T) by brute force over all 2^(m+n) joint states.
    static func bruteLogZ(_ rbm: RBM, temperature t: Double = 1) -> Double {
        var terms: [Double] = []
        for cv in 0..<(1 << rbm.visibleCount) {
            for ch in 0..<(1 << rbm.hiddenCount) {
                terms.append(-rbm.energy(visible: bits(cv, rbm.visibleCount), hidden: bits(ch, rbm.hiddenCount)) / t)
            }
        }
        return RBMMath.logSumExp(terms)
    }

    /// log Σ_h e^(-E(v,h)) by brute force.
    static func bruteLogMarginal(_ rbm: RBM, visible v: [Float]) -> Double {
        RBMMath.logSumExp((0..<(1 << rbm.hiddenCount)).map { -rbm.energy(visible: v, hidden: bits($0, rbm.hiddenCount)) })
    }
}

final class RBMExactTests: XCTestCase {
    func testExactLogPartitionMatchesBruteForceOverAllStates() {
        // n < m enumerates hidden states, n > m visible states: both paths against the joint sum.
        for (m, n, seed) in [(4, 3, 1), (3, 5, 2), (5, 5, 3), (1, 1, 4)] as [(Int, Int, UInt64)] {
            let rbm = RBMTestSupport.randomRBM(m: m, n: n, scale: 1.0, seed: seed)
            let brute = RBMTestSupport.bruteLogZ(rbm)
            guard let exact = RBMEvaluation.exactLogPartition(rbm) else { return XCTFail("no exact log Z for \(m)x\(n)") }
            XCTAssertEqual(exact, brute, accuracy: 1e-9 * max(1, abs(brute)), "m=\(m) n=\(n)")
        }
    }

    func testExactLogLikelihoodAndFreeEnergyMatchBruteForce() throws {
        let rbm = RBMTestSupport.randomRBM(m: 4, n: 3, scale: 1.5, seed: 7)
        let logZ = try XCTUnwrap(RBMEvaluation.exactLogPartition(rbm))
        var totalProbability = 0.0
        for code in 0..<16 {
            let v = RBMTestSupport.bits(code, 4)
            // F(v) = -log Σ_h e^(-E(v,h)).
            XCTAssertEqual(rbm.freeEnergy(visible: v), -RBMTestSupport.bruteLogMarginal(rbm, visible: v), accuracy: 1e-9)
            let logP = RBMEvaluation.logProbability(rbm, visible: v, logPartition: logZ)
            XCTAssertEqual(logP, RBMTestSupport.bruteLogMarginal(rbm, visible: v) - RBMTestSupport.bruteLogZ(rbm), accuracy: 1e-9)
            totalProbability += exp(logP)
        }
        XCTAssertEqual(totalProbability, 1, accuracy: 1e-12)
        // The mean over a data set is the mean of the per-vector figures.
        let data = RBMData(rows: [RBMTestSupport.bits(3, 4), RBMTestSupport.bits(9, 4), RBMTestSupport.bits(9, 4)])
        let expected = [3, 9, 9].map { RBMEvaluation.logProbability(rbm, visible: RBMTestSupport.bits($0, 4), logPartition: logZ) }.reduce(0, +) / 3
        XCTAssertEqual(RBMEvaluation.meanLogLikelihood(rbm, data: data, logPartition: logZ), expected, accuracy: 1e-12)
    }

    func testPseudoLogLikelihoodIsTheSumOfExactConditionals() throws {
        let rbm = RBMTestSupport.randomRBM(m: 4, n: 3, scale: 1.0, seed: 11)
        let v = RBMTestSupport.bits(0b0110, 4)
        var expected = 0.0
        for i in 0..<4 {
            var flipped = v
            flipped[i] = 1 - flipped[i]
            let pv = exp(RBMTestSupport.bruteLogMarginal(rbm, visible: v))
            let pf = exp(RBMTestSupport.bruteLogMarginal(rbm, visible: flipped))
            expected += log(pv / (pv + pf))
        }
        XCTAssertEqual(RBMEvaluation.meanPseudoLogLikelihood(rbm, data: RBMData(rows: [v])), expected, accuracy: 1e-9)
    }

    func testReconstructionErrorIsPerPixelMeanSquaredError() {
        // Zero weights: h carries nothing, so the reconstruction is σ(a) for every vector.
        var rbm = RBM(visibleCount: 2, hiddenCount: 3)
        rbm.visibleBias = [0, Float(log(3.0))]  // σ = 0.5, 0.75
        let data = RBMData(rows: [[1, 0], [0, 1]])
        let expected = ((0.5 * 0.5 + 0.75 * 0.75) + (0.5 * 0.5 + 0.25 * 0.25)) / 4
        XCTAssertEqual(RBMEvaluation.reconstructionError(rbm, data: data), expected, accuracy: 1e-7)
    }

    func testGibbsConditionalsMatchTheJointAtSeveralTemperatures() {
        let rbm = RBMTestSupport.randomRBM(m: 3, n: 4, scale: 1.2, seed: 5)
        for t in [1.0, 0.5, 2.5] {
            for cv in 0..<8 {
                let v = RBMTestSupport.bits(cv, 3)
                let p = rbm.hiddenProbabilities(visible: v, temperature: t)
                for j in 0..<4 {
                    var on = 0.0, all = 0.0
                    for ch in 0..<16 {
                        let h = RBMTestSupport.bits(ch, 4)
                        let weight = exp(-rbm.energy(visible: v, hidden: h) / t)
                        all += weight
                        if h[j] == 1 { on += weight }
                    }
                    XCTAssertEqual(p[j], on / all, accuracy: 1e-12, "P(h_\(j)=1 | v=\(cv)) at T=\(t)")
                }
            }
            for ch in 0..<16 {
                let h = RBMTestSupport.bits(ch, 4)
                let p = rbm.visibleProbabilities(hidden: h, temperature: t)
                for i in 0..<3 {
                    var on = 0.0, all = 0.0
                    for cv in 0..<8 {
                        let v = RBMTestSupport.bits(cv, 3)
                        let weight = exp(-rbm.energy(visible: v, hidden: h) / t)
                        all += weight
                        if v[i] == 1 { on += weight }
                    }
                    XCTAssertEqual(p[i], on / all, accuracy: 1e-12, "P(v_\(i)=1 | h=\(ch)) at T=\(t)")
                }
            }
        }
    }

    func testFastSigmoidKernelIsAccurate() {
        var xs = (0...4000).map { Float(-100 + 0.05 * Double($0)) }
        let reference = xs.map { logistic(Double($0) / 0.7) }
        xs.withUnsafeMutableBufferPointer { RBMKernels.sigmoidInPlace($0.baseAddress!, count: $0.count, scale: Float(1 / 0.7)) }
        var worst = 0.0
        for (x, r) in zip(xs, reference) { worst = max(worst, abs(Double(x) - r)) }
        XCTAssertLessThan(worst, 1e-6)
    }

    func testSamplerHiddenFrequenciesMatchConditionals() {
        // 4000 chains all at v; one step samples h ~ P(h | v) in each. Each frequency has standard error
        // √(p(1-p)/4000) ≤ 0.0079; allow 5 of them.
        let rbm = RBMTestSupport.randomRBM(m: 5, n: 6, scale: 1.0, seed: 9)
        let v: [Float] = [1, 0, 1, 1, 0]
        var sampler = RBMSampler(model: rbm, chains: 4000, temperature: 1.5, seed: 3)
        sampler.setVisible(v)
        sampler.step()
        let p = rbm.hiddenProbabilities(visible: v, temperature: 1.5)
        for j in 0..<6 {
            var on = 0.0
            for c in 0..<4000 { on += Double(sampler.hidden[c * 6 + j]) }
            let se = (p[j] * (1 - p[j]) / 4000).squareRoot()
            XCTAssertEqual(on / 4000, p[j], accuracy: 5 * se + 1e-6, "hidden unit \(j)")
        }
    }

    func testSamplerReachesTheExactMarginalDistribution() throws {
        // 3000 independent chains after 30 steps; the frequency of each of the 8 visible states must be
        // within 5 standard errors of the exact P(v) (the chains mix in a few steps at this weight scale).
        let rbm = RBMTestSupport.randomRBM(m: 3, n: 3, scale: 0.8, seed: 21)
        let logZ = try XCTUnwrap(RBMEvaluation.exactLogPartition(rbm))
        var sampler = RBMSampler(model: rbm, chains: 3000, seed: 4)
        sampler.step(count: 30)
        var counts = [Double](repeating: 0, count: 8)
        for c in 0..<3000 {
            let v = sampler.visible(chain: c)
            counts[Int(v[0]) + 2 * Int(v[1]) + 4 * Int(v[2])] += 1
        }
        for code in 0..<8 {
            let p = exp(RBMEvaluation.logProbability(rbm, visible: RBMTestSupport.bits(code, 3), logPartition: logZ))
            let se = (p * (1 - p) / 3000).squareRoot()
            XCTAssertEqual(counts[code] / 3000, p, accuracy: 5 * se, "state \(code)")
        }
    }
}

final class RBMAISTests: XCTestCase {
    func testAISEstimateIsCloseToExactLogZ() throws {
        // A model small enough for the exact answer. log Ẑ has standard error se (delta method over the
        // runs) and a downward bias of about se²/2; the estimate must lie within 4 se + se² of the truth,
        // and se itself must be small, so the test can fail.
        let rbm = RBMTestSupport.randomRBM(m: 10, n: 12, scale: 0.4, seed: 31)
        let exact = try XCTUnwrap(RBMEvaluation.exactLogPartition(rbm))
        let base = [Float](repeating: 0, count: 10)
        let result = AnnealedImportanceSampling.logPartition(rbm, baseVisibleBias: base, options: AISOptions(betas: 300, runs: 64, seed: 2))
        XCTAssertLessThan(result.standardError, 0.05)
        XCTAssertEqual(result.logPartition, exact, accuracy: 4 * result.standardError + result.standardError * result.standardError)
        // The base model's log Z: 2^n Π_i (1 + e^0).
        XCTAssertEqual(result.baseLogPartition, Double(22) * log(2.0), accuracy: 1e-9)
    }

    func testScheduleIsIncreasingFromZeroToOne() {
        let s = AISOptions(betas: 1000).schedule()
        XCTAssertEqual(s.first, 0)
        XCTAssertEqual(s.last, 1)
        XCTAssertEqual(s.count, 1001)
        for k in 1..<s.count { XCTAssertGreaterThan(s[k], s[k - 1]) }
    }
}
