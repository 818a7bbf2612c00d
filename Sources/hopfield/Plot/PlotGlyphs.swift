#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The characters a text plot is drawn with: box drawing and shades when the terminal can show them,
/// plain ASCII otherwise (a pipe, a file, or a non-UTF-8 locale), so output stays readable everywhere.
struct PlotGlyphs: Sendable, Equatable {
    var vertical: Character
    var horizontal: Character
    var corner: Character
    var tick: Character
    /// Marks a reference value on an axis (for example α_c).
    var reference: Character
    /// Heat-map shades from empty to full.
    var shades: [Character]
    /// A dashed line across the heat map.
    var dash: Character
    var alpha: String
    var subscriptC: String
    /// The one-step error formula ½ erfc(1/√(2α)).
    var errorFormula: String
    var arrow: String

    static let unicode = PlotGlyphs(vertical: "│", horizontal: "─", corner: "└", tick: "┬", reference: "┊",
                                    shades: [" ", "░", "▒", "▓", "█"], dash: "╌", alpha: "α", subscriptC: "_c",
                                    errorFormula: "½ erfc(1/√(2α))", arrow: "→")
    static let ascii = PlotGlyphs(vertical: "|", horizontal: "-", corner: "+", tick: "+", reference: ":",
                                  shades: [" ", ".", ":", ";", "=", "+", "*", "#", "%", "@"], dash: "-", alpha: "alpha",
                                  subscriptC: "_c", errorFormula: "0.5 erfc(1/sqrt(2 alpha))", arrow: "->")

    /// UTF-8 glyphs only when standard output is a terminal and the locale's character set is UTF-8
    /// (`setlocale(LC_CTYPE, "")` then `nl_langinfo(nl_item(CODESET))`, as htop decides).
    static func forStandardOutput() -> PlotGlyphs {
        guard isatty(STDOUT_FILENO) == 1 else { return .ascii }
        _ = setlocale(LC_CTYPE, "")
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return .ascii }
        let name = String(cString: codeset).lowercased().replacingOccurrences(of: "-", with: "")
        return name == "utf8" ? .unicode : .ascii
    }
}
