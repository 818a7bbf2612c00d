/// A run of consecutive samples of a series, reduced to its range and its last value: what a plot
/// column shows when it stands for many samples, and how a long history is compressed without losing its
/// extremes.
public struct SampleBucket: Equatable, Sendable {
    public var lo: Double
    public var hi: Double
    public var last: Double
    /// Samples in the run.
    public var count: Int
    /// The run starts with an edit (a jump the user caused): the plot does not join it to what came before.
    public var edit: Bool

    public init(_ value: Double, edit: Bool = false) {
        lo = value
        hi = value
        last = value
        count = 1
        self.edit = edit
    }

    /// This run followed by `next`.
    public func merged(with next: SampleBucket) -> SampleBucket {
        var m = self
        m.lo = min(lo, next.lo)
        m.hi = max(hi, next.hi)
        m.last = next.last
        m.count = count + next.count
        return m
    }
}

/// A line plot of a whole series fitted to the plot's width: the time axis spans the history, oldest at
/// the left edge, newest at the right, so the trace always uses the full width. A column that stands for
/// several samples draws their range; a sample that stands for several columns draws a step. The plotted
/// range is written on the axis. Unicode: Braille dots, 2 columns and 4 levels per cell; ASCII: one `*`
/// per column and row, with `:` for the joins.
public enum EnergyPlot {
    /// `breaks[k]` true: sample k is not joined to sample k-1 (a jump the user caused, not the dynamics).
    /// `lines`: samples of a smooth quantity (monitor curves) are joined by straight lines when they are
    /// fewer than the columns, the first at the left edge and the last at the right; otherwise (the
    /// energy, which changes in steps) each sample is a step.
    public static func draw(_ samples: [Double], breaks: [Bool]? = nil, style: Style = .trace, gutter: Int? = nil, lines: Bool = false,
                            in rect: Rect, glyphs g: Glyphs, into grid: inout CellGrid) {
        let buckets = samples.enumerated().map { k, v in SampleBucket(v, edit: breaks.map { k < $0.count && $0[k] } ?? false) }
        draw(buckets: buckets, style: style, gutter: gutter, lines: lines, in: rect, glyphs: g, into: &grid)
    }

    /// The labels of the plotted range: as `Format.energy` writes them, with more decimals while two
    /// different values would read the same (0.131 and 0.128 are not both "0.13").
    public static func rangeLabels(lo: Double, hi: Double) -> (lo: String, hi: String) {
        var l = Format.energy(lo), h = Format.energy(hi)
        let size = max(abs(lo), abs(hi))
        var digits = size >= 1000 ? 0 : (size >= 10 ? 1 : 2)
        while l == h && lo != hi && digits < 6 {
            digits += 1
            (l, h) = (Format.fixed(lo, digits), Format.fixed(hi, digits))
        }
        return (l, h)
    }

