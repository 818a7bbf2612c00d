import EnergyModels
import XCTest

final class JSONParserTests: XCTestCase {
    /// Decimals written by JSONNumber.format come back as the same double (JSONSerialization on Linux fails this).
    func testNumbersRoundTripExactly() throws {
        var rng = Xoshiro256(seed: 3)
        let values = (0..<2000).map { _ in (rng.nextUnit() - 0.5) * pow(10, Double(rng.nextInt(below: 20)) - 10) } + [0.12037037037037035, 0.24999999999999997, -0, 1e-300, .leastNonzeroMagnitude]
        let text = "[" + values.map(JSONNumber.format).joined(separator: ",") + "]"
        let back = try XCTUnwrap(try JSONParser.parse(text) as? [Any]).compactMap { $0 as? Double }
        XCTAssertEqual(back, values)
    }

    func testValuesAndEscapes() throws {
        let v = try XCTUnwrap(try JSONParser.parse(#"{"a": [true, false, null, -1.5e2], "s": "x\"\\\n\u00e9\ud83d\ude00"}"#) as? [String: Any])
        let a = try XCTUnwrap(v["a"] as? [Any])
        XCTAssertEqual(a[0] as? Bool, true)
        XCTAssertEqual(a[1] as? Bool, false)
        XCTAssertTrue(a[2] is NSNull)
        XCTAssertEqual(a[3] as? Double, -150)
        XCTAssertNil(a[0] as? Double, "booleans are not numbers")
        XCTAssertEqual(v["s"] as? String, "x\"\\\né😀")
        XCTAssertEqual(JSONNumber.quote("a\u{1B}\"b"), #""a\u001b\"b""#)
    }

    func testErrorsGiveLineAndColumn() {
        let cases: [(String, Int, Int, String)] = [
            ("{\n  \"a\": [1, 2,, 3]\n}", 2, 14, "expected a value"),
            ("[1, 2", 1, 6, "end of the text"),
            ("[01]", 1, 2, "leading zeros"),
            ("{\"a\" 1}", 1, 6, "':'"),
            ("\"abc", 1, 5, "unterminated"),
            ("[1] x", 1, 5, "after the JSON value"),
            ("[\"\\ud800\"]", 1, 9, "surrogate"),
            (String(repeating: "[", count: 300), 1, 257, "nested"),
        ]
        for (text, line, column, message) in cases {
            XCTAssertThrowsError(try JSONParser.parse(text), text) { error in
                guard let e = error as? JSONParseError else { return XCTFail("\(error)") }
                XCTAssertEqual(e.line, line, "\(text): \(e)")
                XCTAssertEqual(e.column, column, "\(text): \(e)")
                XCTAssertTrue(e.message.contains(message), "\(text): \(e)")
            }
        }
    }
}
