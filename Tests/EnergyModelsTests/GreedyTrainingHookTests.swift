@testable import EnergyModels
import XCTest

/// `DeepBeliefNet.trainGreedily` reports every epoch and mini-batch in order (what `rbm train` draws and
/// monitors from), and an error thrown by the epoch hook stops the training.
final class GreedyTrainingHookTests: XCTestCase {
    struct Stop: Error {}

    func testHooksReportEveryEpochAndBatchInOrder() throws {
        let data = SmallDigits.data
        let config = RBMTrainingConfiguration(method: .persistent(steps: 1), learningRate: 0.1, batchSize: 3)
        var epochs: [(Int, Int)] = []
        var batches = 0, lastSeen = 0
        let dbn = DeepBeliefNet.trainGreedily(data: data, hiddenSizes: [6, 4], epochs: 3, configuration: config, seed: 2,
                                              afterBatch: { _, _, seen, total in
            batches += 1
            lastSeen = seen
            XCTAssertLessThanOrEqual(seen, total)
        }, progress: { epoch in
            epochs.append((epoch.layer, epoch.epoch))
            XCTAssertEqual(epoch.input.dimension, epoch.layer == 0 ? data.dimension : 6)
            XCTAssertEqual(epoch.trainer.model.hiddenCount, epoch.layer == 0 ? 6 : 4)
            XCTAssertGreaterThanOrEqual(epoch.seconds, 0)
            XCTAssertEqual(lastSeen, data.count, "the epoch's last batch ends at the last vector")
        })
        XCTAssertEqual(epochs.map(\.0), [0, 0, 0, 1, 1, 1])
        XCTAssertEqual(epochs.map(\.1), [0, 1, 2, 0, 1, 2])
        XCTAssertEqual(batches, 6 * ((data.count + 2) / 3))
        XCTAssertEqual(dbn.layers.map(\.hiddenCount), [6, 4])
        // The same seed without hooks trains the same network.
        let plain = try DeepBeliefNet.trainGreedily(data: data, hiddenSizes: [6, 4], epochs: 3, configuration: config, seed: 2)
        XCTAssertEqual(plain.layers.map(\.weights), dbn.layers.map(\.weights))
    }

    func testAnErrorFromTheEpochHookStopsTraining() {
        var calls = 0
        XCTAssertThrowsError(try DeepBeliefNet.trainGreedily(
            data: SmallDigits.data, hiddenSizes: [5, 3], epochs: 4,
            configuration: RBMTrainingConfiguration(method: .contrastiveDivergence(steps: 1), learningRate: 0.1, batchSize: 4),
            seed: 1, progress: { _ in
                calls += 1
                if calls == 2 { throw Stop() }
            }))
        XCTAssertEqual(calls, 2)
    }
}
