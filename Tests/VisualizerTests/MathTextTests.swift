import Visualizer
import XCTest

/// Lesson captions in the screen's glyph set.
final class MathTextTests: XCTestCase {
    func testASCIISpellingsBecomeUnicodeMathematics() {
        let cases: [(String, String)] = [
            ("w_ij = (1/N) sum_mu xi_i xi_j", "wᵢⱼ = (1/N) Σ_μ ξᵢ ξⱼ"),
            ("m_R = (1/N) sum_i xi_i s_i", "m_R = (1/N) Σᵢ ξᵢ sᵢ"),
            ("h_i = xi_i^1 + crosstalk", "hᵢ = ξᵢ¹ + crosstalk"),
            ("xi1 = (+1,+1,-1,-1), -xi2", "ξ¹ = (+1,+1,-1,-1), -ξ²"),
            ("a load of alpha = p/N", "a load of α = p/N"),
            ("erfc(1/sqrt(2 alpha))/2", "erfc(1/√(2 α))/2"),
            ("W = Xi (Xi^T Xi)^-1 Xi^T", "W = Ξ (Ξᵀ Ξ)⁻¹ Ξᵀ"),
            ("sigma(2 h_i / T), 2^N states, w_03", "σ(2 hᵢ / T), 2ᴺ states, w₀₃"),
            ("Delta E < 0 and s_new - s_old", "Δ E < 0 and s_new - s_old"),
            // English is left alone: words that merely contain a Greek name, sum as a word, file names.
            ("the alphabet, a sum over the patterns, seed_example, beta-blocker", "the alphabet, a sum over the patterns, seed_example, β-blocker"),
        ]
        for (ascii, unicode) in cases {
            XCTAssertEqual(MathText.render(ascii, unicode: true), unicode)
            XCTAssertEqual(MathText.render(ascii, unicode: false), ascii, "ASCII text stays as written")
        }
    }

    func testUnicodeMathematicsIsSpelledOutInASCII() {
        XCTAssertEqual(MathText.toASCII("wᵢⱼ = (1/N) Σ_μ ξᵢ ξⱼ"), "w_ij = (1/N) sum_mu xi_i xi_j")
        XCTAssertEqual(MathText.toASCII("α = p/N, 2ᴺ, (Ξᵀ Ξ)⁻¹"), "alpha = p/N, 2^N, (Xi^T Xi)^-1")
        XCTAssertTrue(MathText.toASCII("σ(2hᵢ/T) √α Δ").unicodeScalars.allSatisfy(\.isASCII))
    }

    /// The bundled lessons: Unicode captions use the letters, ASCII captions stay pure ASCII.
    func testLessonCaptionsFollowTheGlyphSet() throws {
        let lesson = try XCTUnwrap(try BuiltinLessonLibrary.lesson(named: "storing-and-recalling"))
        for (caps, expect) in [(DisplayCapabilities.unicodeColor, ["wᵢⱼ", "Σ_μ", "ξᵢ^μ ξⱼ^μ", "Σᵢ ξᵢ^R sᵢ"]),
                               (DisplayCapabilities(glyphs: .ascii, theme: .mono), ["w_ij", "sum_mu", "xi_i^mu xi_j^mu", "sum_i xi_i^R s_i"])] {
            var app = try LessonApp(lesson: lesson)
            app.start(width: 100, height: 32, capabilities: caps)
            var g = CellGrid(width: 100, height: 32)
            app.render(into: &g)
            for e in expect { XCTAssertTrue(g.text.contains(e), "\(e) missing") }
            if !caps.glyphs.isUnicode { XCTAssertTrue(g.text.unicodeScalars.allSatisfy(\.isASCII), g.text) }
        }
    }
}
