import Foundation
import XCTest
@testable import EnergyModels

/// The straightforward definitions the monitoring figures had before they were vectorised: scalar
/// softplus terms, one state or sample at a time. The fast figures must agree with them.
enum ReferenceMonitors {
    static func logPartition(_ rbm: RBM) -> Double {
        rbm.hiddenCount <= rbm.visibleCount ? enumeratingHidden(rbm) : enumeratingHidden(rbm.transposed)
    }

    static func enumeratingHidden(_ rbm: RBM) -> Double {
        let m = rbm.visibleCount, n = rbm.hiddenCount
        let w = rbm.weights.map(Double.init)
        var x = rbm.visibleBias.map(Double.init)
        var h = [Bool](repeating: false, count: n)
        var hb = 0.0
        var terms: [Double] = []
        func term() -> Double {
            var s = hb
            for i in 0..<m { s += RBMMath.softplus(x[i]) }
            return s
        }
        terms.append(term())
        for g in 1..<(1 << n) {
            let j = g.trailingZeroBitCount
            h[j].toggle()
            let sign: Double = h[j] ? 1 : -1
            hb += sign * Double(rbm.hiddenBias[j])
            for i in 0..<m { x[i] += sign * w[i * n + j] }
            terms.append(term())
        }
        return RBMMath.logSumExp(terms)
    }

    static func meanFreeEnergy(_ rbm: RBM, data: RBMData) -> Double {
        (0..<data.count).map { rbm.freeEnergy(visible: data.row($0)) }.reduce(0, +) / Double(data.count)
    }

    static func meanPseudoLogLikelihood(_ rbm: RBM, data: RBMData) -> Double {
        let m = rbm.visibleCount, n = rbm.hiddenCount
        var total = 0.0
        for k in 0..<data.count {
            let v = data.row(k).map { $0 >= 0.5 ? Float(1) : 0 }
            let x = rbm.hiddenInputs(visible: v)
            for i in 0..<m {
                let d: Double = v[i] != 0 ? -1 : 1
                var delta = -d * Double(rbm.visibleBias[i])
                for j in 0..<n { delta -= RBMMath.softplus(x[j] + d * Double(rbm.weight(i, j))) - RBMMath.softplus(x[j]) }
                total += RBMMath.logSigmoid(delta)
            }
        }
        return total / Double(data.count)
    }

    static func reconstructionError(_ rbm: RBM, data: RBMData) -> Double {
        let m = rbm.visibleCount, n = rbm.hiddenCount
        var total = 0.0
        for k in 0..<data.count {
            let v = data.row(k)
            let hp = rbm.hiddenProbabilities(visible: v)
            for i in 0..<m {
                var y = Double(rbm.visibleBias[i])
                for j in 0..<n { y += Double(rbm.weight(i, j)) * hp[j] }
                let e = Double(v[i]) - logistic(y)
                total += e * e
            }
        }
        return total / Double(data.count * m)
    }
}

final class RBMMonitorTests: XCTestCase {
    static func binaryData(count: Int, dimension: Int, seed: UInt64) -> RBMData {
        var rng = Xoshiro256(seed: seed)
        return RBMData(count: count, dimension: dimension, values: (0..<(count * dimension)).map { _ in rng.nextUnit() < 0.3 ? 1 : 0 })
    }

    func testVectorisedExponentialIsAccurateToAFewUlps() {
        var worst = 0.0
        var x = -750.0
        while x <= 750 {
            let fast = RBMMonitorKernels.expNegAbs(x)
            let exact = Foundation.exp(-abs(x))
            if abs(x) <= 708 { worst = max(worst, abs(fast - exact) / exact) } else { XCTAssertLessThanOrEqual(fast, 1e-307) }
            x += 0.0137
        }
        XCTAssertLessThan(worst, 1e-15)
    }

    func testExactLogPartitionEqualsTheReferenceDefinition() {
        // Hidden ≤ 6 (one block), 10 (64 blocks of 16 states), visible smaller (the transposed path),
        // odd sizes (vector tails), and weights large enough that some softplus terms are in the hundreds.
        for (m, n, scale, seed) in [(7, 3, 1.0, 1), (13, 10, 0.8, 2), (5, 12, 1.5, 3), (64, 11, 0.3, 4), (9, 8, 60.0, 5)] as [(Int, Int, Double, UInt64)] {
            let rbm = RBMTestSupport.randomRBM(m: m, n: n, scale: scale, seed: seed)
            let reference = ReferenceMonitors.logPartition(rbm)
            guard let fast = RBMEvaluation.exactLogPartition(rbm) else { return XCTFail("no exact log Z for \(m)x\(n)") }
            XCTAssertEqual(fast, reference, accuracy: 1e-11 * max(1, abs(reference)), "m=\(m) n=\(n) scale=\(scale)")
        }
    }

