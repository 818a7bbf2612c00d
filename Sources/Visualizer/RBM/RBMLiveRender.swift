import EnergyModels
import Foundation
import Patterns

/// Where everything goes on an RBM screen of a given size. Pictures are drawn with half blocks (two
/// pixels per cell, vertically); receptive fields with a shade ramp, at one pixel per cell when two rows
/// of tiles fit, else with vertical pairs averaged.
struct RBMLayout {
    static let minWidth = 60
    static let minHeight = 16

    let width: Int, height: Int
    let tooSmall: Bool
    let titleBar: Rect, statusBar: Rect, hintBar: Rect
    let galleryPanel: Rect, fieldsPanel: Rect, curvesPanel: Rect, examplePanel: Rect
    /// Picture tiles (cells).
    let tileW: Int, tileH: Int
    /// Receptive-field tiles (cells) and whether they are at full vertical resolution.
    let fieldW: Int, fieldH: Int, fieldFull: Bool
    let galleryPerRow: Int, galleryRows: Int
    let fieldsPerRow: Int, fieldRows: Int

    init(width: Int, height: Int, rows: Int, cols: Int, hidden: Int, unicode: Bool) {
        self.width = width
        self.height = height
        tooSmall = width < Self.minWidth || height < Self.minHeight
        titleBar = Rect(x: 0, y: 0, width: width, height: 1)
        statusBar = Rect(x: 0, y: height - 2, width: width, height: 1)
        hintBar = Rect(x: 0, y: height - 1, width: width, height: 1)
        let bodyH = max(0, height - 3)
        let bottomH = bodyH >= 30 ? bodyH / 3 : 8
        let topH = max(0, bodyH - bottomH)
        tileW = cols
        tileH = (rows + 1) / 2
        // The gallery takes about 40% of the width, rounded to whole tiles.
        let galleryInner = max(tileW, (width * 2 / 5) - 2)
        galleryPerRow = max(1, (galleryInner + 1) / (tileW + 1))
        let galleryW = min(width - 20, galleryPerRow * (tileW + 1) + 1 + 2)
        galleryPanel = Rect(x: 0, y: 1, width: galleryW, height: topH)
        fieldsPanel = Rect(x: galleryW, y: 1, width: width - galleryW, height: topH)
        galleryRows = max(0, (topH - 2 + 1) / (tileH + 1))
        let fieldsInnerW = fieldsPanel.width - 2, fieldsInnerH = topH - 2
        fieldW = cols
        fieldsPerRow = max(0, (fieldsInnerW + 1) / (cols + 1))
        let fullRows = (fieldsInnerH + 1) / (rows + 1)
        fieldFull = fullRows >= 2 || (fullRows >= 1 && fullRows * fieldsPerRow >= hidden)
        fieldH = fieldFull ? rows : (rows + 1) / 2
        fieldRows = max(0, (fieldsInnerH + 1) / (fieldH + 1))
        let curvesW = width * 3 / 5
        curvesPanel = Rect(x: 0, y: 1 + topH, width: curvesW, height: bottomH)
        examplePanel = Rect(x: curvesW, y: 1 + topH, width: width - curvesW, height: bottomH)
    }

    var galleryCapacity: Int { galleryPerRow * galleryRows }
    var fieldsPerPage: Int { fieldsPerRow * fieldRows }
}

extension RBMLiveState {
    /// Draws the whole screen for the grid's size.
    public func render(into grid: inout CellGrid) {
        grid.clear()
        let g = capabilities.glyphs
        let lay = RBMLayout(width: grid.width, height: grid.height, rows: rows, cols: cols, hidden: model.hiddenCount, unicode: g.isUnicode)
        if lay.tooSmall {
            let lines: [(String, Style)] = [
                ("Terminal too small", .warning),
                ("This window is \(grid.width)x\(grid.height).", .normal),
                ("Enlarge it to at least \(RBMLayout.minWidth)x\(RBMLayout.minHeight).", .normal),
                ("q quits", .dim),
            ]
            Widgets.centered(lines, in: grid.bounds, into: &grid)
            return
        }
        renderTitle(lay, into: &grid)
        renderGallery(lay, into: &grid)
        renderFields(lay, into: &grid)
        renderCurves(lay, into: &grid)
        renderExample(lay, into: &grid)
        renderStatus(lay, into: &grid)
        if showHelp { renderHelp(into: &grid) }
    }

    func renderTitle(_ lay: RBMLayout, into grid: inout CellGrid) {
        let r = lay.titleBar
        let g = capabilities.glyphs
        grid.fill(r, with: Cell(" ", style: .title))
        let head = " hopfield rbm\(g.separator)\(Sanitize.terminal(title)) \(rows)x\(cols)\(g.separator)\(model.visibleCount)-\(model.hiddenCount)\(g.separator)"
        let badge = running ? " TRAINING " : " PAUSED "
        let room = max(0, r.width - badge.count - 1)
        let x = grid.put(head, x: 0, y: r.y, style: .title, maxWidth: room)
        Widgets.titleMessage(message, x: x, y: r.y, limit: room, glyphs: g, into: &grid)
        grid.put(badge, x: r.maxX - badge.count, y: r.y, style: running ? .running : .paused)
    }

