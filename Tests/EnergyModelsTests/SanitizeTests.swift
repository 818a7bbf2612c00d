import EnergyModels
import XCTest

/// Item 20: one sanitiser with one rule for untrusted text.
final class SanitizeTests: XCTestCase {
    func testItem20_oneRuleControlsDeleteC1BidiAndFormatCharacters() {
        let unsafe: [Unicode.Scalar] = ["\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\u{9C}",
                                        "\u{AD}", "\u{200B}", "\u{200D}", "\u{200E}", "\u{202E}", "\u{2066}", "\u{2069}",
                                        "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{E0001}"]
        for s in unsafe {
            XCTAssertTrue(Sanitize.isUnsafe(s), String(s.value, radix: 16))
            XCTAssertEqual(Sanitize.terminal("a\(s)b"), "a\\u{\(String(s.value, radix: 16, uppercase: true))}b")
        }
        for s in ["é", "€", "█", "日", "🙂", "\\", " "] { XCTAssertEqual(Sanitize.terminal(s), s) }
        XCTAssertEqual(Sanitize.terminal("\u{1B}[31mred\u{202E}"), "\\u{1B}[31mred\\u{202E}")
    }
}
