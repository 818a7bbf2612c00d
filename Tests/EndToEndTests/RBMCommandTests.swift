import Foundation
import XCTest

/// `hopfield rbm train/eval/sample` run as a user runs them: exit status, JSON fields, error messages.
final class RBMCommandTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "hopfield-rbm-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // A small pattern file: 3x3 bars, so the commands run in well under a second in debug.
        let text = ">h1\n###\n...\n...\n\n>h2\n...\n###\n...\n\n>h3\n...\n...\n###\n\n>v1\n#..\n#..\n#..\n\n>v2\n.#.\n.#.\n.#.\n"
        _ = FileManager.default.createFile(atPath: dir + "/bars.txt", contents: Data(text.utf8))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    func testTrainEvalAndSample() throws {
        let model = dir + "/bars.json"
        let t = try Hopfield.run(["rbm", "train", "--data", dir + "/bars.txt", "--hidden", "4", "--epochs", "300",
                                  "--batch-size", "5", "--learning-rate", "0.1", "--output", model, "--monitor-every", "1", "--json"])
        XCTAssertEqual(t.status, 0, t.stderr)
        let tj = try json(t.stdout)
        let epochs = try XCTUnwrap(tj["epochs"] as? [[String: Any]])
        XCTAssertEqual(epochs.count, 300)
        XCTAssertEqual(tj["monitorEvery"] as? [Int], [1])
        XCTAssertEqual(tj["method"] as? String, "CD-1")
        for key in ["reconstructionError", "pseudoLogLikelihood", "freeEnergy", "logLikelihood", "seconds"] {
            XCTAssertNotNil(epochs.last?[key] as? Double, key)
        }
        let first = try XCTUnwrap(epochs.first?["logLikelihood"] as? Double)
        let last = try XCTUnwrap(epochs.last?["logLikelihood"] as? Double)
        // Five equally likely bars: the optimum is log(1/5) = -1.6 nats; the first epoch is near the base
        // rate (-5.5). With weights starting at N(0, 0.01²) the first ~100 updates sit on a plateau
        // (measured: -3.3 after 300 updates).
        XCTAssertGreaterThan(last, first + 1, "training raises the exact log-likelihood")

        let e = try Hopfield.run(["rbm", "eval", "--model", model, "--data", dir + "/bars.txt", "--json"])
        XCTAssertEqual(e.status, 0, e.stderr)
        let ej = try json(e.stdout)
        XCTAssertEqual(ej["logLikelihoodMethod"] as? String, "exact")
        for key in ["reconstructionError", "pseudoLogLikelihood", "logLikelihood", "freeEnergy"] {
            XCTAssertNotNil(ej[key] as? Double, key)
        }
        XCTAssertEqual(try XCTUnwrap(ej["logLikelihood"] as? Double), last, accuracy: 1e-9, "train's figure on all 5 vectors is eval's")

        let s = try Hopfield.run(["rbm", "sample", "--model", model, "--chains", "7", "--steps", "20", "--seed", "3"])
        XCTAssertEqual(s.status, 0, s.stderr)
        let lines = s.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 7)
        XCTAssertTrue(lines.allSatisfy { $0.count == 9 && $0.allSatisfy { $0 == "0" || $0 == "1" } })
        let again = try Hopfield.run(["rbm", "sample", "--model", model, "--chains", "7", "--steps", "20", "--seed", "3"])
        XCTAssertEqual(again.stdout, s.stdout, "seeded")
        let clamped = try Hopfield.run(["rbm", "sample", "--model", model, "--chains", "3", "--steps", "5", "--clamp", "111??????"])
        XCTAssertEqual(clamped.status, 0, clamped.stderr)
        XCTAssertTrue(clamped.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("111") })
    }

    func testMonitorsFollowTheirScheduleAndTheLastEpochIsAlwaysMonitored() throws {
        let model = dir + "/bars.json"
        for (every, expected) in [("3", [3, 6, 9, 10]), (nil, nil)] as [(String?, [Int]?)] {
            var args = ["rbm", "train", "--data", dir + "/bars.txt", "--hidden", "4", "--epochs", "10", "--output", model, "--json"]
            if let every { args += ["--monitor-every", every] }
            let t = try Hopfield.run(args)
            XCTAssertEqual(t.status, 0, t.stderr)
            let tj = try json(t.stdout)
            let k = try XCTUnwrap((tj["monitorEvery"] as? [Int])?.first)
            let epochs = try XCTUnwrap(tj["epochs"] as? [[String: Any]])
            let monitored = epochs.filter { $0["logLikelihood"] != nil }.compactMap { $0["epoch"] as? Int }
            XCTAssertEqual(monitored, expected ?? Array(stride(from: k, through: 10, by: k)) + (10 % k == 0 ? [] : [10]))
            for record in epochs {
                let has = ["reconstructionError", "pseudoLogLikelihood", "freeEnergy", "logLikelihood"].map { record[$0] as? Double != nil }
                XCTAssertTrue(has.allSatisfy { $0 } || has.allSatisfy { !$0 }, "all figures or none: \(record)")
                XCTAssertNotNil(record["seconds"] as? Double)
            }
        }
        let bad = try Hopfield.run(["rbm", "train", "--data", dir + "/bars.txt", "--output", model, "--monitor-every", "0"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--monitor-every"), bad.stderr)
    }

    func testBadInputsFailWithTheirPlaceNamed() throws {
        let bad = dir + "/bad.json"
        _ = FileManager.default.createFile(atPath: bad, contents: Data(#"{"format": "hopfield-model", "version": 1, "kind": "rbm", "weights": [[1, 2], [3]], "visibleBias": [0, 0], "hiddenBias": [0, 0]}"#.utf8))
        let r = try Hopfield.run(["rbm", "eval", "--model", bad, "--data", dir + "/bars.txt"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("field 'weights[1]'"), r.stderr)

        let c = try Hopfield.run(["rbm", "train", "--data", dir + "/bars.txt", "--cd", "1", "--pcd", "1", "--output", dir + "/x.json"])
        XCTAssertNotEqual(c.status, 0)
        XCTAssertTrue(c.stderr.contains("--cd K or --pcd K"), c.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/x.json"))

        let model = dir + "/m.json"
        XCTAssertEqual(try Hopfield.run(["rbm", "train", "--data", dir + "/bars.txt", "--hidden", "2", "--epochs", "1", "--output", model]).status, 0)
        let wrong = try Hopfield.run(["rbm", "eval", "--model", model, "--data", "letters"])
        XCTAssertNotEqual(wrong.status, 0)
        XCTAssertTrue(wrong.stderr.contains("100 units") && wrong.stderr.contains("9 visible units"), wrong.stderr)
        let clamp = try Hopfield.run(["rbm", "sample", "--model", model, "--clamp", "1x"])
        XCTAssertNotEqual(clamp.status, 0)
        XCTAssertTrue(clamp.stderr.contains("--clamp"), clamp.stderr)
    }

    func testDeepBeliefNetTrainsAndSamplesTopDown() throws {
        let model = dir + "/dbn.json"
        let t = try Hopfield.run(["rbm", "train", "--data", dir + "/bars.txt", "--hidden", "6,3", "--epochs", "5", "--output", model])
        XCTAssertEqual(t.status, 0, t.stderr)
        let text = try String(contentsOfFile: model, encoding: .utf8)
        XCTAssertTrue(text.contains("\"kind\": \"dbn\""))
        let s = try Hopfield.run(["rbm", "sample", "--model", model, "--chains", "4", "--steps", "10", "--draw"])
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertEqual(s.stdout.split(separator: "\n").count, 12, "four 3x3 pictures")
        let e = try Hopfield.run(["rbm", "eval", "--model", model, "--data", dir + "/bars.txt"])
        XCTAssertNotEqual(e.status, 0)
        XCTAssertTrue(e.stderr.contains("deep belief net"), e.stderr)
    }
}
