import Foundation

/// A heat map of values in [0, 1] on a grid of columns (x, across) and rows (y, drawn with the largest
/// y at the top), shaded with the glyph set's shades (nearest level). Values ≤ 0 (and NaN) are blank.
struct HeatMap {
    /// The x value of each column, in display order (left to right).
    var xs: [Double]
    /// The y value of each row, in increasing order; drawn bottom to top.
    var ys: [Double]
    /// value(column, row).
    var value: (Int, Int) -> Double
    var xLabel: String
    var yLabel: String
    /// A horizontal line drawn between the rows below and at-or-above `y` (nil: none), with its caption.
    var line: (y: Double, caption: String)?
    /// Extra text at the end of each row (by row index), e.g. a theoretical value.
    var rowNote: ((Int) -> String)?
    /// Characters per column (clamped so the map fits in about 72 columns).
    var cellWidth: Int { max(1, min(4, 64 / max(1, xs.count))) }

    func render(glyphs: PlotGlyphs) -> String {
        let yLabels = ys.map { LinePlot.label($0) }
        let margin = max(yLabel.count, yLabels.map(\.count).max() ?? 1)
        func pad(_ s: String) -> String { String(repeating: " ", count: max(0, margin - s.count)) + s }
        let cw = cellWidth
        let width = cw * xs.count
        let levels = glyphs.shades.count
        var out = pad(yLabel) + "\n"
        for r in ys.indices.reversed() {
            var text = pad(yLabels[r]) + " " + String(glyphs.vertical)
            for c in xs.indices {
                let v = value(c, r)
                // Nearest shade: values within half a step of 0 (the O(1/√N) noise of a melted state) stay blank.
                var level = 0
                if v.isFinite && v > 0 { level = min(levels - 1, Int((v * Double(levels - 1)).rounded())) }
                text += String(repeating: glyphs.shades[level], count: cw)
            }
            text += String(glyphs.vertical)
            if let note = rowNote?(r) { text += " " + note }
            out += text + "\n"
            // The line sits between this row (y ≥ line) and the next one down (y < line).
            if let line, ys[r] >= line.y, r > 0, ys[r - 1] < line.y {
                let dashes = String(repeating: glyphs.dash, count: width)
                out += String(repeating: " ", count: margin + 1) + String(glyphs.vertical) + dashes + String(glyphs.vertical)
                    + " " + line.caption + "\n"
            }
        }
        out += String(repeating: " ", count: margin + 1) + String(glyphs.corner) + String(repeating: glyphs.horizontal, count: width) + "\n"
        // α labels at the first, middle and last columns.
        var labelLine = [Character](repeating: " ", count: width + 12)
        func place(_ text: String, column c: Int) {
            let chars = Array(text)
            let center = c * cw + cw / 2
            let start = max(0, min(center - chars.count / 2, labelLine.count - chars.count))
            for (k, ch) in chars.enumerated() { labelLine[start + k] = ch }
        }
        if let first = xs.first { place(LinePlot.label(first), column: 0) }
        if xs.count > 2 { place(LinePlot.label(xs[xs.count / 2]), column: xs.count / 2) }
        if xs.count > 1, let last = xs.last { place(LinePlot.label(last), column: xs.count - 1) }
        out += String(repeating: " ", count: margin + 2) + withoutTrailingSpaces(String(labelLine)) + "\n"
        out += String(repeating: " ", count: margin + 2) + xLabel + "\n"
        // Shade key.
        let key = (0..<levels).map { k -> String in
            let v = Double(k) / Double(levels - 1)
            return "\(glyphs.shades[k] == " " ? "' '" : String(glyphs.shades[k])) \(String(format: "%.2g", v))"
        }
        out += "key: " + key.joined(separator: "  ") + "\n"
        return out
    }
}
