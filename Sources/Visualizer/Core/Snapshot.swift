/// A textual dump of a rendered screen for golden-file tests: the characters, then one letter per cell
/// naming its appearance, then a legend. Comparing text makes a failing test print a readable line diff.
public enum ScreenSnapshot {
    public static func dump(_ grid: CellGrid, theme: Theme) -> String {
        var legend: [Appearance: Character] = [:]
        var order: [Appearance] = []
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var styleLines: [String] = []
        for y in 0..<grid.height {
            var line = ""
            for x in 0..<grid.width {
                let a = theme.appearance(of: grid[x, y])
                if a == Appearance() && grid[x, y].scalar == " " { line.append(" "); continue }
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
        return out
    }
}
