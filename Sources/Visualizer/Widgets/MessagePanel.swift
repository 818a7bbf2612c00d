import EnergyModels

extension Widgets {
    /// An alert shown whole: sanitised, wrapped at spaces (long words broken), in a box just below the
    /// title bar, over what is there; the views clear it at the next key.
    public static func messagePanel(_ message: String, in bounds: Rect, glyphs g: Glyphs, into grid: inout CellGrid) {
        let width = bounds.width - 4
        guard width >= 10, bounds.height >= 4 else { return }
        let lines = wrap(Sanitize.terminal(message), width: width).prefix(bounds.height - 3)
        let panel = Rect(x: bounds.x, y: bounds.y + 1, width: bounds.width, height: lines.count + 2)
        grid.fill(panel, with: Cell(" ", style: .overlay))
        box(panel, title: "message", glyphs: g, into: &grid)
        for (k, line) in lines.enumerated() { grid.put(line, x: panel.x + 2, y: panel.y + 1 + k, style: .overlay) }
    }

    /// `text` in lines of at most `width` (≥ 1) scalars, broken at spaces where possible.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var w = Substring(word)
            while w.unicodeScalars.count > width {  // longer than a line: broken
                if !line.isEmpty { lines.append(line); line = "" }
                let head = String(String.UnicodeScalarView(w.unicodeScalars.prefix(width)))
                lines.append(head)
                w = Substring(String(String.UnicodeScalarView(w.unicodeScalars.dropFirst(width))))
            }
            if line.isEmpty {
                line = String(w)
            } else if line.unicodeScalars.count + 1 + w.unicodeScalars.count <= width {
                line += " " + w
            } else {
                lines.append(line)
                line = String(w)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