    /// A binary (or probability ≥ 0.5) picture with half blocks: two pixel rows per cell.
    func drawPicture(_ v: [Float], x: Int, y: Int, clampedRows: Int = 0, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        for cy in 0..<((rows + 1) / 2) {
            for c in 0..<cols {
                let r0 = 2 * cy, r1 = 2 * cy + 1
                let t = v[r0 * cols + c] >= 0.5, b = r1 < rows && v[r1 * cols + c] >= 0.5
                let glyph: Unicode.Scalar = t && b ? g.full : (t ? g.upperHalf : (b ? g.lowerHalf : " "))
                let style: Style = r0 < clampedRows ? .cursor : .up
                if glyph != " " { grid.set(x + c, y + cy, glyph, style: style) }
                else if r0 < clampedRows { grid.set(x + c, y + cy, g.barTrack, style: .dim) }
            }
        }
    }

    func renderGallery(_ lay: RBMLayout, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        let pictures: [[Float]]
        let title: String
        switch gallery {
        case .dreams:
            pictures = (0..<dreams.chainCount).map { dreams.visible(chain: $0) }
            title = clamped ? "Completions T=\(Format.fixed(temperature, 2))" : "Dreams T=\(Format.fixed(temperature, 2))"
        case .negatives:
            pictures = trainer.negativeParticles
            title = method.isPersistent ? "PCD particles" : "CD reconstructions"
        }
        Widgets.box(lay.galleryPanel, title: title, glyphs: g, into: &grid)
        let inner = lay.galleryPanel.inset(1)
        if lay.galleryCapacity == 0 {
            grid.put("(no room)", x: inner.x, y: inner.y, style: .dim, maxWidth: inner.width)
            return
        }
        if pictures.isEmpty {
            grid.put("(after the first update)", x: inner.x, y: inner.y, style: .dim, maxWidth: inner.width)
            return
        }
        let clampedRows = gallery == .dreams && clamped ? rows / 2 : 0
        for (k, v) in pictures.prefix(lay.galleryCapacity).enumerated() {
            let tx = inner.x + (k % lay.galleryPerRow) * (lay.tileW + 1)
            let ty = inner.y + (k / lay.galleryPerRow) * (lay.tileH + 1)
            drawPicture(v, x: tx, y: ty, clampedRows: clampedRows, into: &grid)
        }
    }

