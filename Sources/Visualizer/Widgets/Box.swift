/// Generic widgets: functions that draw into a grid, knowing nothing of the model they show.
public enum Widgets {
    /// A frame around `rect` with an optional title on its top edge.
    public static func box(_ rect: Rect, title: String? = nil, glyphs g: Glyphs, into grid: inout CellGrid) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let x0 = rect.x, y0 = rect.y, x1 = rect.maxX - 1, y1 = rect.maxY - 1
        for x in (x0 + 1)..<x1 {
            grid.set(x, y0, g.horizontal, style: .border)
            grid.set(x, y1, g.horizontal, style: .border)
        }
        for y in (y0 + 1)..<y1 {
            grid.set(x0, y, g.vertical, style: .border)
            grid.set(x1, y, g.vertical, style: .border)
        }
        grid.set(x0, y0, g.topLeft, style: .border)
        grid.set(x1, y0, g.topRight, style: .border)
        grid.set(x0, y1, g.bottomLeft, style: .border)
        grid.set(x1, y1, g.bottomRight, style: .border)
        if let title, rect.width > 4 {
            grid.put(" \(title) ", x: x0 + 1, y: y0, style: .panelTitle, maxWidth: rect.width - 2)
        }
    }

    /// One line of styled segments joined by the separator; segments that do not fit are dropped from the
    /// end and an ellipsis marks the cut.
    public static func segments(_ parts: [(String, Style)], x: Int, y: Int, width: Int, glyphs g: Glyphs, into grid: inout CellGrid) {
        var col = 0
        for (k, part) in parts.enumerated() {
            let sep = k == 0 ? "" : g.separator
            let need = sep.unicodeScalars.count + part.0.unicodeScalars.count
            if col + need > width {
                if col < width { grid.put(g.ellipsis, x: x + min(col, width - 1), y: y, style: .dim) }
                return
            }
            col += grid.put(sep, x: x + col, y: y, style: .dim)
            col += grid.put(part.0, x: x + col, y: y, style: part.1)
        }
    }

    /// A horizontal bar of `fraction` (0…1) of `width` cells, with eighth-cell resolution in Unicode.
    public static func bar(fraction: Double, x: Int, y: Int, width: Int, fill: Unicode.Scalar? = nil, style: Style, glyphs g: Glyphs, into grid: inout CellGrid) {
        guard width > 0 else { return }
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let steps = g.eighths.count
        let total = Int((f * Double(width * steps)).rounded())
        for i in 0..<width {
            let inCell = min(steps, max(0, total - i * steps))
            if inCell == 0 {
                grid.set(x + i, y, g.barTrack, style: .dim)
            } else if let fill {
                grid.set(x + i, y, fill, style: style)
            } else {
                grid.set(x + i, y, g.eighths[inCell - 1], style: style)
            }
        }
    }

    /// Centred text lines inside `rect`.
    public static func centered(_ lines: [(String, Style)], in rect: Rect, into grid: inout CellGrid) {
        let top = rect.y + max(0, (rect.height - lines.count) / 2)
        for (k, line) in lines.enumerated() where top + k < rect.maxY {
            let w = line.0.unicodeScalars.count
            let x = rect.x + max(0, (rect.width - w) / 2)
            grid.put(line.0, x: x, y: top + k, style: line.1, maxWidth: rect.width)
        }
    }
}
