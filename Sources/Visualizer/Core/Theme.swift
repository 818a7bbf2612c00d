/// Colour or monochrome. In monochrome every meaning is carried by glyphs and bold/reverse/underline,
/// so a projector or `NO_COLOR` terminal loses nothing; in colour, colour is added on top of the same cues.
public enum ColorMode: String, Sendable, Equatable {
    case color, mono
}

/// The eight ANSI colours (nil in an `Appearance` means the terminal's default).
public enum TermColor: Int, Sendable, Hashable, CaseIterable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
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

/// The semantic style table (one place decides every look).
public enum Theme {
    public static func appearance(of cell: Cell, mode: ColorMode) -> Appearance {
        var a = appearance(cell.style, mode: mode)
        if cell.bold { a.bold = true }
        if cell.reverse { a.reverse.toggle() }
        return a
    }

    public static func appearance(_ style: Style, mode: ColorMode) -> Appearance {
        switch mode {
        case .color:
            switch style {
            case .normal, .value: return Appearance()
            case .dim, .hint, .axis: return Appearance(dim: true)
            case .title: return Appearance(foreground: .black, background: .cyan, bold: true)
            case .border: return Appearance(foreground: .blue)
            case .panelTitle: return Appearance(foreground: .cyan, bold: true)
            case .up: return Appearance()
            case .cursor: return Appearance(foreground: .magenta, bold: true)
            case .lastUpdate: return Appearance(foreground: .yellow, bold: true)
            case .trace: return Appearance(foreground: .green)
            case .bar: return Appearance(foreground: .blue)
            case .barBest: return Appearance(foreground: .green, bold: true)
            case .label: return Appearance()
            case .labelBest: return Appearance(foreground: .green, bold: true)
            case .key, .overlayKey: return Appearance(foreground: .yellow, bold: true)
            case .running: return Appearance(foreground: .black, background: .green, bold: true)
            case .paused: return Appearance(foreground: .black, background: .yellow, bold: true)
            case .warning: return Appearance(foreground: .red, bold: true)
            case .message: return Appearance(foreground: .cyan)
            case .overlay: return Appearance()
            }
        case .mono:
            switch style {
            case .normal, .value, .up, .trace, .bar, .label, .overlay: return Appearance()
            case .dim, .hint, .axis, .border: return Appearance(dim: style == .hint || style == .axis)
            case .title: return Appearance(bold: true, reverse: true)
            case .panelTitle, .key, .overlayKey, .labelBest, .barBest, .cursor, .lastUpdate, .message: return Appearance(bold: true)
            case .running, .paused: return Appearance(bold: true, reverse: true)
            case .warning: return Appearance(bold: true, underline: true)
            }
        }
    }
}
