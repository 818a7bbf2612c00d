import Foundation

/// Draws a rendered screen as an SVG picture for slides, in the theme's colours (dark or white background), block glyphs as rectangles,
/// Braille plots as dots and box drawing as lines (so the picture does not depend on the viewer's fonts),
/// other characters as monospace text placed cell by cell.
public enum SVGExport {
    public static let cellWidth = 10.0
    public static let cellHeight = 20.0
    static let fontSize = 16.0

    /// The picture's background and default text colour: the theme's canvas, in the slide palette.
    static func canvas(_ theme: Theme) -> (background: String, foreground: String) {
        theme == .dark ? ("#1d1f21", "#d8dad8") : ("#ffffff", "#1d1f21")
    }

    /// Slide palettes: the eight terminal colours tuned to read on the theme's background (white for
    /// light and mono, near black for dark); grey levels as the terminal's ramp.
    static func hex(_ c: TermColor?, isBackground: Bool, theme: Theme) -> String {
        guard let c else { return isBackground ? canvas(theme).background : canvas(theme).foreground }
        if case .grey = c { return c.rgb().hex }
        let light = ["#1d1f21", "#c82829", "#4d7a0c", "#a06e00", "#3a67a8", "#8959a8", "#2f8a91", isBackground ? "#e8e8e8" : "#ffffff"]
        let dark = ["#1d1f21", "#e06c6c", "#a8c060", "#f0c674", "#4f7fc8", "#c597d0", "#7ec8c8", isBackground ? "#c5c8c6" : "#f2f2f2"]
        return (theme == .dark ? dark : light)[c.index]
    }

    struct Paint: Equatable {
        var fg: String
        var bg: String?
        var bold: Bool
        var underline: Bool
        var opacity: Double
    }

    static func paint(_ cell: Cell, theme: Theme) -> Paint {
        let a = theme.appearance(of: cell)
        var fg = hex(a.foreground, isBackground: false, theme: theme)
        var bg: String? = a.background.map { hex($0, isBackground: true, theme: theme) }
        if a.reverse {
            let newBg = fg
            fg = bg ?? canvas(theme).background
            bg = newBg
        }
        return Paint(fg: fg, bg: bg, bold: a.bold, underline: a.underline, opacity: a.dim ? 0.55 : 1)
    }

