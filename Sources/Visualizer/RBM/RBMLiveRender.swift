import EnergyModels
import Foundation

/// How a receptive field is drawn. A cell is about twice as tall as it is wide, so a weight drawn square
/// takes two columns of one row, or one column of half a row.
enum FieldScale: Equatable {
    /// Two columns per weight, one row per weight row: grey backgrounds, or a doubled shade glyph.
    case double
    /// One column per weight, two weight rows per cell as a `▀` with the upper weight's grey in front and
    /// the lower one's behind (needs the grey ramp and Unicode).
    case halfBlock
    /// One column per weight, two weight rows averaged into one shade glyph (no grey ramp, little room).
    case averaged

    func tileSize(rows: Int, cols: Int) -> (width: Int, height: Int) {
        self == .double ? (2 * cols, rows) : (cols, (rows + 1) / 2)
    }
}

/// Where everything goes on an RBM screen of a given size. Pictures are drawn with half blocks (two
/// pixels per cell, vertically); receptive fields with square pixels (see `FieldScale`), at double size
/// when that still shows enough of them.
struct RBMLayout {
    static let minWidth = 60
    static let minHeight = 16

    let width: Int, height: Int
    let tooSmall: Bool
    let titleBar: Rect, statusBar: Rect, hintBar: Rect
    let galleryPanel: Rect, fieldsPanel: Rect, curvesPanel: Rect, examplePanel: Rect
    /// Picture tiles (cells).
    let tileW: Int, tileH: Int
    /// Receptive-field tiles (cells) and how they are drawn.
    let fieldW: Int, fieldH: Int, fieldScale: FieldScale
    let galleryPerRow: Int, galleryRows: Int
    let fieldsPerRow: Int, fieldRows: Int

    init(width: Int, height: Int, rows: Int, cols: Int, hidden: Int, greyRamp: Bool, unicode: Bool) {
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
        func capacity(_ scale: FieldScale) -> (perRow: Int, rows: Int) {
            let t = scale.tileSize(rows: rows, cols: cols)
            return (max(0, (fieldsInnerW + 1) / (t.width + 1)), max(0, (fieldsInnerH + 1) / (t.height + 1)))
        }
        // Double size when it shows all the fields, or at least eight; otherwise the compact square.
        let big = capacity(.double)
        fieldScale = big.perRow * big.rows >= min(hidden, 8) ? .double : (greyRamp && unicode ? .halfBlock : .averaged)
        (fieldW, fieldH) = fieldScale.tileSize(rows: rows, cols: cols)
        (fieldsPerRow, fieldRows) = capacity(fieldScale)
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
        let lay = RBMLayout(width: grid.width, height: grid.height, rows: rows, cols: cols, hidden: model.hiddenCount, greyRamp: capabilities.greyRamp, unicode: g.isUnicode)
        if lay.tooSmall {
            Chrome.tooSmall(minWidth: RBMLayout.minWidth, minHeight: RBMLayout.minHeight, into: &grid)
            return
        }
        renderTitle(lay, into: &grid)
        renderGallery(lay, into: &grid)
        renderFields(lay, into: &grid)
        renderCurves(lay, into: &grid)
        renderExample(lay, into: &grid)
        renderStatus(lay, into: &grid)
        Chrome.footer(Self.keyMap, running: running, hintLine: lay.hintBar, showHelp: showHelp, alert: alert, glyphs: g, into: &grid)
    }

