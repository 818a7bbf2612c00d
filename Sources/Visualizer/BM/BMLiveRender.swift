import EnergyModels

/// Where the encoder view's panels go: the network and the learning progress on the left, the Hinton
/// diagram of the weights on the right.
public struct BMLayout: Equatable, Sendable {
    public var titleBar: Rect
    public var networkPanel: Rect
    public var learningPanel: Rect
    public var weightsPanel: Rect
    public var hintBar: Rect
    public var tooSmall: Bool
    public var minWidth: Int
    public var minHeight: Int

    static let leftMinWidth = 46
    static let networkHeight = 11

    public init(width: Int, height: Int, groupSize v: Int, hidden h: Int) {
        let n = 2 * v + h
        let weightsWidth = 2 * n + 14
        let weightsHeight = n + 4
        let learningHeight = 6 + v
        minWidth = weightsWidth + Self.leftMinWidth
        minHeight = 2 + max(weightsHeight, Self.networkHeight + learningHeight)
        tooSmall = width < minWidth || height < minHeight
        titleBar = Rect(x: 0, y: 0, width: width, height: 1)
        hintBar = Rect(x: 0, y: height - 1, width: width, height: 1)
        let bodyH = height - 2
        let leftW = width - weightsWidth
        networkPanel = Rect(x: 0, y: 1, width: leftW, height: Self.networkHeight)
        learningPanel = Rect(x: 0, y: 1 + Self.networkHeight, width: leftW, height: bodyH - Self.networkHeight)
        weightsPanel = Rect(x: leftW, y: 1, width: weightsWidth, height: bodyH)
    }
}

/// The glyphs of the Hinton diagram: size grows with |w| (three steps of the largest |w|: small, medium and
/// large squares), filled for positive weights and hollow for negative ones, so the sign survives a
/// monochrome screen; colour (positive, negative) is added on top. The legend shows the largest of each.
public enum HintonGlyphs {
    public static let positive: [Unicode.Scalar] = ["▪", "◼", "■"]
    public static let negative: [Unicode.Scalar] = ["▫", "◻", "□"]
    public static let asciiPositive: [Unicode.Scalar] = ["+", "O", "#"]
    public static let asciiNegative: [Unicode.Scalar] = ["-", "x", "X"]

    public static func glyph(weight w: Double, largest: Double, unicode: Bool) -> (Unicode.Scalar, Style) {
        if w == 0 || largest <= 0 { return (unicode ? "·" : ".", .dim) }
        let r = abs(w) / largest
        let level = r > 2.0 / 3 ? 2 : (r > 1.0 / 3 ? 1 : 0)
        return w > 0 ? ((unicode ? positive : asciiPositive)[level], .positive) : ((unicode ? negative : asciiNegative)[level], .negative)
    }

    /// The panel title in pieces, the glyphs with the style of the squares they stand for: the largest of
    /// each sign (ASCII: every size), then the scale.
    public static func legend(largest: Double, unicode: Bool) -> [(String, Style)] {
        func glyphs(_ g: [Unicode.Scalar]) -> String { String(String.UnicodeScalarView(g.reversed())) }
        let max = ", max \(JSONNumber.format(largest))"
        if unicode {
            return [("Weights: ", .panelTitle), (String(positive[2]), .positive), (" + ", .panelTitle),
                    (String(negative[2]), .negative), (" −" + max, .panelTitle)]
        }
        return [("Weights ", .panelTitle), (glyphs(asciiPositive), .positive), (" / ", .panelTitle),
                (glyphs(asciiNegative), .negative), (max, .panelTitle)]
    }
}

extension BMLiveState {
    public var layout: BMLayout { BMLayout(width: width, height: height, groupSize: problem.groupSize, hidden: problem.hidden) }

    public func render(into grid: inout CellGrid) {
        grid.clear()
        let lay = layout
        let g = capabilities.glyphs
        if lay.tooSmall {
            Chrome.tooSmall(minWidth: lay.minWidth, minHeight: lay.minHeight, into: &grid)
            return
        }
        renderTitle(lay, into: &grid)
        Widgets.box(lay.networkPanel, title: "Network", glyphs: g, into: &grid)
        renderNetwork(lay.networkPanel.inset(1), into: &grid)
        Widgets.box(lay.learningPanel, title: "Learning", glyphs: g, into: &grid)
        renderLearning(lay.learningPanel.inset(1), into: &grid)
        let largest = machine.largestWeight
        let legend = HintonGlyphs.legend(largest: largest, unicode: g.isUnicode)
        Widgets.box(lay.weightsPanel, title: legend.map(\.0).joined(), glyphs: g, into: &grid)
        // The legend's glyphs in the colours of the squares they stand for.
        var titleX = lay.weightsPanel.x + 2
        for (text, style) in legend {
            if style != .panelTitle {
                grid.put(text, x: titleX, y: lay.weightsPanel.y, style: style, bold: true, maxWidth: max(0, lay.weightsPanel.maxX - 1 - titleX))
            }
            titleX += text.unicodeScalars.count
        }
        renderWeights(lay.weightsPanel.inset(1), into: &grid)
        Chrome.footer(Self.keyMap, running: running, hintLine: lay.hintBar, showHelp: showHelp, glyphs: g, into: &grid)
    }

