/// A textual dump of a rendered screen for golden-file tests: the characters, then one letter per cell
/// naming its appearance, then a legend. Comparing text makes a failing test print a readable line diff.
/// Grey-ramp levels (pictures of real values) would need hundreds of letters, so they get maps of their
/// own: one character per cell, the level 0…23 as 0-9 a-n.
public enum ScreenSnapshot {
    public static func dump(_ grid: CellGrid, theme: Theme) -> String {
        var legend: [Appearance: Character] = [:]
        var order: [Appearance] = []
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var styleLines: [String] = []
        var greys: [(String, KeyPath<Cell, UInt8?>)] = [("background", \.grey), ("ink", \.inkGrey)]
        greys = greys.filter { _, path in theme.isColor && grid.cells.contains { $0[keyPath: path] != nil } }
        for y in 0..<grid.height {
            var line = ""
            for x in 0..<grid.width {
                var cell = grid[x, y]
                (cell.grey, cell.inkGrey) = (nil, nil)
                var a = theme.appearance(of: cell)
                if grid[x, y].grey != nil && theme.isColor { a.background = .grey(-1) }
                if grid[x, y].inkGrey != nil && theme.isColor { a.foreground = .grey(-1) }
                if a == Appearance() && cell.scalar == " " { line.append(" "); continue }
                if legend[a] == nil {
                    legend[a] = order.count < letters.count ? letters[order.count] : "?"
                    order.append(a)
                }
                line.append(legend[a] ?? "?")
            }
            while line.hasSuffix(" ") { line.removeLast() }
            styleLines.append(line)
        }
        var out = "screen \(grid.width)x\(grid.height)\n"
        out += grid.text + "\n"
        out += "-- appearance (\(theme.rawValue))\n"
        out += styleLines.joined(separator: "\n") + "\n"
        out += "-- legend\n"
        for a in order { out += "\(legend[a] ?? "?"): \(a)\n" }
        let digits = Array("0123456789abcdefghijklmn")
        for (name, path) in greys {
            out += "-- grey \(name) (level 0-23 as 0-9 a-n)\n"
            for y in 0..<grid.height {
                var line = String((0..<grid.width).map { x in grid[x, y][keyPath: path].map { digits[Int($0)] } ?? " " })
                while line.hasSuffix(" ") { line.removeLast() }
                out += line + "\n"
            }
        }
        return out
    }
}
