import EnergyModels

/// The parts every live view draws the same way: the title bar, the hint line, the help overlay and the
/// screen shown when the window is too small. The hint line and the help overlay are drawn from the
/// view's `KeyMap`, never from a second list of keys.
public enum Chrome {
    /// The top line: the head (its parts joined by the separator: the program, then what the view shows),
    /// then the latest message (sanitized, clipped with an ellipsis), and the badge flush right. When the
    /// message does not fit beside the whole head, the head loses parts from its end (never the first).
    public static func titleBar(_ r: Rect, head parts: [String], message: String?, badge: String, badgeStyle: Style, glyphs g: Glyphs, into grid: inout CellGrid) {
        grid.fill(r, with: Cell(" ", style: .title))
        let badgeText = " \(badge) "
        let badgeWidth = badgeText.unicodeScalars.count
        let room = max(0, r.width - badgeWidth)
        let messageWidth = message.map { Sanitize.terminal($0).unicodeScalars.count } ?? 0
        var kept = parts
        func head() -> String { " " + kept.joined(separator: g.separator) + (message == nil ? " " : g.separator) }
        while kept.count > 1 && head().unicodeScalars.count + messageWidth > room { kept.removeLast() }
        var x = r.x + grid.put(head(), x: r.x, y: r.y, style: .title, maxWidth: room)
        if let message, x - r.x < room {
            let left = room - (x - r.x)
            var text = Sanitize.terminal(message)
            if text.unicodeScalars.count > left {
                text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(max(0, left - 1)))) + g.ellipsis
            }
            x += grid.put(text, x: x, y: r.y, style: .title, bold: true, maxWidth: left)
        }
        grid.put(badgeText, x: r.maxX - badgeWidth, y: r.y, style: badgeStyle)
    }

    /// The whole screen when the window is smaller than the view needs: the size, the size wanted, how to quit.
    public static func tooSmall(minWidth: Int, minHeight: Int, into grid: inout CellGrid) {
        let lines: [(String, Style)]
        if grid.width >= 32 {
            lines = [
                ("Terminal too small", .warning),
                ("This window is \(grid.width)x\(grid.height).", .normal),
                ("Enlarge it to at least \(minWidth)x\(minHeight).", .normal),
                ("q quits", .dim),
            ]
        } else {
            lines = [("Too small", .warning), ("\(grid.width)x\(grid.height)", .normal),
                     ("need \(minWidth)x\(minHeight)", .normal), ("q quits", .dim)]
        }
        Widgets.centered(lines, in: grid.bounds, into: &grid)
    }

    /// The bottom line of key hints from the key map (the running or paused wording); the hints with the
    /// largest priority numbers are dropped first when the line is too narrow.
    public static func hintLine<A>(_ keys: KeyMap<A>, running: Bool, in r: Rect, into grid: inout CellGrid) {
        var hints = keys.hints(running: running)
        func need(_ h: [(key: String, text: String, priority: Int)]) -> Int {
            h.reduce(1) { $0 + $1.key.unicodeScalars.count + $1.text.unicodeScalars.count + 3 }
        }
        while need(hints) > r.width, let worst = hints.map(\.priority).max(), hints.contains(where: { $0.priority < worst }) {
            hints.removeAll { $0.priority == worst }
        }
        var x = r.x + 1
        for h in hints where x < r.maxX {
            x += grid.put(h.key, x: x, y: r.y, style: .key, maxWidth: r.maxX - x)
            x += 1
            x += grid.put(h.text, x: x, y: r.y, style: .hint, maxWidth: max(0, r.maxX - x))
            x += 2
        }
    }

    /// The last layers of every live view's screen: the hint line, then over everything the help overlay
    /// (when shown) and a failure panel (when there is one).
    public static func footer<A>(_ keys: KeyMap<A>, running: Bool, hintLine r: Rect, showHelp: Bool, alert: String? = nil,
                                 glyphs g: Glyphs, into grid: inout CellGrid) {
        hintLine(keys, running: running, in: r, into: &grid)
        if showHelp { helpOverlay(keys, glyphs: g, into: &grid) }
        if let alert { Widgets.messagePanel(alert, in: grid.bounds, glyphs: g, into: &grid) }
    }

    /// The help overlay: every binding of the key map, in two columns when one does not fit.
    public static func helpOverlay<A>(_ keys: KeyMap<A>, glyphs g: Glyphs, into grid: inout CellGrid) {
        let entries = keys.bindings
        let keyW = entries.map { $0.label.unicodeScalars.count }.max() ?? 5
        let itemW = keyW + 1 + (entries.map { $0.help.unicodeScalars.count }.max() ?? 20)
        let columns = grid.width - 2 >= 2 * itemW + 6 && grid.height - 6 < entries.count ? 2 : 1
        let perColumn = (entries.count + columns - 1) / columns
        let w = min(grid.width - 2, columns * itemW + (columns - 1) * 2 + 4)
        let h = min(grid.height - 2, perColumn + 4)
        let box = Rect(x: (grid.width - w) / 2, y: (grid.height - h) / 2, width: w, height: h)
        grid.fill(box, with: Cell(" ", style: .overlay))
        Widgets.box(box, title: "Keys (Esc closes)", glyphs: g, into: &grid)
        for (k, e) in entries.enumerated() {
            let col = k / perColumn, row = k % perColumn
            let x = box.x + 2 + col * (itemW + 2)
            let y = box.y + 2 + row
            guard y < box.maxY - 1 else { continue }
            let avail = box.maxX - 2 - x
            grid.put(e.label, x: x, y: y, style: .overlayKey, maxWidth: avail)
            grid.put(e.help, x: x + keyW + 1, y: y, style: .overlay, maxWidth: max(0, avail - keyW - 1))
        }
    }
}