    func renderTitle(_ lay: BMLayout, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        let v = problem.groupSize
        let head = ["hopfield bm", "\(v)-\(problem.hidden)-\(v) encoder", "seed \(config.seed)"]
        Chrome.titleBar(lay.titleBar, head: head, message: message, badge: running ? "RUNNING" : "PAUSED",
                        badgeStyle: running ? .running : .paused, glyphs: g, into: &grid)
    }

    func renderNetwork(_ a: Rect, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        let v = problem.groupSize, h = problem.hidden
        let run = stepper.run
        let phase = stepper.phase
        var y = a.y
        // Phase line: which phase, what is clamped.
        let inputs = config.options.inputs
        if let run {
            let what: String
            if phase == .positive {
                what = "V1, V2 clamped to input \((run.vector ?? 0) + 1)" + (config.options.noise == .none ? "" : " + noise")
            } else if inputs > 0 {
                what = "V1 clamped to input \((run.vector ?? 0) + 1)" + (config.options.noise == .none ? "" : " + noise") + ", rest free"
            } else {
                what = "all units free"
            }
            var x = a.x + 1
            x += grid.put(phase == .positive ? "POSITIVE" : "NEGATIVE", x: x, y: y, style: phase == .positive ? .running : .paused)
            if x + 1 + what.count <= a.maxX - 1 {
                grid.put(" \(what)", x: x, y: y, style: .normal, maxWidth: a.maxX - x)
            } else {
                // Narrow panel (80 columns): what is clamped goes on a line of its own (the row above the units is free).
                y += 1
                grid.put(what, x: a.x + 1, y: y, style: .normal, maxWidth: a.width - 2)
            }
            y += 1
            let count = stepper.trainer.annealingCount(phase)
            let stats = run.isCollectingStatistics ? (g.isUnicode ? "collecting ⟨sᵢsⱼ⟩" : "collecting <si sj>") : "cooling"
            let progress = "annealing \(run.job + 1)/\(count)\(g.separator)sweep \(min(run.sweep + 1, run.temperatures.count))/\(run.temperatures.count)"
            let short = run.isCollectingStatistics ? (g.isUnicode ? "⟨sᵢsⱼ⟩" : "<si sj>") : "cooling"
            let full = progress + g.separator + stats
            grid.put(full.count <= a.width - 2 ? full : progress + g.separator + short, x: a.x + 1, y: y, style: .normal, maxWidth: a.width - 2)
            y += 1
            renderTemperature(run, x: a.x + 1, y: y, width: a.width - 2, into: &grid)
        } else {
            for line in LessonApp.wrap(["between cycles: the next sweep starts the positive phase"], width: max(1, a.width - 2)).prefix(3) {
                grid.put(line, x: a.x + 1, y: y, style: .dim, maxWidth: a.width - 2)
                y += 1
            }
        }
        y = a.y + 4
        let state = shownState
        func unitRow(_ label: String, _ units: Range<Int>, clamped: Bool, y: Int) {
            var x = a.x + 1
            x += grid.put(label, x: x, y: y, style: .label)
            for i in units {
                let on = (state?[i] ?? 0) > 0.5
                grid.set(x, y, on ? (g.isUnicode ? "●" : "#") : (g.isUnicode ? "○" : "."), style: on ? .up : .dim, bold: on)
                x += 2
            }
            if state != nil { grid.put(clamped ? " clamped" : " free", x: x, y: y, style: clamped ? .key : .dim) }
        }
        let clampedCount = run == nil ? 0 : (phase == .positive ? 2 * v : min(inputs, 2 * v))
        unitRow("V1 ", 0..<v, clamped: clampedCount >= v, y: y)
        let pad = String(repeating: " ", count: max(0, v - h))
        unitRow("H  " + pad, (2 * v)..<(2 * v + h), clamped: false, y: y + 2)
        unitRow("V2 ", v..<(2 * v), clamped: clampedCount >= 2 * v, y: y + 4)
    }

    /// The temperature: a bar from the coldest to the hottest stage, or the whole schedule as a strip of
    /// one column per sweep (height by temperature) with the current sweep marked.
    func renderTemperature(_ run: BoltzmannAnnealingRun, x: Int, y: Int, width: Int, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        let temps = run.temperatures
        let hi = temps.max() ?? 1, lo = temps.min() ?? 0
        let t = run.temperature
        let label = "T \(JSONNumber.format((t * 10).rounded() / 10)) "
        let lx = grid.put(label, x: x, y: y, style: .value, bold: true)
        let room = width - lx
        guard room > 4 else { return }
        if showSchedule {
            let levels: [Unicode.Scalar] = g.isUnicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", "-", "=", "#"]
            for (k, tk) in temps.prefix(room).enumerated() {
                let f = hi > lo ? (tk - lo) / (hi - lo) : 1
                let idx = min(levels.count - 1, Int(f * Double(levels.count - 1) + 0.5))
                let current = k == run.sweep
                let style: Style = current ? .cursor : (k >= run.statisticsFrom ? .trace : .bar)
                grid.set(x + lx + k, y, levels[idx], style: style, reverse: current)
            }
        } else {
            let barW = min(room - 12, 24)
            let f = hi > lo ? (t - lo) / (hi - lo) : 0
            Widgets.bar(fraction: f, x: x + lx, y: y, width: max(1, barW), style: .bar, glyphs: g, into: &grid)
            grid.put(" \(JSONNumber.format(hi))\(g.arrow)\(JSONNumber.format(lo))", x: x + lx + max(1, barW), y: y, style: .dim, maxWidth: room - barW)
        }
    }