    func testBatchedFiguresEqualTheReferenceDefinitions() {
        for (m, n, scale, seed) in [(64, 16, 0.5, 1), (30, 37, 1.0, 2), (9, 5, 40.0, 3), (64, 256, 0.2, 4)] as [(Int, Int, Double, UInt64)] {
            let rbm = RBMTestSupport.randomRBM(m: m, n: n, scale: scale, seed: seed)
            let data = Self.binaryData(count: 150, dimension: m, seed: seed &+ 100)
            let f = RBMEvaluation.figures(rbm, data: data, pseudoLikelihood: true)
            let fe = ReferenceMonitors.meanFreeEnergy(rbm, data: data)
            let pll = ReferenceMonitors.meanPseudoLogLikelihood(rbm, data: data)
            let recon = ReferenceMonitors.reconstructionError(rbm, data: data)
            let label = "m=\(m) n=\(n) scale=\(scale)"
            XCTAssertEqual(f.freeEnergy, fe, accuracy: 1e-11 * max(1, abs(fe)), label)
            XCTAssertEqual(f.pseudoLogLikelihood ?? .nan, pll, accuracy: 1e-10 * max(1, abs(pll)), label)
            XCTAssertEqual(f.reconstructionError, recon, accuracy: 1e-12, label)
            XCTAssertEqual(RBMEvaluation.meanPseudoLogLikelihood(rbm, data: data), f.pseudoLogLikelihood ?? .nan, accuracy: 1e-12)
        }
        // Real-valued data (an upper DBN layer's input): free energy and reconstruction take the values as they are.
        let rbm = RBMTestSupport.randomRBM(m: 20, n: 9, scale: 1, seed: 9)
        var rng = Xoshiro256(seed: 10)
        let data = RBMData(count: 40, dimension: 20, values: (0..<800).map { _ in Float(rng.nextUnit()) })
        XCTAssertEqual(RBMEvaluation.meanFreeEnergy(rbm, data: data), ReferenceMonitors.meanFreeEnergy(rbm, data: data), accuracy: 1e-11)
        XCTAssertEqual(RBMEvaluation.reconstructionError(rbm, data: data), ReferenceMonitors.reconstructionError(rbm, data: data), accuracy: 1e-12)
    }
}

final class RBMMonitorScheduleTests: XCTestCase {
    /// The default interval keeps the estimated figures within a fifth of the estimated training, monitors at
    /// least once (after the last epoch), and is the smallest interval that does so.
    func testAutomaticIntervalKeepsTheFiguresWithinTheBudget() {
        for (n, epochs, samples) in [(16, 20, 1797), (256, 10, 1797), (4, 300, 5), (20, 3, 100), (500, 50, 60000), (8, 1, 10)] {
            let k = RBMMonitorSchedule.automaticInterval(samples: samples, visible: 64, hidden: n, gibbsSteps: 1, monitorSamples: min(500, samples),
                                                         pseudoLikelihood: true, exactLogPartition: n <= 20, epochs: epochs)
            XCTAssertTrue((1...max(1, epochs)).contains(k), "n=\(n): \(k)")
            let training = Double(epochs) * RBMMonitorSchedule.epochNanoseconds(samples: samples, visible: 64, hidden: n, gibbsSteps: 1)
            let once = RBMMonitorSchedule.monitorNanoseconds(visible: 64, hidden: n, monitorSamples: min(500, samples), pseudoLikelihood: true,
                                                             exactLogPartition: n <= 20)
            let evaluations = (epochs + k - 1) / k
            if k < epochs || once <= RBMMonitorSchedule.budget * training {
                XCTAssertLessThanOrEqual(Double(evaluations) * once, RBMMonitorSchedule.budget * training, "n=\(n) k=\(k)")
            }
            if k > 1 {
                let more = (epochs + k - 2) / (k - 1)
                XCTAssertGreaterThan(Double(more) * once, RBMMonitorSchedule.budget * training, "n=\(n): k - 1 would also fit")
            }
        }
    }
}
