import Foundation
import XCTest

/// `hopfield capacity` and `hopfield phase-diagram` as a user runs them (small sizes: the statistics are
/// tested in EnergyModelsTests; these check the output formats, the errors and the plain-text fallback).
final class CapacityAndPhaseDiagramCommandTests: XCTestCase {
    func object(_ text: String) throws -> [String: Any] {
        let obj = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try XCTUnwrap(obj as? [String: Any], text)
    }

    func testCapacityJSON() throws {
        let r = try Hopfield.run(["capacity", "--neurons", "120", "--alpha", "0.05:0.15:0.05", "--trials", "2", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "", "no progress bar when stderr is not a terminal")
        let j = try object(r.stdout)
        XCTAssertEqual(Set(j.keys), ["neurons", "rule", "trials", "points"])
        XCTAssertEqual(j["neurons"] as? Int, 120)
        XCTAssertEqual(j["rule"] as? String, "hebb")
        XCTAssertEqual(j["trials"] as? Int, 2)
        let points = try XCTUnwrap(j["points"] as? [[String: Any]])
        XCTAssertEqual(points.map { $0["alpha"] as? Double }, [0.05, 0.1, 0.15])
        XCTAssertEqual(points.map { $0["patterns"] as? Int }, [6, 12, 18])
        for p in points {
            XCTAssertEqual(Set(p.keys), ["alpha", "patterns", "bitErrorRate", "recallOverlap", "perfectRecall"])
            let e = try XCTUnwrap(p["bitErrorRate"] as? Double), f = try XCTUnwrap(p["perfectRecall"] as? Double)
            XCTAssertTrue((0...1).contains(e) && (0...1).contains(f))
        }
        // Same seed, one thread or several: the same bytes.
        let single = try Hopfield.run(["capacity", "--neurons", "120", "--alpha", "0.05:0.15:0.05", "--trials", "2", "--json", "--threads", "1"])
        XCTAssertEqual(single.stdout, r.stdout)
    }

    func testCapacityTextIsPlainASCIIWhenNotATerminal() throws {
        let r = try Hopfield.run(["capacity", "--neurons", "100", "--alpha", "0.05,0.1,0.2", "--trials", "1", "--rule", "storkey"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Storkey network: N = 100"), r.stdout)
        XCTAssertTrue(r.stdout.contains("bit errors"))
        XCTAssertTrue(r.stdout.contains("0.5 erfc(1/sqrt(2 alpha))"))
        XCTAssertTrue(r.stdout.contains("alpha_c = 0.138"))
        XCTAssertTrue(r.stdout.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII output to a pipe")
    }

    func testPhaseDiagramJSONAndHeatMap() throws {
        let args = ["phase-diagram", "--neurons", "80", "--alpha", "0.02,0.1", "--temperature", "0:1.5:0.5", "--sweeps", "10", "--trials", "1"]
        let r = try Hopfield.run(args + ["--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let j = try object(r.stdout)
        XCTAssertEqual(Set(j.keys), ["neurons", "points"])
        let points = try XCTUnwrap(j["points"] as? [[String: Any]])
        XCTAssertEqual(points.count, 8)
        XCTAssertEqual(points.map { $0["alpha"] as? Double }, [0.02, 0.02, 0.02, 0.02, 0.1, 0.1, 0.1, 0.1])
        XCTAssertEqual(points.map { $0["temperature"] as? Double }, [0, 0.5, 1, 1.5, 0, 0.5, 1, 1.5])
        XCTAssertTrue(points.allSatisfy { Set($0.keys) == ["alpha", "temperature", "overlap"] })
        let text = try Hopfield.run(args)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("T_c = 1: mean-field retrieval below"), text.stdout)
        // T up: rows 1.5, 1, then the T_c line, then 0.5 and 0.
        let rows = text.stdout.split(separator: "\n").map(String.init)
        let labels = rows.compactMap { row -> String? in
            if row.contains("T_c = 1:") { return "line" }
            guard let bar = row.firstIndex(of: "|") else { return nil }
            let label = row[..<bar].trimmingCharacters(in: .whitespaces)
            return label.isEmpty || !row.contains("m_mf") ? nil : label
        }
        XCTAssertEqual(labels, ["1.5", "1", "line", "0.5", "0"], text.stdout)
        XCTAssertTrue(text.stdout.contains("m_mf 0.96"), "the mean-field overlap at T = 0.5 beside its row")
        XCTAssertTrue(text.stdout.unicodeScalars.allSatisfy { $0.isASCII })
    }

    func testBadParametersFailWithAClearMessage() throws {
        let cases: [([String], String)] = [
            (["capacity", "--neurons", "100", "--alpha", "0.1:0.2:0"], "step must be positive"),
            (["capacity", "--neurons", "100", "--alpha", "0,0.1"], "--alpha value 1 (0) must be greater than 0"),
            (["capacity", "--neurons", "1", "--alpha", "0.1"], "--neurons must be from 2 to 5000"),
            (["capacity", "--neurons", "100", "--alpha", "0.1,x"], "value 2 \"x\" is not a finite number"),
            (["capacity", "--neurons", "100", "--alpha", "0.1", "--trials", "0"], "--trials must be from 1"),
            (["phase-diagram", "--neurons", "100", "--alpha", "0.1", "--temperature", "0.5,-1"], "--temperature value 2 (-1) must be at least 0"),
            (["phase-diagram", "--neurons", "100", "--alpha", "0.1", "--temperature", "1", "--sweeps", "1"], "--sweeps must be from 2"),
        ]
        for (args, message) in cases {
            let r = try Hopfield.run(args)
            XCTAssertNotEqual(r.status, 0, args.joined(separator: " "))
            XCTAssertTrue(r.stderr.contains(message), "\(args.joined(separator: " ")): \(r.stderr)")
        }
    }
}
