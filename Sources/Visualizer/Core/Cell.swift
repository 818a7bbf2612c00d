import EnergyModels
/// What a cell means, not how it looks: a `Theme` turns a style into colours and attributes for a
/// colour or a monochrome terminal, so widgets never choose colours themselves.
public enum Style: UInt8, CaseIterable, Sendable {
    case normal, dim, title, border, panelTitle
    /// Neurons: up, the cursor, the unit updated last.
    case up, cursor, lastUpdate
    /// Plots and bars.
    case trace, axis, bar, barBest, label, labelBest
    /// Status and hints.
    case key, value, running, paused, warning, hint
    /// Overlays (help, too-small screen).
    case overlay, overlayKey
    /// Signed quantities (Hinton squares): positive and negative weights.
    case positive, negative
    /// Monitor curves drawn side by side, each in its own colour.
    case curveA, curveB, curveC
}

/// One character cell: a single Unicode scalar of display width 1, its style, emphasis flags that add to
/// the theme's attributes, and optionally levels of the 256-colour grey ramp as its background and
/// foreground (pictures of real-valued data; a view sets them only when `DisplayCapabilities.greyRamp`
/// says they show).
public struct Cell: Equatable, Hashable, Sendable {
    public var scalar: Unicode.Scalar
    public var style: Style
    public var bold: Bool
    public var reverse: Bool
    /// 0 (darkest) … 23 (lightest): terminal colour 232 + grey as the background.
    public var grey: UInt8?
    /// The same for the foreground (the upper pixel of a `▀` half block whose background is the lower).
    public var inkGrey: UInt8?

    public init(_ scalar: Unicode.Scalar = " ", style: Style = .normal, bold: Bool = false, reverse: Bool = false,
                grey: UInt8? = nil, inkGrey: UInt8? = nil) {
        self.scalar = scalar
        self.style = style
        self.bold = bold
        self.reverse = reverse
        self.grey = grey.map { min(23, $0) }
        self.inkGrey = inkGrey.map { min(23, $0) }
    }

    /// The grey-ramp level (0…23) of a value t in [0, 1].
    public static func greyLevel(_ t: Double) -> UInt8 {
        t.isFinite ? UInt8((min(1, max(0, t)) * 23).rounded()) : 0
    }

    public static let blank = Cell()
}

/// A rectangle of cells; `x`, `y` are the top-left corner (column, row from the top).
public struct Rect: Equatable, Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The rectangle shrunk by `d` on every side (a box's interior for d = 1).
    public func inset(_ d: Int) -> Rect {
        Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d)
    }
}

/// A width x height screen of cells, row-major. Writes outside the grid are ignored, so widgets can
/// draw without bounds checks of their own.
public struct CellGrid: Equatable, Sendable {
    /// The largest screen drawn: wider and taller than any real terminal (a 4K display in a 4-pixel font is
    /// about 960x540), small enough that one frame is a few megabytes. Larger sizes are clipped here and
    /// refused where they come from a file (recordings).
    public static let maxWidth = 2000
    public static let maxHeight = 1000

    /// Why a screen size cannot be drawn, or nil if it can.
    public static func sizeProblem(width: Int, height: Int) -> String? {
        guard width < 1 || height < 1 || width > maxWidth || height > maxHeight else { return nil }
        return "screen size \(width)x\(height) is outside 1x1 to \(maxWidth)x\(maxHeight), the largest drawn"
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = min(max(0, width), Self.maxWidth)
        self.height = min(max(0, height), Self.maxHeight)
        cells = [Cell](repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { x >= 0 && x < width && y >= 0 && y < height ? cells[y * width + x] : .blank }
        set { if x >= 0 && x < width && y >= 0 && y < height { cells[y * width + x] = newValue } }
    }

    public mutating func set(_ x: Int, _ y: Int, _ scalar: Unicode.Scalar, style: Style, bold: Bool = false, reverse: Bool = false) {
        self[x, y] = Cell(scalar, style: style, bold: bold, reverse: reverse)
    }

    /// Clears everything to blanks.
    public mutating func clear() {
        for i in cells.indices { cells[i] = .blank }
    }

    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        for y in rect.y..<max(rect.y, rect.maxY) {
            for x in rect.x..<max(rect.x, rect.maxX) { self[x, y] = cell }
        }
    }

    /// Writes `text` from (x, y) rightwards, clipped to `maxWidth` columns (and to the grid). Text must
    /// already be sanitized if it is untrusted; characters that are not one column wide are replaced.
    /// Returns the number of columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, bold: Bool = false, reverse: Bool = false, maxWidth: Int = Int.max) -> Int {
        var col = 0
        for scalar in text.unicodeScalars {
            if col >= maxWidth { break }
            self[x + col, y] = Cell(TextWidth.displayable(scalar), style: style, bold: bold, reverse: reverse)
            col += 1
        }
        return col
    }

    /// The cells that differ from `previous`, row by row (every non-blank cell when there is no previous
    /// frame or its size differs: the screen is then cleared first). The painter sends only these.
    public func changes(from previous: CellGrid?) -> (full: Bool, cells: [(x: Int, y: Int)]) {
        var out: [(x: Int, y: Int)] = []
        guard let previous, previous.width == width, previous.height == height else {
            for y in 0..<height { for x in 0..<width where cells[y * width + x] != .blank { out.append((x, y)) } }
            return (true, out)
        }
        for i in cells.indices where cells[i] != previous.cells[i] { out.append((i % width, i / width)) }
        return (false, out)
    }

    /// The characters of row y (trailing blanks kept).
    public func rowText(_ y: Int) -> String {
        var s = String.UnicodeScalarView()
        for x in 0..<width { s.append(self[x, y].scalar) }
        return String(s)
    }

    /// The whole screen as text, one line per row, trailing blanks removed.
    public var text: String {
        (0..<height).map { y in
            var line = rowText(y)
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}

/// A conservative view of display width: anything that is not plainly one column wide (combining marks,
/// East Asian wide letters, emoji) is shown as `?`, so the grid and the terminal agree on columns; so is
/// anything `Sanitize` calls unsafe (controls, format characters), the one rule for untrusted text.
public enum TextWidth {
    public static func displayable(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if Sanitize.isUnsafe(s) { return "?" }
        let v = s.value
        if v < 0x300 { return s }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark, .surrogate, .privateUse, .unassigned:
            return "?"
        default: break
        }
        // Wide ranges: CJK, Hangul, fullwidth forms, emoji and other astral pictographs.
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || v >= 0x1F000 {
            return "?"
        }
        return s
    }
}