    public static func svg(_ grid: CellGrid, theme: Theme, title: String? = nil) -> String {
        let w = Double(grid.width) * cellWidth, h = Double(grid.height) * cellHeight
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(w))\" height=\"\(f(h))\" viewBox=\"0 0 \(f(w)) \(f(h))\">\n"
        if let title { out += "<title>\(escape(title))</title>\n" }
        out += "<rect width=\"100%\" height=\"100%\" fill=\"\(canvas(theme).background)\"/>\n"
        out += "<g font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"\(f(fontSize))\">\n"
        for y in 0..<grid.height {
            // Backgrounds, merged along the row.
            var x = 0
            while x < grid.width {
                let p = paint(grid[x, y], theme: theme)
                guard let bg = p.bg else { x += 1; continue }
                var end = x + 1
                while end < grid.width, paint(grid[end, y], theme: theme).bg == bg { end += 1 }
                out += rect(Double(x) * cellWidth, Double(y) * cellHeight, Double(end - x) * cellWidth, cellHeight, bg, 1)
                x = end
            }
            // Foreground: shapes for blocks, dots and lines; text runs for the rest.
            var run: (start: Int, paint: Paint, chars: [Unicode.Scalar])? = nil
            func flush() {
                guard let r = run else { return }
                // One run of adjacent cells, stretched to exactly its cells so columns line up in any font.
                let text = r.chars.map { escape(String($0)) }.joined()
                var attrs = "x=\"\(f(Double(r.start) * cellWidth))\" y=\"\(f(Double(y) * cellHeight + cellHeight * 0.75))\""
                attrs += " textLength=\"\(f(Double(r.chars.count) * cellWidth))\" lengthAdjust=\"spacingAndGlyphs\" fill=\"\(r.paint.fg)\""
                if r.paint.bold { attrs += " font-weight=\"bold\"" }
                if r.paint.underline { attrs += " text-decoration=\"underline\"" }
                if r.paint.opacity < 1 { attrs += " fill-opacity=\"\(f(r.paint.opacity))\"" }
                out += "<text \(attrs)>\(text)</text>\n"
                run = nil
            }
            for x in 0..<grid.width {
                let cell = grid[x, y]
                let p = paint(cell, theme: theme)
                if cell.scalar == " " { flush(); continue }
                if let shape = shape(cell.scalar, x: x, y: y, paint: p) {
                    flush()
                    out += shape
                    continue
                }
                if let r = run, r.paint == p, r.start + r.chars.count == x {
                    run?.chars.append(cell.scalar)
                } else {
                    flush()
                    run = (x, p, [cell.scalar])
                }
            }
            flush()
        }
        out += "</g>\n</svg>\n"
        return out
    }

    /// Shapes for the glyphs that fonts draw unevenly; nil for ordinary text.
    static func shape(_ s: Unicode.Scalar, x: Int, y: Int, paint p: Paint) -> String? {
        let x0 = Double(x) * cellWidth, y0 = Double(y) * cellHeight
        let v = s.value
        switch s {
        case "█": return rect(x0, y0, cellWidth, cellHeight, p.fg, p.opacity)
        case "▀": return rect(x0, y0, cellWidth, cellHeight / 2, p.fg, p.opacity)
        case "▄": return rect(x0, y0 + cellHeight / 2, cellWidth, cellHeight / 2, p.fg, p.opacity)
        case "▌": return rect(x0, y0, cellWidth / 2, cellHeight, p.fg, p.opacity)
        case "▐": return rect(x0 + cellWidth / 2, y0, cellWidth / 2, cellHeight, p.fg, p.opacity)
        case "▓": return rect(x0, y0, cellWidth, cellHeight, p.fg, 0.75 * p.opacity)
        case "▒": return rect(x0, y0, cellWidth, cellHeight, p.fg, 0.5 * p.opacity)
        case "░": return rect(x0, y0, cellWidth, cellHeight, p.fg, 0.25 * p.opacity)
        default: break
        }
        if (0x2589...0x258F).contains(v) { // left eighths ▉ (7/8) … ▏ (1/8)
            let eighths = Double(0x2590 - v)
            return rect(x0, y0, cellWidth * eighths / 8, cellHeight, p.fg, p.opacity)
        }
        if (0x2801...0x28FF).contains(v) { // Braille: bits 0-2 and 6 left column, 3-5 and 7 right column
            let bits = v - 0x2800
            let positions: [(Int, Int)] = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (0, 3), (1, 3)]
            var dots = ""
            for (k, pos) in positions.enumerated() where bits & (1 << UInt32(k)) != 0 {
                let cx = x0 + cellWidth * (0.3 + 0.4 * Double(pos.0))
                let cy = y0 + cellHeight * (0.125 + 0.25 * Double(pos.1))
                dots += "<circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"\(f(cellWidth * 0.14))\" fill=\"\(p.fg)\"\(p.opacity < 1 ? " fill-opacity=\"\(f(p.opacity))\"" : "")/>"
            }
            return dots + "\n"
        }
        let cx = x0 + cellWidth / 2, cy = y0 + cellHeight / 2, x1 = x0 + cellWidth, y1 = y0 + cellHeight
        let segments: [(Double, Double, Double, Double)]
        switch s {
        case "─": segments = [(x0, cy, x1, cy)]
        case "│": segments = [(cx, y0, cx, y1)]
        case "┌": segments = [(cx, cy, x1, cy), (cx, cy, cx, y1)]
        case "┐": segments = [(x0, cy, cx, cy), (cx, cy, cx, y1)]
        case "└": segments = [(cx, cy, x1, cy), (cx, y0, cx, cy)]
        case "┘": segments = [(x0, cy, cx, cy), (cx, y0, cx, cy)]
        default: return nil
        }
        return segments.map { "<line x1=\"\(f($0.0))\" y1=\"\(f($0.1))\" x2=\"\(f($0.2))\" y2=\"\(f($0.3))\" stroke=\"\(p.fg)\" stroke-width=\"1.2\"\(p.opacity < 1 ? " stroke-opacity=\"\(f(p.opacity))\"" : "")/>" }.joined() + "\n"
    }

    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ fill: String, _ opacity: Double) -> String {
        "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(h))\" fill=\"\(fill)\"\(opacity < 1 ? " fill-opacity=\"\(f(opacity))\"" : "")/>\n"
    }

    static func f(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// XML text escaping; characters XML 1.0 forbids become U+FFFD.
    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = u.value
                if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D || (0xFFFE...0xFFFF).contains(v) { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
