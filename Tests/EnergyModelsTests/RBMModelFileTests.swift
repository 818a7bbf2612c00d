import Foundation
import XCTest
@testable import EnergyModels

final class RBMModelFileTests: XCTestCase {
    var dir = ""

    override func setUp() {
        dir = NSTemporaryDirectory() + "rbm-model-tests-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func write(_ text: String) -> String {
        let path = dir + "/m-\(UUID().uuidString).json"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func testRBMRoundTripIsExact() throws {
        var rbm = RBMTestSupport.randomRBM(m: 6, n: 4, scale: 0.3, seed: 1)
        rbm.weights[0] = 1e-30
        rbm.weights[1] = -3.25
        rbm.hiddenBias[0] = 0
        let path = dir + "/rbm.json"
        try RBMModelFile(rbm: rbm, visibleShape: [2, 3]).write(to: path)
        let back = try RBMModelFile.read(path: path)
        XCTAssertEqual(back.rbm, rbm)
        XCTAssertEqual(back.visibleShape, [2, 3])
        XCTAssertFalse(back.isDeepBeliefNet)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("{\"format\": \"hopfield-model\", \"version\": 1, \"kind\": \"rbm\", \"visibleShape\": [2, 3]"))
    }

    func testDBNRoundTrip() throws {
        let dbn = DeepBeliefNet(layers: [RBMTestSupport.randomRBM(m: 4, n: 3, scale: 1, seed: 2), RBMTestSupport.randomRBM(m: 3, n: 2, scale: 1, seed: 3)])
        let path = dir + "/dbn.json"
        try RBMModelFile(dbn: dbn, visibleShape: [2, 2]).write(to: path)
        let back = try RBMModelFile.read(path: path)
        XCTAssertTrue(back.isDeepBeliefNet)
        XCTAssertEqual(back.dbn, dbn)
    }

    func testNonFiniteParametersAreNotWritten() {
        var rbm = RBM(visibleCount: 2, hiddenCount: 2)
        rbm.weights[3] = .nan
        XCTAssertThrowsError(try RBMModelFile(rbm: rbm, visibleShape: nil).write(to: dir + "/bad.json"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/bad.json"))
    }

    func testMalformedFilesAreRejectedNamingTheField() {
        let header = "\"format\": \"hopfield-model\", \"version\": 1, \"kind\": \"rbm\""
        let cases: [(String, String)] = [
            ("{\"format\": \"hopfield-model\", \"version\": 1, \"kind\": \"boltzmann\", \"weights\": [[1]]}", "kind"),
            ("{\"format\": \"other\", \"version\": 1, \"kind\": \"rbm\"}", "format"),
            ("{\"format\": \"hopfield-model\", \"version\": 2, \"kind\": \"rbm\"}", "version"),
            ("{\(header), \"visibleBias\": [0], \"hiddenBias\": [0]}", "weights"),
            ("{\(header), \"weights\": [[1, 2], [3]], \"visibleBias\": [0, 0], \"hiddenBias\": [0, 0]}", "weights[1]"),
            ("{\(header), \"weights\": [[1, \"x\"]], \"visibleBias\": [0], \"hiddenBias\": [0, 0]}", "weights[0][1]"),
            ("{\(header), \"weights\": [[1, 2]], \"visibleBias\": [0, 0], \"hiddenBias\": [0, 0]}", "visibleBias"),
            ("{\(header), \"weights\": [[1, 2]], \"visibleBias\": [0], \"hiddenBias\": [0]}", "hiddenBias"),
            ("{\(header), \"weights\": [[1, 2]], \"visibleBias\": [0], \"hiddenBias\": [true, 0]}", "hiddenBias[0]"),
            ("{\(header), \"weights\": [[1e300, 2]], \"visibleBias\": [0], \"hiddenBias\": [0, 0]}", "weights[0][0]"),
            ("{\(header), \"weights\": [[1, 2]], \"visibleBias\": [0], \"hiddenBias\": [0, 0], \"visibleShape\": [2, 2]}", "visibleShape"),
            ("{\(header), \"weights\": [], \"visibleBias\": [], \"hiddenBias\": []}", "weights"),
            ("{\"format\": \"hopfield-model\", \"version\": 1, \"kind\": \"dbn\", \"layers\": []}", "layers"),
            ("{\"format\": \"hopfield-model\", \"version\": 1, \"kind\": \"dbn\", \"layers\": [{\"weights\": [[1, 2]], \"visibleBias\": [0], \"hiddenBias\": [0, 0]}, {\"weights\": [[1]], \"visibleBias\": [0], \"hiddenBias\": [0]}]}", "layers[1].weights"),
            ("{\"format\": \"hopfield-model\", \"version\": 1, \"kind\": \"dbn\", \"layers\": [{\"weights\": [[1, 2]], \"visibleBias\": [0, 1], \"hiddenBias\": [0, 0]}]}", "layers[0].visibleBias"),
        ]
        for (text, field) in cases {
            let path = write(text)
            XCTAssertThrowsError(try RBMModelFile.read(path: path), field) { error in
                guard let e = error as? ModelFileError else { return XCTFail("unexpected error \(error)") }
                XCTAssertEqual(e.field, field, "\(text) -> \(e)")
                XCTAssertTrue(e.description.contains("field '\(field)'"), e.description)
            }
        }
        XCTAssertThrowsError(try RBMModelFile.read(path: write("not json")))
        XCTAssertThrowsError(try RBMModelFile.read(path: dir + "/missing.json"))
    }
}
