import Foundation

/// A small scatter/line chart drawn with characters: y up, x across, labelled axes and a legend.
///
/// Series are drawn in order, later ones on top. A `curve` is evaluated at every column (a smooth
/// reference line such as a theoretical formula); `points` are placed at their nearest cell.
struct LinePlot {
    enum Data {
        case points([(x: Double, y: Double)])
        case curve((Double) -> Double)
    }

    struct Series {
        var name: String
        var marker: Character
        var data: Data
    }

    var width = 60
    var height = 12
    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>
    var xLabel: String
    var yLabel: String
    var series: [Series] = []
    /// Vertical reference lines: (x, label).
    var references: [(x: Double, label: String)] = []

    /// The chart as lines of text (each ends with a newline).
    func render(glyphs: PlotGlyphs) -> String {
        let w = max(10, width), h = max(4, height)
        var cells = [[Character]](repeating: [Character](repeating: " ", count: w), count: h)
        func column(_ x: Double) -> Int? {
            let span = xRange.upperBound - xRange.lowerBound
            let c = span > 0 ? ((x - xRange.lowerBound) / span * Double(w - 1)).rounded() : 0
            guard c.isFinite, c >= 0, c <= Double(w - 1) else { return nil }
            return Int(c)
        }
        func row(_ y: Double) -> Int? {
            let span = yRange.upperBound - yRange.lowerBound
            let r = span > 0 ? ((y - yRange.lowerBound) / span * Double(h - 1)).rounded() : 0
            guard r.isFinite, r >= 0, r <= Double(h - 1) else { return nil }
            return h - 1 - Int(r)
        }
        for reference in references {
            guard let c = column(reference.x) else { continue }
            for r in 0..<h { cells[r][c] = glyphs.reference }
        }
        for s in series {
            switch s.data {
            case .curve(let f):
                for c in 0..<w {
                    let x = xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double(c) / Double(w - 1)
                    if let r = row(f(x)) { cells[r][c] = s.marker }
                }
            case .points(let points):
                for p in points {
                    if let c = column(p.x), let r = row(p.y) { cells[r][c] = s.marker }
                }
            }
        }
        let yTop = Self.label(yRange.upperBound), yMid = Self.label((yRange.lowerBound + yRange.upperBound) / 2)
        let yBottom = Self.label(yRange.lowerBound)
        let margin = max(yTop.count, yMid.count, yBottom.count, yLabel.count)
        func pad(_ s: String) -> String { String(repeating: " ", count: max(0, margin - s.count)) + s }
        var out = pad(yLabel) + "\n"
        for r in 0..<h {
            let label = r == 0 ? yTop : (r == h - 1 ? yBottom : (r == (h - 1) / 2 ? yMid : ""))
            out += pad(label) + " " + String(glyphs.vertical) + String(cells[r]) + "\n"
        }
        var axis = String(repeating: glyphs.horizontal, count: w)
        var ticks = [0, (w - 1) / 2, w - 1]
        for reference in references { if let c = column(reference.x) { ticks.append(c) } }
        var axisChars = Array(axis)
        for t in ticks { axisChars[t] = glyphs.tick }
        axis = String(axisChars)
        out += String(repeating: " ", count: margin + 1) + String(glyphs.corner) + axis + "\n"
        // x labels under the first, middle and last columns.
        var labelLine = [Character](repeating: " ", count: w + 12)
        func place(_ text: String, at c: Int, alignRight: Bool = false) {
            let chars = Array(text)
            var start = alignRight ? c - chars.count + 1 : c - chars.count / 2
            start = max(0, min(start, labelLine.count - chars.count))
            for (k, ch) in chars.enumerated() where start + k < labelLine.count { labelLine[start + k] = ch }
        }
        place(Self.label(xRange.lowerBound), at: 0)
        place(Self.label((xRange.lowerBound + xRange.upperBound) / 2), at: (w - 1) / 2)
        place(Self.label(xRange.upperBound), at: w - 1, alignRight: true)
        out += String(repeating: " ", count: margin + 2) + withoutTrailingSpaces(String(labelLine)) + "\n"
        out += String(repeating: " ", count: margin + 2) + xLabel
        var legend = series.map { "\($0.marker) \($0.name)" }
        legend += references.map { "\(glyphs.reference) \($0.label)" }
        out += "    " + legend.joined(separator: "   ") + "\n"
        return out
    }

    /// A short label for an axis value.
    static func label(_ x: Double) -> String {
        if x == 0 { return "0" }
        if abs(x) >= 0.01 && abs(x) < 1000 { return String(format: "%.3g", x) }
        return String(format: "%.1e", x)
    }
}

/// `text` without trailing spaces (label lines are built wider than needed).
func withoutTrailingSpaces(_ text: String) -> String {
    var s = text
    while s.last == " " { s.removeLast() }
    return s
}
