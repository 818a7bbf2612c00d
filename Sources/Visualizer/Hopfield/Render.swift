import EnergyModels
import Patterns

extension HopfieldState {
    /// Draws the whole screen for the grid's size (the state's `width`/`height` are ignored here so a
    /// test can render any size).
    public func render(into grid: inout CellGrid) {
        grid.clear()
        let g = capabilities.glyphs
        let lay = HopfieldLayout(width: grid.width, height: grid.height, rows: rows, cols: cols, memories: patterns.count,
                                 showExplain: showExplain, unicode: g.isUnicode, bestMemory: bestIndex)
        if lay.tooSmall {
            Chrome.tooSmall(minWidth: lay.minWidth, minHeight: lay.minHeight, into: &grid)
            return
        }
        renderTitle(lay, into: &grid)
        renderNeurons(lay, into: &grid)
        if let panel = capacityPanel, lay.energyPanel.height >= 6 {
            renderCapacity(panel, in: lay.energyPanel, into: &grid)
        } else if lay.energyPanel.height >= 3 {
            let title = "Energy E" + (simulation.temperature == 0 && simulation.schedule != .synchronous ? " (T=0: never rises)" : "")
            Widgets.box(lay.energyPanel, title: title, glyphs: g, into: &grid)
            let inner = lay.energyPanel.inset(1)
            EnergyPlot.draw(buckets: history.buckets, in: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 1, height: inner.height), glyphs: g, into: &grid)
        }
        if let ex = lay.explainPanel { renderExplain(ex, into: &grid) }
        renderOverlaps(lay, into: &grid)
        renderStatus(lay, into: &grid)
        Chrome.footer(Self.keyMap, running: running, hintLine: lay.hintLine, showHelp: showHelp, alert: alert, glyphs: g, into: &grid)
    }

    func renderTitle(_ lay: HopfieldLayout, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        let head = ["hopfield", "\(Sanitize.terminal(title)) \(rows)x\(cols)"]
        let badge = running ? (isAnimating ? "RUNNING" : "RUNNING: fixed point") : "PAUSED"
        Chrome.titleBar(lay.titleBar, head: head, message: message, badge: badge, badgeStyle: running ? .running : .paused,
                        glyphs: g, into: &grid)
    }

    func renderNeurons(_ lay: HopfieldLayout, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        let scaleName: String
        switch lay.scale {
        case .half: scaleName = "half blocks"
        case .single: scaleName = "1 char per neuron"
        case .block(let k): scaleName = "x\(k)"
        }
        Widgets.box(lay.gridPanel, title: "State \(rows)x\(cols) (\(scaleName))", glyphs: g, into: &grid)
        let net = simulation.network
        let last = simulation.lastUpdate?.unit
        let cursor = cursorVisible ? cursorRow * cols + cursorCol : nil
        let a = lay.gridArea
        func up(_ r: Int, _ c: Int) -> Bool { r < rows && net.isUp(r * cols + c) }
        // Softmax states are real numbers in [−1, 1]: grey levels where a cell is one unit (half blocks show signs).
        let continuous = net.modern != nil
        switch lay.scale {
        case .half:
            for cy in 0..<a.height {
                for c in 0..<cols {
                    let r0 = 2 * cy, r1 = 2 * cy + 1
                    let t = up(r0, c), b = r1 < rows && up(r1, c)
                    let s: Unicode.Scalar = t && b ? g.full : (t ? g.upperHalf : (b ? g.lowerHalf : " "))
                    let ids = [r0 * cols + c] + (r1 < rows ? [r1 * cols + c] : [])
                    var style = Style.up
                    var reverse = false
                    if let last, ids.contains(last) { style = .lastUpdate }
                    if let cursor, ids.contains(cursor) { style = .cursor; reverse = true }
                    grid.set(a.x + c, a.y + cy, s, style: style, reverse: reverse)
                }
            }
        case .single, .block:
            let k: Int
            if case .block(let kk) = lay.scale { k = kk } else { k = 0 }
            let cw = k == 0 ? 1 : 2 * k, ch = max(1, k)
            for r in 0..<rows {
                for c in 0..<cols {
                    let i = r * cols + c
                    let isUp = net.isUp(i)
                    var s: Unicode.Scalar = isUp ? g.full : " "
                    if continuous { s = Self.greyLevel(net.state[i], glyphs: g) }
                    var style = Style.up
                    if i == last {
                        style = .lastUpdate
                        if !isUp { s = g.lastDown }
                    }
                    if i == cursor {
                        style = .cursor
                        s = isUp ? g.cursorUp : g.cursorDown
                    }
                    for dy in 0..<ch {
                        for dx in 0..<cw { grid.set(a.x + c * cw + dx, a.y + r * ch + dy, s, style: style) }
                    }
                }
            }
        }
        // Frame markers: rows on the side edges (cursor left, last update right), columns on the bottom
        // edge (the cursor's wins a shared column), so positions read without colour.
        let p = lay.gridPanel
        func rowY(_ r: Int) -> Int {
            switch lay.scale {
            case .half: return a.y + r / 2
            case .single: return a.y + r
            case .block(let k): return a.y + r * k + (k - 1) / 2
            }
        }
        func colX(_ c: Int) -> Int {
            switch lay.scale {
            case .half, .single: return a.x + c
            case .block(let k): return a.x + c * 2 * k + k - 1
            }
        }
        if let last {
            grid.set(p.maxX - 1, rowY(last / cols), g.updateMarker, style: .lastUpdate)
            grid.set(colX(last % cols), p.maxY - 1, g.updateMarker, style: .lastUpdate)
        }
        if cursorVisible {
            grid.set(p.x, rowY(cursorRow), g.rowMarker, style: .cursor)
            grid.set(colX(cursorCol), p.maxY - 1, g.isUnicode ? "▲" : "^", style: .cursor)
        }
    }

    func renderOverlaps(_ lay: HopfieldLayout, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        let p = lay.overlapPanel
        Widgets.box(p, title: "Overlap m with memories", glyphs: g, into: &grid)
        let inner = p.inset(1)
        let nameWidth = min(8, max(1, patterns.map { Sanitize.terminal($0.name).unicodeScalars.count }.max() ?? 1))
        for (row, k) in lay.overlapRows.enumerated() where k < patterns.count {
            let pat = patterns[k]
            let y = inner.y + row
            let best = k == bestIndex
            let m = k < overlaps.count ? overlaps[k] : 0
            let key = k < 9 ? "\(k + 1)" : " "
            var name = Sanitize.terminal(pat.name)
            if name.unicodeScalars.count > nameWidth { name = String(String.UnicodeScalarView(name.unicodeScalars.prefix(nameWidth - 1))) + g.ellipsis }
            let labelStyle: Style = best ? .labelBest : .label
            var x = inner.x
            x += grid.put(key, x: x, y: y, style: .key)
            x += 1
            x += grid.put(name.padding(toLength: nameWidth, withPad: " ", startingAt: 0), x: x, y: y, style: labelStyle, maxWidth: nameWidth)
            x += 1
            let value = Format.signed(m, 2)
            let barWidth = inner.maxX - x - value.count - 3
            Widgets.bar(fraction: abs(m), x: x, y: y, width: barWidth, fill: m < 0 ? g.negativeFill : nil,
                        style: best ? .barBest : .bar, glyphs: g, into: &grid)
            x += max(0, barWidth) + 1
            grid.put(value, x: x, y: y, style: labelStyle)
            if best { grid.set(inner.maxX - 1, y, g.best, style: .labelBest) }
        }
        if patterns.count > lay.overlapRows.count, inner.height > 0 {
            let more = " +\(patterns.count - lay.overlapRows.count) more "
            grid.put(more, x: inner.maxX - more.count, y: p.maxY - 1, style: .dim)
        }
    }

    /// A unit value in [−1, 1] as one of five shades, blank (−1) to full (+1).
    static func greyLevel(_ v: Double, glyphs g: Glyphs) -> Unicode.Scalar {
        let shades: [Unicode.Scalar] = g.isUnicode ? [" ", "░", "▒", "▓", g.full] : [" ", ".", ":", "+", g.full]
        let level = Int(((min(1, max(-1, v)) + 1) / 2 * 4).rounded())
        return shades[level]
    }

    /// The softmax network's explain lines: the attention weights of the best memories.
    func softmaxExplainLines(_ net: ModernHopfieldNetwork) -> [(String, Style)] {
        let w = net.attention
        let top = w.indices.sorted { w[$0] > w[$1] || (w[$0] == w[$1] && $0 < $1) }.prefix(4)
        let t = simulation.temperature
        var lines: [(String, Style)] = [
            ("xi <- X softmax(X^T xi / T)", .normal),
            (t > 0 ? "T=\(Format.fixed(t, 3)): attention weights" : "T=0: all weight on best match", .normal),
        ]
        for mu in top where mu < patterns.count {
            lines.append(("  \(Sanitize.terminal(patterns[mu].name)): \(Format.fixed(w[mu], 3))  m=\(Format.signed(overlaps[mu], 2))", w[mu] > 0.5 ? .key : .normal))
        }
        lines.append(("E never rises update to update", .dim))
        return lines
    }

    func renderExplain(_ rect: Rect, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        Widgets.box(rect, title: "Explain: last update", glyphs: g, into: &grid)
        let inner = rect.inset(1)
        var lines: [(String, Style)] = []
        let units = simulation.network.units
        func v(_ x: Double) -> String { units == .spin ? Format.signed(x, 0) : Format.fixed(x, 0) }
        if let modern = simulation.network.modern {
            lines = softmaxExplainLines(modern)
        } else if let u = simulation.lastUpdate {
            lines.append(("unit \(u.unit) = (row \(u.unit / cols), col \(u.unit % cols))", .normal))
            lines.append(("local field h = \(Format.signed(u.field, 3))", .normal))
            lines.append(("state \(v(u.oldValue)) \(g.arrow) \(v(u.newValue))  (\(u.flipped ? "flipped" : "unchanged"))", u.flipped ? .key : .normal))
            lines.append(("\(g.delta) = -(new-old)*h = \(Format.signed(u.deltaEnergy, 3))", .normal))
            if let dense = simulation.network.dense {
                lines.append(("h = (E(down)-E(up))/2 from the overlaps, \(dense.interaction.formula)", .dim))
            }
            if u.temperature > 0 {
                let rule = MathText.render(units == .spin ? "sigma(2h/T)" : "sigma(h/T)", unicode: g.isUnicode)
                lines.append(("T=\(Format.fixed(u.temperature, 3)): P(up) = \(rule)", .normal))
                lines.append(("this outcome had p = \(Format.fixed(u.probability, 3))", .normal))
            } else {
                lines.append(("T=0: s = sign(h); tie keeps s", .normal))
                lines.append(("so \(g.delta) <= 0: E never rises", .normal))
            }
        } else if simulation.updates > 0 {
            lines.append(("a synchronous step updated every unit at once;", .normal))
            lines.append(("single-unit details need random or sequential (u)", .dim))
        } else {
            lines.append(("no update yet: press n for one single-unit update", .dim))
        }
        for (k, line) in lines.enumerated() where k < inner.height {
            grid.put(line.0, x: inner.x + 1, y: inner.y + k, style: line.1, maxWidth: inner.width - 1)
        }
    }

    func renderStatus(_ lay: HopfieldLayout, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        let sim = simulation
        let net = sim.network
        var t = "T=\(Format.fixed(sim.temperature, 3))"
        if annealing != nil { t += " annealing" }
        let line1: [(String, Style)] = [
            ("Hopfield \(net.units == .spin ? "spin" : "binary")", .value),
            ("N=\(unitCount)", .value),
            (t, annealing != nil ? .key : .value),
            ("\(sim.schedule.rawValue)", .value),
            (net.representation.map { "\(kind.name) (\($0.rawValue))" } ?? "interaction \(kind.name)", .value),
            ("\(Format.rate(updatesPerSecond)) upd/s", .value),
            ("\(patterns.count) memories", .value),
        ]
        var line2: [(String, Style)] = [
            (running ? "RUNNING" : "PAUSED", running ? .running : .paused),
            ("sweep \(sim.sweeps)", .value),
            ("E=\(Format.energy(net.energy))", .value),
        ]
        if let b = bestIndex, b < patterns.count, b < overlaps.count {
            line2.append(("best \(Sanitize.terminal(patterns[b].name)) m=\(Format.signed(overlaps[b], 2))", .labelBest))
        }
        if sim.temperature == 0 && atFixedPoint { line2.append(("fixed point", .key)) }
        line2.append(("updates \(sim.updates)", .value))
        Widgets.segments(line1, x: 1, y: lay.statusLines.y, width: lay.width - 2, glyphs: g, into: &grid)
        Widgets.segments(line2, x: 1, y: lay.statusLines.y + 1, width: lay.width - 2, glyphs: g, into: &grid)
    }
}
