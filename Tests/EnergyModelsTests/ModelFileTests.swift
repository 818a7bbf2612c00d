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
        expectError(#"{"format": "hopfield-model", "version": 3, "kind": "boltzmann"}"#, field: "version", contains: "found 3")
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

    /// Issue 18 item 2: a network built by a rule is stored as the rule and its patterns and rebuilt on
    /// load into exactly the network the rule builds from the patterns (every weight and bias equal).
    func testRuleFilesRebuildTheNetworkBitForBit() throws {
        let pats = randomPatterns(4, count: 30, seed: 8)
        let stored = pats.enumerated().map { StoredPattern(name: "p\($0.offset)", spins: $0.element) }
        for units in UnitConvention.allCases {
            for rule in LearningRule.allCases {
                let path = dir + "/rule.json"
                try NetworkModelFile(rule: rule, units: units, shape: [5, 6], patterns: stored).write(to: path)
                let text = try String(contentsOfFile: path, encoding: .utf8)
                XCTAssertTrue(text.contains("\"version\": 2") && text.contains("\"rule\": \"\(rule.rawValue)\""), text)
                XCTAssertFalse(text.contains("weights"))
                let back = try NetworkModelFile.read(path: path)
                XCTAssertEqual(back.rule, rule)
                XCTAssertEqual(back.patterns, stored)
                XCTAssertEqual(back.shape, [5, 6])
                let loaded = back.makeNetwork(), built = EnergyNetwork(patterns: pats, count: 30, rule: rule, units: units)
                XCTAssertEqual(loaded.couplings.denseValues(), built.couplings.denseValues(), "\(rule) \(units)")
                XCTAssertEqual(loaded.biases, built.biases, "\(rule) \(units)")
            }
        }
        // Version 1 (explicit weights, as every earlier program wrote them) still loads.
        let old = dir + "/old.json"
        _ = FileManager.default.createFile(atPath: old, contents: Data(#"{"format": "hopfield-model", "version": 1, "kind": "boltzmann", "units": "spin", "shape": [1, 2],\#n"weights": [\#n  [0, 0.5],\#n  [0.5, 0]\#n],\#n"biases": [0, -1],\#n"patterns": [\#n  {"name": "a", "state": "10"}\#n]\#n}\#n"#.utf8))
        let v1 = try NetworkModelFile.read(path: old)
        XCTAssertNil(v1.rule)
        XCTAssertEqual(v1.weights, [0, 0.5, 0.5, 0])
        XCTAssertEqual(v1.biases, [0, -1])
        // A rule needs version 2, and a rule file carries no weights.
        let head = #""format": "hopfield-model", "kind": "boltzmann", "units": "spin""#
        expectError("{\(head), \"version\": 1, \"rule\": \"hebb\", \"patterns\": [{\"name\": \"a\", \"state\": \"10\"}]}", field: "rule", contains: "version 2")
        expectError("{\(head), \"version\": 2, \"rule\": \"oja\", \"patterns\": [{\"name\": \"a\", \"state\": \"10\"}]}", field: "rule", contains: "\"oja\"")
        expectError("{\(head), \"version\": 2, \"rule\": \"hebb\"}", field: "patterns", contains: "missing")
        expectError("{\(head), \"version\": 2, \"rule\": \"hebb\", \"weights\": [[0]], \"patterns\": [{\"name\": \"a\", \"state\": \"1\"}]}", field: "weights", contains: "rebuilt")
        expectError("{\(head), \"version\": 2, \"rule\": \"hebb\", \"patterns\": [{\"name\": \"a\", \"state\": \"10\"}, {\"name\": \"b\", \"state\": \"1\"}]}", field: "patterns[1].state", contains: "expected 2")
    }

    /// A rule file is small, but the network it describes may not fit: refused before anything is built.
    func testRuleFileTooLargeForThisMachineIsRefusedBeforeBuilding() {
        let state = String(repeating: "10", count: 500_000)
        expectError("{\"format\": \"hopfield-model\", \"version\": 2, \"kind\": \"boltzmann\", \"units\": \"spin\", \"rule\": \"storkey\", \"patterns\": [{\"name\": \"a\", \"state\": \"\(state)\"}]}",
                    field: "patterns", contains: "1,000,000-unit")
    }

    /// Issue 18 item 2: 20 patterns of 100x100 make a model file of a few hundred KB (the weights would be ~1 GB).
    func testTenThousandUnitHebbianModelFileIsSmall() throws {
        let pats = randomPatterns(20, count: 10_000, seed: 2)
        let stored = pats.enumerated().map { StoredPattern(name: "p\($0.offset)", spins: $0.element) }
        let path = dir + "/big.json"
        try NetworkModelFile(rule: .hebb, units: .spin, shape: [100, 100], patterns: stored).write(to: path)
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        XCTAssertLessThanOrEqual(size, 5_000_000)
        XCTAssertEqual(try NetworkModelFile.read(path: path).patterns, stored)
    }

    /// Issue 15 item 1: a shape whose product overflows is refused with the field named, not a trap.
    func testItem1_shapeOverflowRefused() {
        let head = #""format": "hopfield-model", "version": 1, "kind": "boltzmann", "units": "spin", "weights": [[0, 1], [1, 0]], "biases": [0, 0]"#
        expectError("{\(head), \"shape\": [999999999999999, 999999999999999]}", field: "shape", contains: "999999999999999")
        expectError("{\(head), \"shape\": [4294967296, 4294967296]}", field: "shape", contains: "whole numbers from 1 to")
        expectError("{\(head), \"shape\": [1e300, 2]}", field: "shape", contains: "whole numbers")
        expectError("{\(head), \"shape\": [1.5, 2]}", field: "shape", contains: "1.5")
        expectError("{\(head), \"visible\": 1e300}", field: "visible", contains: "1 to 2")
        let rbm = dir + "/rbm.json"
        _ = FileManager.default.createFile(atPath: rbm, contents: Data(#"{"format": "hopfield-model", "version": 1, "kind": "rbm", "visibleShape": [999999999999999, 999999999999999], "weights": [[1]], "visibleBias": [0], "hiddenBias": [0]}"#.utf8))
        XCTAssertThrowsError(try RBMModelFile.read(path: rbm)) { error in
            XCTAssertEqual((error as? ModelFileError)?.field, "visibleShape", "\(error)")
        }
    }

    /// Issue 15 item 6: magnitudes whose energy could overflow are refused, naming the largest.
    func testItem6_hugeMagnitudesRefused() {
        let head = #""format": "hopfield-model", "version": 1, "kind": "boltzmann", "units": "spin""#
        expectError("{\(head), \"weights\": [[0, 1e308], [1e308, 0]], \"biases\": [0, 0]}", field: "weights[0][1]", contains: "1e+308")
        expectError("{\(head), \"weights\": [[0, 1], [1, 0]], \"biases\": [0, -4e300]}", field: "biases[1]", contains: "energy")
        let rbm = dir + "/rbm.json"
        _ = FileManager.default.createFile(atPath: rbm, contents: Data(#"{"format": "hopfield-model", "version": 1, "kind": "rbm", "weights": [[1, 3e38]], "visibleBias": [0], "hiddenBias": [0, 0]}"#.utf8))
        XCTAssertThrowsError(try RBMModelFile.read(path: rbm)) { error in
            XCTAssertEqual((error as? ModelFileError)?.field, "weights[0][1]", "\(error)")
        }
    }

    /// Issue 15 item 18: a value the decoder cannot take names the field and what was found.
    func testItem18_messagesNameTheFieldAndWhatWasFound() {
        expectError(#"{"format": "hopfield-model", "version": 1e999, "kind": "boltzmann"}"#, field: "version", contains: "found 1e999")
        expectError(#"{"format": "hopfield-model", "version": 1, "kind": 3}"#, field: "kind", contains: "expected a string, found a number")
        expectError(#"{"format": "hopfield-model", "version": "1", "kind": "boltzmann"}"#, field: "version", contains: "expected a number, found a string")
        expectError(#"{"format": "hopfield-model", "version": 1.5, "kind": "boltzmann"}"#, field: "version", contains: "found 1.5")
        expectError(#"{"format": "hopfield-model", "version": 1, "kind": "boltzmann", "units": "spin", "weights": [[0, null], [0, 0]], "biases": [0, 0]}"#, field: "weights[0][1]", contains: "found null")
        expectError("{\"format\": \"hopfield-model\",\n \"weights\": [[0, 1], [1, 0]],\n \"biases\": [0 0]}", field: "biases", contains: "line 3, column 15")
    }

    /// A field named by the syntax check comes from the file's own keys: shown only through the sanitiser.
    func testFieldsFromTheFilesKeysAreSanitised() {
        let path = dir + "/bidi.json"
        _ = FileManager.default.createFile(atPath: path, contents: Data("{\"we\u{202E}ights\": [1 2]}".utf8))
        XCTAssertThrowsError(try NetworkModelFile.read(path: path)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("not valid JSON"), text)
            XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x202E }, text)
        }
    }

    func testAtomicWriteReplacesWholeFile() throws {
        let path = dir + "/x.txt"
        try AtomicFile.write("first version, long", to: path)
        try AtomicFile.write("second", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second")
        XCTAssertThrowsError(try AtomicFile.write("x", to: dir + "/no-such-dir/x.txt"))
    }
}
