/// Mathematics in running text written with the glyphs the screen uses. Lessons are written in ASCII
/// spellings (`xi_i^mu`, `alpha`, `sum_mu`, `2^N`); on a Unicode screen they read ξᵢ^μ, α, Σ_μ, 2ᴺ, and on
/// an ASCII screen text written with Greek letters and sub/superscripts is spelled out the other way.
public enum MathText {
    /// Greek letter names (whole words, or followed by digits, `_` or `^`) and their letters. `sum` is Σ
    /// only before a subscript (`sum_i`), since as a word it is English.
    static let greek: [(String, Unicode.Scalar)] = [
        ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("Delta", "Δ"), ("epsilon", "ε"),
        ("eta", "η"), ("theta", "θ"), ("lambda", "λ"), ("mu", "μ"), ("xi", "ξ"), ("Xi", "Ξ"), ("sigma", "σ"),
        ("tau", "τ"), ("phi", "φ"), ("omega", "ω"),
    ]
    static let subscripts: [Character: Unicode.Scalar] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "a": "ₐ", "e": "ₑ", "h": "ₕ", "i": "ᵢ", "j": "ⱼ", "k": "ₖ", "l": "ₗ", "m": "ₘ", "n": "ₙ", "o": "ₒ",
        "p": "ₚ", "r": "ᵣ", "s": "ₛ", "t": "ₜ", "u": "ᵤ", "v": "ᵥ", "x": "ₓ", "+": "₊", "-": "₋",
    ]
    static let superscripts: [Character: Unicode.Scalar] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "i": "ⁱ", "n": "ⁿ", "N": "ᴺ", "T": "ᵀ", "+": "⁺", "-": "⁻",
    ]

    /// `text` in the glyph set: Unicode mathematics on a Unicode screen, ASCII spellings otherwise.
    public static func render(_ text: String, unicode: Bool) -> String {
        unicode ? toUnicode(text) : toASCII(text)
    }

    /// Greek names to letters; `_x` and `^x` runs to sub/superscripts when every character of the run has
    /// one and the run is an index (digits, or at most two letters: `w_ij`, `2^N`; not `file_name`), with an
    /// optional sign for a superscript; `sqrt(` to √(.
    public static func toUnicode(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber }
        while i < chars.count {
            let c = chars[i]
            if c.isLetter && (i == 0 || !isWordChar(chars[i - 1])) {
                var j = i
                while j < chars.count && chars[j].isLetter { j += 1 }
                let word = String(chars[i..<j])
                let next: Character? = j < chars.count ? chars[j] : nil
                let standsAlone = next.map { !$0.isLetter } ?? true
                if standsAlone, let letter = greek.first(where: { $0.0 == word })?.1 {
                    out.unicodeScalars.append(letter)
                    i = j
                    // xi1, xi2: pattern numbers are superscripts, as in ξ¹.
                    var k = i
                    while k < chars.count && chars[k].isNumber { k += 1 }
                    if k > i, k == chars.count || !chars[k].isLetter, let s = mapped(chars[i..<k], superscripts) {
                        out += s
                        i = k
                    }
                    continue
                }
                if word == "sum" && next == "_" { out += "Σ"; i = j; continue }
                if word == "sqrt" && next == "(" { out += "√"; i = j; continue }
                out += word
                i = j
                continue
            }
            if (c == "_" || c == "^") && i > 0 && i + 1 < chars.count && isWordChar(chars[i - 1]) || (c == "^" && i > 0 && chars[i - 1] == ")") {
                let table = c == "_" ? subscripts : superscripts
                var j = i + 1
                if c == "^" && j < chars.count && (chars[j] == "-" || chars[j] == "+") { j += 1 }
                let start = j
                while j < chars.count && isWordChar(chars[j]) { j += 1 }
                let index = chars[start..<j]
                if j > start {
                    let run = String(chars[(i + 1)..<j])
                    // A Greek name as the index: keep the marker, write the letter (Σ_μ, ξ^μ).
                    if let letter = greek.first(where: { $0.0 == run })?.1 {
                        out.append(c)
                        out.unicodeScalars.append(letter)
                        i = j
                        continue
                    }
                    let isIndex = index.allSatisfy(\.isNumber) || index.count <= 2
                    if isIndex, let s = mapped(Array(run)[...], table) {
                        out += s
                        i = j
                        continue
                    }
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// The other way: Greek letters to their names, sub/superscripts to `_x`/`^x`, Σ to `sum`, √ to `sqrt`.
    public static func toASCII(_ text: String) -> String {
        var out = ""
        var script: Character? = nil
        for u in text.unicodeScalars {
            if let name = greek.first(where: { $0.1 == u })?.0 {
                if let last = out.last, last.isLetter { out += " " }
                out += name
                script = nil
                continue
            }
            if u == "Σ" { out += "sum"; script = nil; continue }
            if u == "√" { out += "sqrt"; script = nil; continue }
            if let c = subscripts.first(where: { $0.value == u })?.key {
                if script != "_" { out += "_" }
                out.append(c)
                script = "_"
                continue
            }
            if let c = superscripts.first(where: { $0.value == u })?.key {
                if script != "^" { out += "^" }
                out.append(c)
                script = "^"
                continue
            }
            out.unicodeScalars.append(u)
            script = nil
        }
        return out
    }

    static func mapped(_ run: ArraySlice<Character>, _ table: [Character: Unicode.Scalar]) -> String? {
        var s = String.UnicodeScalarView()
        for c in run {
            guard let u = table[c] else { return nil }
            s.append(u)
        }
        return String(s)
    }
}
