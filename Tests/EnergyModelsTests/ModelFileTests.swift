import EnergyModels
import Foundation
import XCTest

final class ModelFileTests: XCTestCase {
    var dir: String = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "hopfield-model-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func testRoundTrip() throws {
        let pats = randomPatterns(3, count: 12, seed: 4)
        for units in UnitConvention.allCases {
            for rule in LearningRule.allCases {
                let net = EnergyNetwork(patterns: pats, count: 12, rule: rule, units: units)
                let stored = pats.enumerated().map { StoredPattern(name: "p\($0.offset) é \"q\"", spins: $0.element) }
                let file = NetworkModelFile(network: net, shape: [3, 4], patterns: stored)
                let path = dir + "/m.json"
                try file.write(to: path)
                let back = try NetworkModelFile.read(path: path)
                XCTAssertEqual(back.units, units)
                XCTAssertEqual(back.shape, [3, 4])
                XCTAssertEqual(back.patterns, stored)
                XCTAssertEqual(back.weights, file.weights) // shortest round-trip decimals are exact
                XCTAssertEqual(back.biases, file.biases)
                let again = back.makeNetwork()
                for i in 0..<12 { for j in 0..<12 { XCTAssertEqual(again.couplings.weight(i, j), net.couplings.weight(i, j), accuracy: 1e-15) } }
            }
        }
        // No temporary files are left behind by the atomic write.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["m.json"])
    }

    private func expectError(_ json: String, field: String?, contains text: String, line: UInt = #line) {
        let path = dir + "/bad.json"
        _ = FileManager.default.createFile(atPath: path, contents: Data(json.utf8))
        XCTAssertThrowsError(try NetworkModelFile.read(path: path), line: line) { error in
            guard let e = error as? ModelFileError else { return XCTFail("wrong error type \(error)", line: line) }
            XCTAssertEqual(e.field, field, "\(e)", line: line)
            XCTAssertTrue(e.description.contains(text), "\(e.description) lacks \(text)", line: line)
            XCTAssertTrue(e.description.hasPrefix(path), line: line)
        }
    }

    func testMalformedModelsAreRejectedWithTheField() {
        let head = #""format": "hopfield-model", "version": 1, "kind": "boltzmann", "units": "spin""#
        let good = #"[[0, 1], [1, 0]]"#
        expectError("not json", field: nil, contains: "not valid JSON")
        expectError("[1, 2]", field: nil, contains: "JSON object")
        expectError(#"{"version": 1}"#, field: "format", contains: "missing")
        expectError(#"{"format": "other", "version": 1}"#, field: "format", contains: "expected")
        expectError(#"{"format": "hopfield-model", "version": 2, "kind": "boltzmann"}"#, field: "version", contains: "found 2")
        expectError(#"{"format": "hopfield-model", "version": 1, "kind": "rbm"}"#, field: "kind", contains: "\"boltzmann\"")
        expectError(#"{"format": "hopfield-model", "version": 1, "kind": "boltzmann", "units": "ising", "weights": [], "biases": []}"#, field: "units", contains: "spin")
        expectError("{\(head), \"biases\": [0, 0]}", field: "weights", contains: "missing")
        expectError("{\(head), \"weights\": [], \"biases\": []}", field: "weights", contains: "at least one unit")
        expectError("{\(head), \"weights\": [[0, 1], [1]], \"biases\": [0, 0]}", field: "weights[1]", contains: "square")
        expectError("{\(head), \"weights\": [[0, 1], [2, 0]], \"biases\": [0, 0]}", field: "weights[0][1]", contains: "symmetric")
        expectError("{\(head), \"weights\": [[1, 1], [1, 0]], \"biases\": [0, 0]}", field: "weights[0][0]", contains: "diagonal")
        expectError("{\(head), \"weights\": [[0, \"x\"], [1, 0]], \"biases\": [0, 0]}", field: "weights[0][1]", contains: "number")
        expectError("{\(head), \"weights\": [[0, true], [1, 0]], \"biases\": [0, 0]}", field: "weights[0][1]", contains: "number")
        expectError("{\(head), \"weights\": \(good), \"biases\": [0]}", field: "biases", contains: "expected 2")
        expectError("{\(head), \"weights\": \(good), \"biases\": [0, 0], \"shape\": [3, 1]}", field: "shape", contains: "2 units")
        expectError("{\(head), \"weights\": \(good), \"biases\": [0, 0], \"patterns\": [{\"name\": \"a\", \"state\": \"1\"}]}", field: "patterns[0].state", contains: "expected 2")
        expectError("{\(head), \"weights\": \(good), \"biases\": [0, 0], \"patterns\": [{\"name\": \"a\", \"state\": \"12\"}]}", field: "patterns[0].state", contains: "'0' and '1'")
        expectError("{\(head), \"weights\": \(good), \"biases\": [0, 0], \"patterns\": [{\"name\": \"a\", \"state\": \"10\"}, {\"name\": \"a\", \"state\": \"01\"}]}", field: "patterns[1].name", contains: "duplicate")
        expectError("{\(head), \"weights\": \(good), \"biases\": [0, 0], \"patterns\": [{\"name\": \"\\u001b[31m\", \"state\": \"10\"}]}", field: "patterns[0].name", contains: "control character")
        expectError("{\(head), \"weights\": \(good), \"biases\": [0, 0], \"visible\": 3}", field: "visible", contains: "1 to 2")
        let missing = dir + "/nope.json"
        XCTAssertThrowsError(try NetworkModelFile.read(path: missing)) { XCTAssertTrue("\($0)".contains("no such file")) }
        XCTAssertThrowsError(try NetworkModelFile.read(path: dir)) { XCTAssertTrue("\($0)".contains("directory")) }
    }

    func testAtomicWriteReplacesWholeFile() throws {
        let path = dir + "/x.txt"
        try AtomicFile.write("first version, long", to: path)
        try AtomicFile.write("second", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second")
        XCTAssertThrowsError(try AtomicFile.write("x", to: dir + "/no-such-dir/x.txt"))
    }
}
