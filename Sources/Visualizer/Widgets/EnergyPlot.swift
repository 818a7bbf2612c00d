/// A scrolling line plot of a series (newest at the right), with the plotted range written on the axis.
/// Unicode: Braille dots, 2 samples per column and 4 levels per row; ASCII: one `*` per column and row.
public enum EnergyPlot {
    /// `breaks[k]` true: sample k is not joined to sample k-1 (a jump the user caused, not the dynamics).
    public static func draw(_ samples: [Double], breaks: [Bool]? = nil, in rect: Rect, glyphs g: Glyphs, into grid: inout CellGrid) {
        guard rect.width >= 8, rect.height >= 1 else { return }
        guard let lo0 = samples.min(), let hi0 = samples.max() else {
            grid.put("no samples yet", x: rect.x, y: rect.y, style: .dim, maxWidth: rect.width)
            return
        }
        var lo = lo0, hi = hi0
        if hi - lo < 1e-9 { lo -= 0.5; hi += 0.5 }
        let hiLabel = Format.energy(hi0), loLabel = Format.energy(lo0)
        let gutter = max(hiLabel.count, loLabel.count) + 1
        let plotX = rect.x + gutter
        let plotW = rect.width - gutter
        guard plotW >= 2 else { return }
        grid.put(hiLabel, x: rect.x + gutter - 1 - hiLabel.count, y: rect.y, style: .axis)
        if rect.height > 1 { grid.put(loLabel, x: rect.x + gutter - 1 - loLabel.count, y: rect.maxY - 1, style: .axis) }
        for y in rect.y..<rect.maxY { grid.set(plotX - 1, y, g.vertical, style: .axis) }

        if g.isUnicode {
            let dotsW = plotW * 2, dotsH = rect.height * 4
            let shown = Array(samples.suffix(dotsW))
            let shownBreaks = breaks.map { Array($0.suffix(shown.count)) }
            let offset = dotsW - shown.count
            var bits = [UInt8](repeating: 0, count: plotW * rect.height)
            func level(_ e: Double) -> Int {
                let t = (hi - e) / (hi - lo)
                return min(dotsH - 1, max(0, Int((t * Double(dotsH - 1)).rounded())))
            }
            func dot(_ dx: Int, _ dy: Int) {
                let cx = dx / 2, cy = dy / 4
                let sub = dy % 4
                let mask: UInt8 = dx % 2 == 0 ? [0x01, 0x02, 0x04, 0x40][sub] : [0x08, 0x10, 0x20, 0x80][sub]
                bits[cy * plotW + cx] |= mask
            }
            var prev: Int? = nil
            for (k, e) in shown.enumerated() {
                let dx = offset + k
                let y = level(e)
                // Join to the previous sample vertically so steps read as a continuous line.
                let isBreak = shownBreaks.map { k < $0.count && $0[k] } ?? false
                let from = isBreak ? y : (prev ?? y)
                for yy in min(from, y)...max(from, y) { dot(dx, yy) }
                prev = y
            }
            for cy in 0..<rect.height {
                for cx in 0..<plotW where bits[cy * plotW + cx] != 0 {
                    if let s = Unicode.Scalar(0x2800 + UInt32(bits[cy * plotW + cx])) {
                        grid.set(plotX + cx, rect.y + cy, s, style: .trace)
                    }
                }
            }
        } else {
            let shown = Array(samples.suffix(plotW))
            let shownBreaks = breaks.map { Array($0.suffix(shown.count)) }
            let offset = plotW - shown.count
            var prev: Int? = nil
            for (k, e) in shown.enumerated() {
                let t = (hi - e) / (hi - lo)
                let row = min(rect.height - 1, max(0, Int((t * Double(rect.height - 1)).rounded())))
                // A vertical run of `:` joins a jump to the previous sample.
                let isBreak = shownBreaks.map { k < $0.count && $0[k] } ?? false
                if let prev, !isBreak, abs(prev - row) > 1 {
                    for r in (min(prev, row) + 1)..<max(prev, row) { grid.set(plotX + offset + k, rect.y + r, ":", style: .trace) }
                }
                grid.set(plotX + offset + k, rect.y + row, g.plotPoint, style: .trace)
                prev = row
            }
        }
    }
}
