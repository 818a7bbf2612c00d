/// The characters the widgets draw with: a Unicode table (half blocks, box drawing, Braille) and an ASCII
/// table for non-UTF-8 locales and `--ascii`. Every meaning has a glyph in both.
public struct Glyphs: Sendable, Equatable {
    public var isUnicode: Bool
    /// Neurons.
    public var full: Unicode.Scalar
    public var upperHalf: Unicode.Scalar
    public var lowerHalf: Unicode.Scalar
    /// A cursor over an up / a down neuron (block layouts).
    public var cursorUp: Unicode.Scalar
    public var cursorDown: Unicode.Scalar
    /// The last updated neuron when it is down (block layouts).
    public var lastDown: Unicode.Scalar
    /// Frame markers: cursor row/column, last-update row/column.
    public var rowMarker: Unicode.Scalar
    public var colMarker: Unicode.Scalar
    public var updateMarker: Unicode.Scalar
    /// Box drawing.
    public var horizontal: Unicode.Scalar
    public var vertical: Unicode.Scalar
    public var topLeft: Unicode.Scalar
    public var topRight: Unicode.Scalar
    public var bottomLeft: Unicode.Scalar
    public var bottomRight: Unicode.Scalar
    /// Bars: eighths 1…8 of a cell (ASCII: only the full cell), and the fill for negative overlaps.
    public var eighths: [Unicode.Scalar]
    public var negativeFill: Unicode.Scalar
    public var barTrack: Unicode.Scalar
    /// A marker for the best match.
    public var best: Unicode.Scalar
    /// The point of an ASCII plot (Unicode plots use Braille dots).
    public var plotPoint: Unicode.Scalar
    /// Text pieces.
    public var separator: String
    public var arrow: String
    public var delta: String
    public var ellipsis: String

    public static let unicode = Glyphs(
        isUnicode: true, full: "█", upperHalf: "▀", lowerHalf: "▄", cursorUp: "▓", cursorDown: "░", lastDown: "·",
        rowMarker: "▶", colMarker: "▼", updateMarker: "•",
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        eighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"], negativeFill: "▒", barTrack: "·", best: "◀",
        plotPoint: "•", separator: " · ", arrow: "→", delta: "ΔE", ellipsis: "…")

    public static let ascii = Glyphs(
        isUnicode: false, full: "#", upperHalf: "\"", lowerHalf: ",", cursorUp: "@", cursorDown: "+", lastDown: ".",
        rowMarker: ">", colMarker: "v", updateMarker: "*",
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        eighths: ["#"], negativeFill: "-", barTrack: ".", best: "<",
        plotPoint: "*", separator: " | ", arrow: "->", delta: "dE", ellipsis: "~")
}