    /// Shade glyphs from low to high.
    var shades: [Unicode.Scalar] {
        capabilities.glyphs.isUnicode ? [" ", "░", "▒", "▓", "█"] : [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
    }

    func shade(_ t: Double) -> Unicode.Scalar {
        let s = shades
        let k = Int((min(1, max(0, t)) * Double(s.count - 1)).rounded())
        return s[k]
    }

    func renderFields(_ lay: RBMLayout, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        let n = model.hiddenCount
        let start = min(fieldOffset, max(0, n - 1))
        let shown = min(lay.fieldsPerPage, n - start)
        let range = shown > 0 ? "\(start + 1)-\(start + shown) of \(n)" : "of \(n)"
        Widgets.box(lay.fieldsPanel, title: "Receptive fields \(range)", glyphs: g, into: &grid)
        let inner = lay.fieldsPanel.inset(1)
        guard shown > 0 else {
            grid.put("(no room)", x: inner.x, y: inner.y, style: .dim, maxWidth: inner.width)
            return
        }
        for k in 0..<shown {
            let j = start + k
            // Each field on its own scale: black = most negative weight, white = most positive.
            var lo = Float.infinity, hi = -Float.infinity
            for i in 0..<model.visibleCount {
                let w = model.weights[i * n + j]
                lo = min(lo, w); hi = max(hi, w)
            }
            let span = Double(hi - lo) > 1e-12 ? Double(hi - lo) : 1
            let tx = inner.x + (k % lay.fieldsPerRow) * (lay.fieldW + 1)
            let ty = inner.y + (k / lay.fieldsPerRow) * (lay.fieldH + 1)
            for cy in 0..<lay.fieldH {
                for c in 0..<cols {
                    var value: Double
                    if lay.fieldFull {
                        value = Double(model.weights[(cy * cols + c) * n + j] - lo)
                    } else {
                        let r0 = 2 * cy, r1 = min(rows - 1, 2 * cy + 1)
                        value = Double(model.weights[(r0 * cols + c) * n + j] - lo + model.weights[(r1 * cols + c) * n + j] - lo) / 2
                    }
                    value /= span
                    let glyph = shade(value)
                    grid.set(tx + c, ty + cy, glyph == " " ? g.barTrack : glyph, style: glyph == " " ? .dim : .up)
                }
            }
        }
    }

    func renderCurves(_ lay: RBMLayout, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        Widgets.box(lay.curvesPanel, title: "Monitor (\(monitor.count) samples)", glyphs: g, into: &grid)
        let inner = lay.curvesPanel.inset(1)
        guard inner.height >= 1, inner.width >= 20 else { return }
        let lls = curve.compactMap(\.logLikelihood)
        let exactLL = min(model.visibleCount, model.hiddenCount) <= Self.maxLiveExactLayer
        let series: [(String, [Double], String)] = [
            ("recon", curve.map(\.reconstructionError), curve.last.map { Format.fixed($0.reconstructionError, 4) } ?? "-"),
            ("PLL", curve.map(\.pseudoLogLikelihood), curve.last.map { Format.fixed($0.pseudoLogLikelihood, 2) } ?? "-"),
            ("LL", lls, exactLL ? (lastLogLikelihood.map { Format.fixed($0, 2) } ?? "-") : "n/a"),
        ]
        let band = max(1, inner.height / 3)
        let labelW = 14
        for (k, s) in series.enumerated() {
            let y = inner.y + k * band
            guard y < inner.maxY else { break }
            let h = min(band, inner.maxY - y)
            grid.put(s.0, x: inner.x, y: y, style: .label)
            grid.put(s.2, x: inner.x + 6, y: y, style: .value, maxWidth: labelW - 6)
            if k == 2 && !exactLL {
                grid.put("(exact only for ≤ \(Self.maxLiveExactLayer) hidden)", x: inner.x + labelW, y: y, style: .dim, maxWidth: inner.width - labelW)
                continue
            }
            EnergyPlot.draw(Array(s.1.suffix(2 * (inner.width - labelW))), in: Rect(x: inner.x + labelW, y: y, width: inner.width - labelW, height: h), glyphs: g, into: &grid)
        }
    }

    func renderExample(_ lay: RBMLayout, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        Widgets.box(lay.examplePanel, title: "Example \(exampleIndex + 1)\(g.separator)P(h|v)", glyphs: g, into: &grid)
        let inner = lay.examplePanel.inset(1)
        guard inner.width >= 2 * cols + 5, inner.height >= (rows + 1) / 2 else {
            grid.put("(no room)", x: inner.x, y: inner.y, style: .dim, maxWidth: inner.width)
            return
        }
        let v = example
        let hp = model.hiddenProbabilities(visible: v)
        let recon = model.visibleProbabilities(hidden: hp.map(Float.init)).map(Float.init)
        drawPicture(v, x: inner.x, y: inner.y, into: &grid)
        grid.put(g.arrow, x: inner.x + cols + 1, y: inner.y, style: .dim)
        let rx = inner.x + cols + 2 + g.arrow.unicodeScalars.count
        drawPicture(recon, x: rx, y: inner.y, into: &grid)
        // Hidden probabilities as shades, wrapped into the remaining area.
        let hx = rx + cols + 1
        let hw = inner.maxX - hx
        guard hw >= 1 else { return }
        let capacity = hw * inner.height
        for (j, p) in hp.prefix(capacity).enumerated() {
            let glyph = shade(p)
            grid.set(hx + j % hw, inner.y + j / hw, glyph == " " ? g.barTrack : glyph, style: glyph == " " ? .dim : .bar)
        }
        if hp.count > capacity {
            let more = "+\(hp.count - capacity)"
            grid.put(more, x: inner.maxX - more.count, y: inner.maxY - 1, style: .dim)
        }
    }

    func renderStatus(_ lay: RBMLayout, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        let epochText = "epoch \(trainer.epoch + 1) (\(Int((epochFraction * 100).rounded(.down)))%)"
        let parts: [(String, Style)] = [
            ("\(method)", .value),
            ("lr \(Format.fixed(learningRate, learningRate < 0.001 ? 6 : 4))", .value),
            ("T \(Format.fixed(temperature, 2))", .value),
            (epochText, .normal),
            ("\(trainer.updates) updates", .normal),
            ("\(Format.rate(batchesPerSecond)) batch/s", .normal),
            ("batch \(trainer.configuration.batchSize)", .normal),
        ]
        Widgets.segments(parts, x: 1, y: lay.statusBar.y, width: lay.statusBar.width - 2, glyphs: g, into: &grid)
        let hints: [(String, Style)] = [
            ("spc pause", .hint), ("? keys", .hint), ("q quit", .hint), ("p CD/PCD", .hint), ("1-9 k", .hint),
            ("l/L lr", .hint), ("+/- T", .hint), ("c clamp", .hint), ("w save", .hint),
        ]
        Widgets.segments(hints, x: 1, y: lay.hintBar.y, width: lay.hintBar.width - 2, glyphs: g, into: &grid)
    }

    func renderHelp(into grid: inout CellGrid) {
        let g = capabilities.glyphs
        let entries = RBMKeymap.entries
        let w = min(grid.width - 2, 44), h = min(grid.height - 2, entries.count + 2)
        let r = Rect(x: (grid.width - w) / 2, y: (grid.height - h) / 2, width: w, height: h)
        grid.fill(r, with: Cell(" ", style: .overlay))
        Widgets.box(r, title: "Keys", glyphs: g, into: &grid)
        for (k, e) in entries.prefix(h - 2).enumerated() {
            grid.put(e.label, x: r.x + 2, y: r.y + 1 + k, style: .overlayKey, maxWidth: 12)
            grid.put(e.help, x: r.x + 14, y: r.y + 1 + k, style: .overlay, maxWidth: w - 16)
        }
    }
}
