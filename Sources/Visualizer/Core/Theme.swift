import EnergyModels
import Foundation

/// A terminal colour: one of the eight ANSI colours, or a level of the 256-colour grey ramp.
public enum TermColor: Hashable, Sendable, CustomStringConvertible {
    case black, red, green, yellow, blue, magenta, cyan, white
    /// Level k (0…23) of the grey ramp, terminal colours 232–255, from near black to near white.
    case grey(Int)

    /// The terminal's colour number (0–7, or 232–255).
    public var index: Int {
        switch self {
        case .black: 0
        case .red: 1
        case .green: 2
        case .yellow: 3
        case .blue: 4
        case .magenta: 5
        case .cyan: 6
        case .white: 7
        case .grey(let k): 232 + min(23, max(0, k))
        }
    }

    public var description: String {
        // A negative level is the snapshot's placeholder: "some grey, see the grey maps".
        if case .grey(let k) = self { return k < 0 ? "grey*" : "grey\(k)" }
        return ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"][index]
    }

    /// xterm's default palette (the reference for contrast checks): bright colours are what many
    /// terminals show for bold text in that colour.
    public func rgb(bright: Bool = false) -> RGB {
        let normal: [RGB] = [RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
                             RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229)]
        let brighter: [RGB] = [RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
                               RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255)]
        if case .grey(let k) = self {
            let v = Double(8 + 10 * min(23, max(0, k)))
            return RGB(v, v, v)
        }
        return bright ? brighter[index] : normal[index]
    }
}

/// A colour as 8-bit red, green, blue.
public struct RGB: Equatable, Sendable {
    public var r: Double, g: Double, b: Double
    public init(_ r: Double, _ g: Double, _ b: Double) { (self.r, self.g, self.b) = (r, g, b) }

