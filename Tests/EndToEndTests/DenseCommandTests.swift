import Foundation
import XCTest

/// `--interaction` on the headless commands: run, store/run --model/sample with a dense model file, capacity.
final class DenseCommandTests: XCTestCase {
    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    /// softmax at T = 0.05: one update (--max-sweeps 1) from A with 10 % noise gives A itself; finalState is
    /// a list of N numbers.
    func testSoftmaxRunGivesNumbersAndRetrievesInOneUpdate() throws {
        let r = try Hopfield.run(["run", "--patterns", "letters", "--interaction", "softmax", "--temperature", "0.05",
                                  "--cue", "A", "--noise", "0.1", "--max-sweeps", "1", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let j = try json(r.stdout)
        let state = try XCTUnwrap(j["finalState"] as? [Double])
        XCTAssertEqual(state.count, 100)
        XCTAssertEqual(try XCTUnwrap(j["overlaps"] as? [String: Double])["A"], 1)
        XCTAssertEqual(j["sweeps"] as? Int, 1)
        // Both energies are at T = 0.05: the update lowered E, which stays ≥ 0 (Ramsauer's constant).
        let trace = try XCTUnwrap(j["energyTrace"] as? [Double])
        XCTAssertEqual(trace.count, 2)
        XCTAssertLessThan(trace[1], trace[0])
        XCTAssertGreaterThanOrEqual(trace[1], 0)
    }

    /// All 26 letters stored: the Hebbian network recalls none of them from 10 % noise, exp recalls T; the
    /// energy trace never rises.
    func testExponentialRunRecallsWhereHebbFails() throws {
        let hebb = try Hopfield.run(["run", "--patterns", "letters", "--cue", "T", "--noise", "0.1", "--json"])
        XCTAssertNotEqual(try json(hebb.stdout)["outcome"] as? String, "stored")
        for interaction in ["exp", "poly:5"] {
            let r = try Hopfield.run(["run", "--patterns", "letters", "--interaction", interaction, "--cue", "T", "--noise", "0.1", "--json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let j = try json(r.stdout)
            let trace = try XCTUnwrap(j["energyTrace"] as? [Double])
            for (a, b) in zip(trace, trace.dropFirst()) { XCTAssertLessThanOrEqual(b, a, interaction) }
            XCTAssertEqual(j["outcome"] as? String, "stored", interaction)
            XCTAssertEqual(j["pattern"] as? String, "T", interaction)
        }
    }

    /// store --interaction writes a model of kind dense (no weights); run, sample and tui read it.
    func testDenseModelFileRoundTrip() throws {
        let dir = NSTemporaryDirectory() + "hopfield-dense-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/exp.json"
        let s = try Hopfield.run(["store", "--patterns", "letters", "--interaction", "exp", "--output", path])
        XCTAssertEqual(s.status, 0, s.stderr)
        let file = try json(String(contentsOfFile: path, encoding: .utf8))
        XCTAssertEqual(file["kind"] as? String, "dense")
        XCTAssertEqual(file["interaction"] as? String, "exp")
        XCTAssertNil(file["weights"])
        XCTAssertEqual((file["patterns"] as? [Any])?.count, 26)
        let r = try Hopfield.run(["run", "--model", path, "--cue", "Q", "--noise", "0.1", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try json(r.stdout)["pattern"] as? String, "Q")
        let sample = try Hopfield.run(["sample", "--model", path, "--temperature", "1", "--sweeps", "3"])
        XCTAssertEqual(sample.status, 0, sample.stderr)
        XCTAssertEqual(sample.stdout.split(separator: "\n").count, 3)
        let soft = dir + "/soft.json"
        XCTAssertEqual(try Hopfield.run(["store", "--patterns", "letters", "--interaction", "softmax", "--output", soft]).status, 0)
        let refused = try Hopfield.run(["sample", "--model", soft, "--temperature", "1", "--sweeps", "3"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("deterministic"), refused.stderr)
    }

    /// Binary units and impossible degrees are refused with messages that name the problem.
    func testBadChoicesAreRefused() throws {
        let binary = try Hopfield.run(["run", "--patterns", "letters", "--units", "binary", "--interaction", "exp"])
        XCTAssertNotEqual(binary.status, 0)
        XCTAssertTrue(binary.stderr.contains("spin units"), binary.stderr)
        let degree = try Hopfield.run(["run", "--patterns", "letters", "--interaction", "poly:1"])
        XCTAssertNotEqual(degree.status, 0)
        XCTAssertTrue(degree.stderr.contains("poly:n"), degree.stderr)
        let load = try Hopfield.run(["capacity", "--neurons", "50", "--alpha", "0.1", "--interaction", "poly:3"])
        XCTAssertNotEqual(load.status, 0)
        XCTAssertTrue(load.stderr.contains("--memories"), load.stderr)
        let big = try Hopfield.run(["capacity", "--neurons", "5000", "--memories", "10", "--interaction", "poly:6"])
        XCTAssertNotEqual(big.status, 0)
        XCTAssertTrue(big.stderr.contains("2^63"), big.stderr)
    }

    /// capacity --memories with --interaction: the JSON names the interaction and gives each point's theory.
    func testCapacityWithMemories() throws {
        let r = try Hopfield.run(["capacity", "--neurons", "60", "--memories", "30,600", "--interaction", "poly:3", "--trials", "2", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let j = try json(r.stdout)
        XCTAssertEqual(j["interaction"] as? String, "poly:3")
        let points = try XCTUnwrap(j["points"] as? [[String: Any]])
        XCTAssertEqual(points.map { $0["patterns"] as? Int }, [30, 600])
        XCTAssertEqual(points[0]["perfectRecall"] as? Double, 1)
        let theory = try XCTUnwrap(points[1]["theory"] as? Double)
        XCTAssertEqual(theory, 0.5 * erfc((3600.0 / (6 * 600)).squareRoot()), accuracy: 1e-12)
        XCTAssertGreaterThan(try XCTUnwrap(points[1]["bitErrorRate"] as? Double), 0)
    }
}