    /// `gutter`: the columns left of the axis (default: as wide as the range labels need), so that
    /// several plots stacked above each other can share one axis column.
    public static func draw(buckets: [SampleBucket], style: Style = .trace, gutter: Int? = nil, lines: Bool = false,
                            in rect: Rect, glyphs g: Glyphs, into grid: inout CellGrid) {
        guard rect.width >= 8, rect.height >= 1 else { return }
        let finite = buckets.filter { $0.lo.isFinite && $0.hi.isFinite && $0.last.isFinite }
        guard let lo0 = finite.map(\.lo).min(), let hi0 = finite.map(\.hi).max() else {
            grid.put("no samples yet", x: rect.x, y: rect.y, style: .dim, maxWidth: rect.width)
            return
        }
        var lo = lo0, hi = hi0
        if hi - lo < 1e-9 { lo -= 0.5; hi += 0.5 }
        let (loLabel, hiLabel) = rangeLabels(lo: lo0, hi: hi0)
        let gutter = max(gutter ?? 0, max(hiLabel.count, loLabel.count) + 1)
        let plotX = rect.x + gutter
        let plotW = rect.width - gutter
        guard plotW >= 2 else { return }
        grid.put(hiLabel, x: rect.x + gutter - 1 - hiLabel.count, y: rect.y, style: .axis)
        if rect.height > 1 && loLabel != hiLabel { grid.put(loLabel, x: rect.x + gutter - 1 - loLabel.count, y: rect.maxY - 1, style: .axis) }
        for y in rect.y..<rect.maxY { grid.set(plotX - 1, y, g.vertical, style: .axis) }

        // Columns (dot columns in Unicode) and levels (dot rows), level 0 at the top.
        let columns = g.isUnicode ? plotW * 2 : plotW
        let levels = g.isUnicode ? rect.height * 4 : rect.height
        func level(_ e: Double) -> Int {
            let t = (hi - e) / (hi - lo)
            return min(levels - 1, max(0, Int((t * Double(levels - 1)).rounded())))
        }
        let fitted = lines && finite.count >= 2 && finite.count < columns && finite.allSatisfy({ $0.count == 1 && !$0.edit })
            ? stretch(finite.map(\.last), columns: columns) : fit(finite, columns: columns)
        var marks = [[Bool]](repeating: [Bool](repeating: false, count: levels), count: columns)
        var joins = marks
        var prev: Int? = nil
        for (c, col) in fitted.enumerated() {
            guard let col else { prev = nil; continue }
            let top = level(col.hi), bottom = level(col.lo), now = level(col.last)
            for l in top...bottom { marks[c][l] = true }
            marks[c][now] = true
            // Join to the previous column so steps read as one line, unless an edit starts here.
            // (ASCII joins stop short of the previous level, which the previous column already shows.)
            if let p = prev, !col.edit, p < top || p > bottom {
                let range = p < top ? (g.isUnicode ? p : p + 1)...top : bottom...(g.isUnicode ? p : p - 1)
                for l in range where !marks[c][l] { joins[c][l] = true }
            }
            prev = now
        }
        if g.isUnicode {
            for cy in 0..<rect.height {
                for cx in 0..<plotW {
                    var bits: UInt32 = 0
                    for sub in 0..<4 {
                        let l = cy * 4 + sub
                        if marks[2 * cx][l] || joins[2 * cx][l] { bits |= [0x01, 0x02, 0x04, 0x40][sub] }
                        if marks[2 * cx + 1][l] || joins[2 * cx + 1][l] { bits |= [0x08, 0x10, 0x20, 0x80][sub] }
                    }
                    if bits != 0, let s = Unicode.Scalar(0x2800 + bits) { grid.set(plotX + cx, rect.y + cy, s, style: style) }
                }
            }
        } else {
            for c in 0..<plotW {
                for l in 0..<levels {
                    if let col = fitted[c], level(col.last) == l {
                        grid.set(plotX + c, rect.y + l, g.plotPoint, style: style)
                    } else if marks[c][l] || joins[c][l] {
                        grid.set(plotX + c, rect.y + l, ":", style: style)
                    }
                }
            }
        }
    }

    /// The buckets spread over `columns` columns by their share of the samples: sample k belongs to
    /// column ⌊k·columns/n⌋, so every sample is shown and the last one is in the last column. When there
    /// are fewer samples than columns, a column with none continues the sample before it (a step). A
    /// bucket's edit flag goes to its first column only.
    /// `values` (at least two, fewer than `columns`) spread from the first column to the last, with the
    /// columns between two samples on the straight line joining them.
    static func stretch(_ values: [Double], columns: Int) -> [SampleBucket?] {
        let n = values.count
        return (0..<columns).map { c in
            let x = Double(c) * Double(n - 1) / Double(max(1, columns - 1))
            let k = min(n - 2, Int(x))
            let t = x - Double(k)
            return SampleBucket(values[k] + t * (values[k + 1] - values[k]))
        }
    }

    static func fit(_ buckets: [SampleBucket], columns: Int) -> [SampleBucket?] {
        let total = buckets.reduce(0) { $0 + $1.count }
        guard total > 0, columns > 0 else { return [SampleBucket?](repeating: nil, count: max(0, columns)) }
        var out = [SampleBucket?](repeating: nil, count: columns)
        var start = 0
        for b in buckets {
            let first = start * columns / total
            let last = (start + b.count - 1) * columns / total
            for c in first...last {
                if let existing = out[c] {
                    out[c] = existing.merged(with: b)
                } else {
                    var piece = b
                    if c != first { piece.edit = false }
                    out[c] = piece
                }
            }
            start += b.count
        }
        for c in 1..<max(1, columns) where out[c] == nil {
            out[c] = out[c - 1].map { SampleBucket($0.last) }
        }
        return out
    }
}