    /// WCAG 2 relative luminance: each sRGB channel linearised, weighted 0.2126 R + 0.7152 G + 0.0722 B.
    public var luminance: Double {
        func lin(_ c: Double) -> Double {
            let s = c / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    /// WCAG contrast ratio (L_lighter + 0.05) / (L_darker + 0.05), from 1 (none) to 21 (black on white).
    public func contrast(with other: RGB) -> Double {
        let (a, b) = (luminance, other.luminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// The mixture t·self + (1−t)·other (a faint attribute is modelled as halfway to the background).
    public func mixed(with other: RGB, _ t: Double) -> RGB {
        RGB(t * r + (1 - t) * other.r, t * g + (1 - t) * other.g, t * b + (1 - t) * other.b)
    }

    /// `#rrggbb`.
    public var hex: String {
        func h(_ v: Double) -> String {
            let s = String(Int(min(255, max(0, v.rounded()))), radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + h(r) + h(g) + h(b)
    }
}

/// How a cell looks on the terminal.
public struct Appearance: Hashable, Sendable, CustomStringConvertible {
    public var foreground: TermColor?
    public var background: TermColor?
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false

    public init(foreground: TermColor? = nil, background: TermColor? = nil, bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public var description: String {
        var parts: [String] = []
        if let foreground { parts.append("fg=\(foreground)") }
        if let background { parts.append("bg=\(background)") }
        if bold { parts.append("bold") }
        if reverse { parts.append("reverse") }
        if underline { parts.append("underline") }
        if dim { parts.append("dim") }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }
}

/// A theme: one table from semantic style to appearance, designed for one kind of background. `dark` is
/// for light text on a dark background, `light` for dark text on a white one (no yellow or cyan text, no
/// bold black, which many terminals show as grey), `mono` carries every meaning with bold, reverse,
/// underline and glyphs alone (what `NO_COLOR` gives). Colour themes keep the mono cues and add colour.
public enum Theme: String, CaseIterable, Sendable {
    case dark, light, mono

    public var isColor: Bool { self != .mono }

    /// The terminal background and default text colour the theme is designed for (xterm's defaults for a
    /// dark and a white terminal); mono is checked and exported as black on white.
    public var canvas: (background: RGB, foreground: RGB) {
        self == .dark ? (RGB(0, 0, 0), RGB(229, 229, 229)) : (RGB(255, 255, 255), RGB(0, 0, 0))
    }

    /// The appearance of a cell: the style's, with the cell's own emphasis and grey level on top.
    public func appearance(of cell: Cell) -> Appearance {
        var a = appearance(cell.style)
        if cell.bold { a.bold = true }
        if cell.reverse { a.reverse.toggle() }
        if let k = cell.grey, isColor { a.background = .grey(Int(k)) }
        if let k = cell.inkGrey, isColor { a.foreground = .grey(Int(k)) }
        return a
    }

    public func appearance(_ style: Style) -> Appearance {
        switch self {
        case .dark: return Theme.dark(style)
        case .light: return Theme.light(style)
        case .mono: return Theme.mono(style)
        }
    }

    /// The text and background colours a style shows in this theme (bold: the bright variant as well, since
    /// many terminals brighten bold text), for contrast checks and pictures.
    public func colors(_ a: Appearance) -> (foreground: [RGB], background: RGB) {
        let (canvasBg, canvasFg) = canvas
        var fg = a.foreground.map { a.bold ? [$0.rgb(), $0.rgb(bright: true)] : [$0.rgb()] } ?? [canvasFg]
        var bg = a.background?.rgb() ?? canvasBg
        if a.reverse {
            let newBg = fg[0]
            fg = [bg]
            bg = newBg
        }
        if a.dim { fg = fg.map { $0.mixed(with: bg, 0.5) } }
        return (fg, bg)
    }

    private static func dark(_ style: Style) -> Appearance {
        switch style {
        case .normal, .value, .up, .label, .overlay: return Appearance()
        case .dim, .hint, .axis, .border: return Appearance(dim: true)
        case .title: return Appearance(foreground: .white, background: .blue, bold: true)
        case .panelTitle: return Appearance(foreground: .cyan, bold: true)
        case .cursor: return Appearance(foreground: .magenta, bold: true)
        case .lastUpdate: return Appearance(foreground: .yellow, bold: true)
        case .trace, .positive, .curveA: return Appearance(foreground: .green)
        case .bar: return Appearance(foreground: .cyan)
        case .barBest, .labelBest: return Appearance(foreground: .green, bold: true)
        case .key, .overlayKey: return Appearance(foreground: .yellow, bold: true)
        case .running: return Appearance(foreground: .black, background: .green)
        case .paused: return Appearance(foreground: .black, background: .yellow)
        case .warning: return Appearance(foreground: .red, bold: true)
        case .negative: return Appearance(foreground: .red)
        case .curveB: return Appearance(foreground: .yellow)
        case .curveC: return Appearance(foreground: .magenta)
        }
    }

    private static func light(_ style: Style) -> Appearance {
        switch style {
        case .normal, .value, .up, .label, .overlay, .bar: return Appearance()
        case .dim, .hint, .axis: return Appearance(dim: true)
        case .border: return Appearance(foreground: .blue)
        case .title: return Appearance(foreground: .white, background: .blue, bold: true)
        case .panelTitle: return Appearance(foreground: .blue, bold: true)
        case .cursor: return Appearance(foreground: .magenta, bold: true)
        case .lastUpdate: return Appearance(foreground: .red, bold: true)
        case .trace, .curveA: return Appearance(foreground: .blue)
        case .barBest, .labelBest, .positive: return Appearance(foreground: .blue, bold: true)
        case .key, .overlayKey: return Appearance(foreground: .magenta, bold: true)
        case .running: return Appearance(foreground: .black, background: .green)
        case .paused: return Appearance(foreground: .black, background: .yellow)
        case .warning, .negative: return Appearance(foreground: .red, bold: true)
        case .curveB: return Appearance(foreground: .red)
        case .curveC: return Appearance(foreground: .magenta)
        }
    }

    private static func mono(_ style: Style) -> Appearance {
        switch style {
        case .normal, .value, .up, .trace, .bar, .label, .overlay, .positive, .negative, .curveA, .curveB, .curveC:
            return Appearance()
        case .dim, .border: return Appearance()
        case .hint, .axis: return Appearance(dim: true)
        case .title, .running, .paused: return Appearance(bold: true, reverse: true)
        case .panelTitle, .key, .overlayKey, .labelBest, .barBest, .cursor, .lastUpdate: return Appearance(bold: true)
        case .warning: return Appearance(bold: true, underline: true)
        }
    }

    /// What is wrong with `HOPFIELD_THEME`, when it names no theme (it is then ignored).
    public static func environmentProblem(_ env: [String: String]) -> String? {
        guard let name = env["HOPFIELD_THEME"], !name.isEmpty, Theme(rawValue: name) == nil else { return nil }
        return "HOPFIELD_THEME=\(Sanitize.terminal(String(name.prefix(20)))) is not dark, light or mono: ignored"
    }

    /// The theme named by `HOPFIELD_THEME`, else the one `COLORFGBG` implies (set by rxvt, Konsole and
    /// others as "fg;bg": background 7 or 15 means a light terminal), else dark. `NO_COLOR` (non-empty)
    /// means mono whatever else is set.
    public static func fromEnvironment(_ env: [String: String]) -> Theme {
        if let n = env["NO_COLOR"], !n.isEmpty { return .mono }
        if let t = env["HOPFIELD_THEME"].flatMap(Theme.init(rawValue:)) { return t }
        if let bg = env["COLORFGBG"]?.split(separator: ";").last.flatMap({ Int($0) }) {
            return bg == 7 || bg == 15 ? .light : .dark
        }
        return .dark
    }
}
