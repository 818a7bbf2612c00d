import Foundation
import XCTest

/// `hopfield bm …` run as a user runs it.
final class BMCommandTests: XCTestCase {
    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    func testEncoderJSONHasTheDocumentedFieldsAndDoesNotDependOnTheTrialCount() throws {
        let r = try Hopfield.run(["bm", "encoder", "--trials", "3", "--max-cycles", "60", "--seed", "1", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let j = try json(r.stdout)
        XCTAssertEqual(j["size"] as? Int, 4)
        XCTAssertEqual(j["hidden"] as? Int, 2)
        XCTAssertEqual(j["trials"] as? Int, 3)
        let cycles = try XCTUnwrap(j["cycles"] as? [Any])
        XCTAssertEqual(cycles.count, 3)
        let solved = cycles.filter { $0 is Int }.count
        XCTAssertEqual(j["solved"] as? Int, solved)
        XCTAssertNotNil(j["medianCycles"])
        // Run k depends only on (seed, k): the first two runs are the same when only two are asked for.
        let two = try json(try Hopfield.run(["bm", "encoder", "--trials", "2", "--max-cycles", "60", "--seed", "1", "--json"]).stdout)
        XCTAssertEqual((two["cycles"] as? [Any])?.map { "\($0)" }, cycles.prefix(2).map { "\($0)" })
    }

    func testTrainWritesABinaryModelWithVisibleCountAndRaisesTheLikelihood() throws {
        let dir = NSTemporaryDirectory() + "hopfield-bm-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = dir + "/bm.json"
        let r = try Hopfield.run(["bm", "train", "--data", "seed-example", "--hidden", "2", "--cycles", "60", "--update", "gradient",
                                  "--clamp-noise", "none", "--output", model, "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let j = try json(r.stdout)
        let evals = try XCTUnwrap(j["evaluations"] as? [[String: Any]])
        let first = try XCTUnwrap(evals.first?["logLikelihood"] as? Double)
        let last = try XCTUnwrap(evals.last?["logLikelihood"] as? Double)
        XCTAssertEqual(first, -4 * log(2.0), accuracy: 1e-9)  // zero weights: uniform over 2^4 visible states
        XCTAssertGreaterThan(last, first + 1)
        XCTAssertLessThanOrEqual(last, -log(2.0) + 1e-9)  // two equally frequent patterns: at best log(1/2)
        let file = try json(try String(contentsOfFile: model, encoding: .utf8))
        XCTAssertEqual(file["kind"] as? String, "boltzmann")
        XCTAssertEqual(file["units"] as? String, "binary")
        XCTAssertEqual(file["visible"] as? Int, 4)
        // The model samples with the general `sample` command.
        let s = try Hopfield.run(["sample", "--model", model, "--temperature", "1", "--sweeps", "3"])
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertEqual(s.stdout.split(separator: "\n").count, 3)
    }

    func testBadOptionsFailWithAMessageNamingTheOption() throws {
        for (args, needle) in [(["bm", "encoder", "--size", "1"], "--size"),
                               (["bm", "encoder", "--schedule", "20:x"], "--schedule"),
                               (["bm", "encoder", "--clamp-noise", "2,0"], "--clamp-noise"),
                               (["bm", "train", "--data", "no-such-set", "--hidden", "1"], "no-such-set"),
                               (["bm", "live", "--size", "20"], "--size")] {
            let r = try Hopfield.run(args)
            XCTAssertNotEqual(r.status, 0, args.joined(separator: " "))
            XCTAssertTrue(r.stderr.contains(needle), "\(args): \(r.stderr)")
        }
    }
}
