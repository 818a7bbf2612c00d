import EnergyModels
import Foundation
import XCTest

final class JSONSyntaxTests: XCTestCase {
    /// Decimals written by JSONNumber.format (and Floats' shortest decimals) come back from Foundation's
    /// JSONDecoder as the same double: model files are read with it, so they round-trip exactly.
    func testNumbersRoundTripExactlyThroughJSONDecoder() throws {
        var rng = Xoshiro256(seed: 3)
        let values = (0..<2000).map { _ in (rng.nextUnit() - 0.5) * pow(10, Double(rng.nextInt(below: 20)) - 10) }
            + (0..<2000).map { _ in Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF) * (rng.nextUnit() < 0.5 ? -1 : 1) }
            + [0.12037037037037035, 0.24999999999999997, -0, 1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        let text = "[" + values.map(JSONNumber.format).joined(separator: ",") + "]"
        XCTAssertEqual(try JSONDecoder().decode([Double].self, from: Data(text.utf8)), values)
        let floats = (0..<2000).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()) & 0x7F7F_FFFF) }
        let back = try JSONDecoder().decode([Double].self, from: Data(("[" + floats.map { "\($0)" }.joined(separator: ",") + "]").utf8))
        XCTAssertEqual(back.map { Float($0) }, floats)
    }

    func testWellFormedTextsPass() {
        XCTAssertNil(JSONSyntax.firstError(in: #"{"a": [true, false, null, -1.5e2], "s": "x\"\\\n\u00e9\ud83d\ude00"}"#))
        XCTAssertEqual(JSONNumber.quote("a\u{1B}\"b"), #""a\u001b\"b""#)
    }

    func testErrorsGiveLineColumnAndField() {
        let cases: [(String, Int, Int, String, String)] = [
            ("{\n  \"a\": [1, 2,, 3]\n}", 2, 14, "a[2]", "expected a value"),
            ("[1, 2", 1, 6, "", "end of the text"),
            ("[01]", 1, 2, "[0]", "leading zeros"),
            ("{\"a\" 1}", 1, 6, "", "':'"),
            ("\"abc", 1, 5, "", "unterminated"),
            ("[1] x", 1, 5, "", "after the JSON value"),
            ("[\"\\ud800\"]", 1, 9, "[0]", "surrogate"),
            ("{\"v\": {\"w\": [0, -1e999]}}", 1, 17, "v.w[1]", "found -1e999"),
            (String(repeating: "[", count: 300), 1, 257, String(repeating: "[0]", count: 256), "nested"),
        ]
        for (text, line, column, path, message) in cases {
            guard let e = JSONSyntax.firstError(in: text) else { XCTFail("accepted \(text)"); continue }
            XCTAssertEqual(e.line, line, "\(text): \(e)")
            XCTAssertEqual(e.column, column, "\(text): \(e)")
            XCTAssertEqual(e.path, path, "\(text): \(e)")
            XCTAssertTrue(e.message.contains(message), "\(text): \(e)")
        }
    }
}