    func renderTitle(_ lay: RBMLayout, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        let head = ["hopfield rbm", "\(Sanitize.terminal(title)) \(rows)x\(cols)", "\(model.visibleCount)-\(model.hiddenCount)"]
        Chrome.titleBar(lay.titleBar, head: head, message: message, badge: running ? "TRAINING" : "PAUSED",
                        badgeStyle: running ? .running : .paused, glyphs: g, into: &grid)
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

    /// Shade glyphs from low to high (the fallback when the grey ramp does not show).
    var shades: [Unicode.Scalar] {
        capabilities.glyphs.isUnicode ? [" ", "░", "▒", "▓", "█"] : [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
    }

    /// A value t in [0, 1] as one cell: a true grey level behind a blank with the grey ramp, else a shade
    /// glyph (the lowest as a dim track so an empty cell still reads as part of the picture).
    func shadeCell(_ t: Double, style: Style) -> Cell {
        if capabilities.greyRamp { return Cell(" ", style: style, grey: Cell.greyLevel(t)) }
        let s = shades
        let glyph = s[Int((min(1, max(0, t.isFinite ? t : 0)) * Double(s.count - 1)).rounded())]
        return glyph == " " ? Cell(capabilities.glyphs.barTrack, style: .dim) : Cell(glyph, style: style)
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
            func t(_ r: Int, _ c: Int) -> Double { Double(model.weights[(r * cols + c) * n + j] - lo) / span }
            switch lay.fieldScale {
            case .double:
                for r in 0..<rows {
                    for c in 0..<cols {
                        let cell = shadeCell(t(r, c), style: .up)
                        grid[tx + 2 * c, ty + r] = cell
                        grid[tx + 2 * c + 1, ty + r] = cell
                    }
                }
            case .halfBlock:
                for cy in 0..<lay.fieldH {
                    for c in 0..<cols {
                        let upper = Cell.greyLevel(t(2 * cy, c))
                        let lower = 2 * cy + 1 < rows ? Cell.greyLevel(t(2 * cy + 1, c)) : nil
                        grid[tx + c, ty + cy] = Cell(capabilities.glyphs.upperHalf, style: .up, grey: lower, inkGrey: upper)
                    }
                }
            case .averaged:
                for cy in 0..<lay.fieldH {
                    for c in 0..<cols {
                        let r1 = min(rows - 1, 2 * cy + 1)
                        grid[tx + c, ty + cy] = shadeCell((t(2 * cy, c) + t(r1, c)) / 2, style: .up)
                    }
                }
            }
        }
    }

    /// One strip per monitor curve, each with its own scale (its range on a shared axis column), colour
    /// and label with the latest value.
    func renderCurves(_ lay: RBMLayout, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        Widgets.box(lay.curvesPanel, title: "Monitor (\(monitor.count) samples)", glyphs: g, into: &grid)
        let inner = lay.curvesPanel.inset(1)
        guard inner.height >= 1, inner.width >= 24 else { return }
        let lls = curve.compactMap(\.logLikelihood)
        let exactLL = min(model.visibleCount, model.hiddenCount) <= Self.maxLiveExactLayer
        let series: [(name: String, values: [Double], latest: String, style: Style)] = [
            ("recon", curve.map(\.reconstructionError), curve.last.map { Format.fixed($0.reconstructionError, 4) } ?? "-", .curveA),
            ("PLL", curve.map(\.pseudoLogLikelihood), curve.last.map { Format.fixed($0.pseudoLogLikelihood, 2) } ?? "-", .curveB),
            ("LL", lls, exactLL ? (lastLogLikelihood.map { Format.fixed($0, 2) } ?? "-") : "n/a", .curveC),
        ]
        let labelW = 13
        // One axis column for all strips: the widest range label decides it.
        let gutter = 1 + series.map { s -> Int in
            guard let lo = s.values.min(), let hi = s.values.max() else { return 0 }
            let labels = EnergyPlot.rangeLabels(lo: lo, hi: hi)
            return max(labels.lo.count, labels.hi.count)
        }.reduce(4, max)
        let base = inner.height / series.count, extra = inner.height % series.count
        var y = inner.y
        for (k, s) in series.enumerated() {
            let h = max(1, base + (k < extra ? 1 : 0))
            guard y < inner.maxY else { break }
            grid.put(s.name, x: inner.x, y: y, style: s.style, bold: true)
            grid.put(s.latest, x: inner.x + 6, y: y, style: .value, maxWidth: labelW - 7)
            let plot = Rect(x: inner.x + labelW, y: y, width: inner.width - labelW, height: min(h, inner.maxY - y))
            if k == 2 && !exactLL {
                grid.put("(exact only for ≤ \(Self.maxLiveExactLayer) hidden)", x: plot.x, y: y, style: .dim, maxWidth: plot.width)
            } else {
                EnergyPlot.draw(s.values, style: s.style, gutter: gutter, lines: true, in: plot, glyphs: g, into: &grid)
            }
            y += h
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
            grid[hx + j % hw, inner.y + j / hw] = shadeCell(p, style: .bar)
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
    }
}
