import Foundation
import XCTest

/// `hopfield bench` as scripts use it: valid JSON, sensible figures, and the two representations running the
/// same trajectory (Hebbian fields are exact integers in both, so sweeps and changed units must agree).
final class BenchCommandTests: XCTestCase {
    func testQuickJSONRunIsConsistent() throws {
        let r = try Hopfield.run(["bench", "--quick", "--only", "recall,gibbs", "--repetitions", "1", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout)
        let machine = try XCTUnwrap(doc["machine"] as? [String: Any])
        XCTAssertGreaterThanOrEqual(machine["cores"] as? Int ?? 0, 1)
        let results = try XCTUnwrap(doc["results"] as? [[String: Any]])
        var byID: [String: [String: Any]] = [:]
        for item in results { byID[try XCTUnwrap(item["id"] as? String)] = item }
        XCTAssertEqual(Set(byID.keys), ["recall-dense", "recall-low-rank", "gibbs-dense", "gibbs-low-rank"])
        for (id, item) in byID {
            let rate = try XCTUnwrap(item["updatesPerSecond"] as? Double, id)
            XCTAssertGreaterThan(rate, 0, id)
            XCTAssertEqual((item["seconds"] as? [Double])?.count, 1, id)
        }
        let dense = try XCTUnwrap(byID["recall-dense"]?["notes"] as? [String: String])
        let low = try XCTUnwrap(byID["recall-low-rank"]?["notes"] as? [String: String])
        XCTAssertEqual(dense["sweeps"], low["sweeps"])
        XCTAssertEqual(dense["unitsChanged"], low["unitsChanged"])
        // 20% noise at p/N = 0.1 is well inside the basin: the end state is close to the cued pattern.
        XCTAssertGreaterThan(Double(dense["overlap"] ?? "") ?? 0, 0.95)
        XCTAssertEqual((byID["gibbs-dense"]?["notes"] as? [String: String])?["flipFraction"],
                       (byID["gibbs-low-rank"]?["notes"] as? [String: String])?["flipFraction"])
    }

    /// `--representation` restricts the store, recall and Gibbs workloads to one representation, and a wrong
    /// value is refused with its (sanitised) text named.
    func testRepresentationOption() throws {
        let r = try Hopfield.run(["bench", "--quick", "--only", "recall", "--representation", "low-rank", "--repetitions", "1", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout)
        let ids = try XCTUnwrap(doc["results"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        XCTAssertEqual(ids, ["recall-low-rank"])
        let bad = try Hopfield.run(["bench", "--representation", "sparse\u{1B}[31m"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--representation must be dense or low-rank"), bad.stderr)
        XCTAssertFalse(bad.stderr.contains("\u{1B}"), "the escape reaches the terminal: \(bad.stderr)")
    }

    func testUnknownWorkloadGroupIsRejected() throws {
        let r = try Hopfield.run(["bench", "--only", "nonsense"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("nonsense"), r.stderr)
    }
}