    func renderLearning(_ a: Rect, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        let v = problem.groupSize
        var y = a.y
        let counts = "cycle \(stepper.cycles)\(g.separator)\(stepper.sweeps) sweeps\(g.separator)"
        let method = g.separator + config.options.method.rawValue
        var status = counts + BMSpeeds.label(sweepsPerSecond) + method
        let shortSpeed = sweepsPerSecond.isInfinite ? "max" : BMSpeeds.label(sweepsPerSecond).replacingOccurrences(of: " sweeps/s", with: "/s")
        if status.count > a.width - 2 {
            // 80 columns: "200/s" keeps the method in view.
            status = counts + shortSpeed + method
        }
        if status.count > a.width - 2 {
            // Long runs at max speed: "706k sweeps".
            status = "cycle \(stepper.cycles)\(g.separator)\(Format.rate(Double(stepper.sweeps))) sweeps\(g.separator)" + shortSpeed + method
        }
        grid.put(status, x: a.x + 1, y: y, style: .normal, maxWidth: a.width - 2)
        y += 1
        let right = check.solved ? v : check.correctOutputs
        grid.put("codes \(check.distinctCodes)/\(v) distinct\(g.separator)outputs \(right)/\(v) right", x: a.x + 1, y: y, style: .normal, maxWidth: a.width - 2)
        y += 1
        if let c = solvedAtCycle {
            grid.put("solved after cycle \(c)" + (check.solved ? "" : " (not at the moment)"), x: a.x + 1, y: y, style: .labelBest, maxWidth: a.width - 2)
        } else {
            grid.put("not solved yet", x: a.x + 1, y: y, style: .dim, maxWidth: a.width - 2)
        }
        y += 2
        grid.put("input  code  V2 output", x: a.x + 1, y: y, style: .panelTitle, maxWidth: a.width - 2)
        y += 1
        for k in 0..<v where y < a.maxY {
            let code = k < check.codes.count ? String(check.codes[k].map { $0 ? "1" : "0" }) : "?"
            let out = k < check.outputs.count ? String(check.outputs[k].map { $0 ? "1" : "0" }) : "?"
            let ok = check.solved || (k < check.outputs.count && check.correctOutputs == v)
            let line = String(repeating: " ", count: max(0, 5 - String(k + 1).count)) + "\(k + 1)  " + code.padding(toLength: max(4, code.count), withPad: " ", startingAt: 0) + "  " + out
            grid.put(line, x: a.x + 1, y: y, style: ok ? .labelBest : .normal, maxWidth: a.width - 2)
            y += 1
        }
    }

    func renderWeights(_ a: Rect, into grid: inout CellGrid) {
        let v = problem.groupSize, h = problem.hidden
        let n = 2 * v + h
        let m = machine
        let largest = m.largestWeight
        let unicode = capabilities.glyphs.isUnicode
        // Column order V1, V2, H, then the bias; rows the same units.
        let order = Array(0..<v) + Array(v..<(2 * v)) + Array((2 * v)..<n)
        func name(_ i: Int) -> String { i < v ? "V1 \(i + 1)" : (i < 2 * v ? "V2 \(i - v + 1)" : "H \(i - 2 * v + 1)") }
        let x0 = a.x + 6
        // Header: group names over their columns.
        grid.put("V1", x: x0, y: a.y, style: .label)
        grid.put("V2", x: x0 + 2 * v, y: a.y, style: .label)
        grid.put("H", x: x0 + 4 * v, y: a.y, style: .label)
        grid.put("b", x: x0 + 2 * n + 1, y: a.y, style: .label)
        for (r, i) in order.enumerated() where a.y + 1 + r < a.maxY {
            let y = a.y + 1 + r
            grid.put(name(i), x: a.x, y: y, style: .label, maxWidth: 5)
            for (c, j) in order.enumerated() {
                guard i != j, m.connectivity.isConnected(i, j) else { continue }
                let (s, st) = HintonGlyphs.glyph(weight: m.weight(i, j), largest: largest, unicode: unicode)
                grid.set(x0 + 2 * c, y, s, style: st)
            }
            let (s, st) = HintonGlyphs.glyph(weight: m.biases[i], largest: largest, unicode: unicode)
            grid.set(x0 + 2 * n + 1, y, s, style: st)
        }
    }
}
