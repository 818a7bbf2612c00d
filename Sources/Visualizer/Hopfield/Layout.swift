/// How big a neuron is drawn.
public enum NeuronScale: Equatable, Sendable {
    /// Unicode half blocks: one column, half a row per neuron (two neurons per cell vertically).
    case half
    /// One character per neuron (the ASCII fallback when nothing larger fits).
    case single
    /// A block of 2k columns by k rows per neuron (looks square: a cell is about twice as tall as wide).
    case block(Int)

    public func size(rows: Int, cols: Int) -> (width: Int, height: Int) {
        switch self {
        case .half: return (cols, (rows + 1) / 2)
        case .single: return (cols, rows)
        case .block(let k): return (2 * k * cols, k * rows)
        }
    }

    /// The largest scale whose grid fits in `w` x `h` (nil when none fits).
    public static func best(rows: Int, cols: Int, width w: Int, height h: Int, unicode: Bool) -> NeuronScale? {
        var k = min(w / max(1, 2 * cols), h / max(1, rows))
        k = min(k, 12)
        if k >= 1 { return .block(k) }
        let small: NeuronScale = unicode ? .half : .single
        let s = small.size(rows: rows, cols: cols)
        return s.width <= w && s.height <= h ? small : nil
    }
}

/// A clickable part of the screen, registered by the layout and turned into actions by the app.
public enum HitTarget: Equatable, Sendable {
    case neuronGrid
    case overlapRow(Int)
}

/// Where everything goes for a window size. A pure function of the size and the view's options, so mouse
/// hits are resolved against exactly what was drawn.
public struct HopfieldLayout: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var tooSmall: Bool
    public var minWidth: Int
    public var minHeight: Int
    public var titleBar = Rect.zero
    public var gridPanel = Rect.zero
    /// Where the neurons are drawn (inside the panel, centred).
    public var gridArea = Rect.zero
    public var scale = NeuronScale.single
    public var energyPanel = Rect.zero
    public var explainPanel: Rect?
    public var overlapPanel = Rect.zero
    public var statusLines = Rect.zero
    public var hintLine = Rect.zero
    /// The memory shown on each row of the overlap panel (all of them when they fit; otherwise the first
    /// ones, with the best match kept on the last row).
    public var overlapRows: [Int] = []
    public var regions: [(Rect, HitTarget)] = []

    public static func == (a: HopfieldLayout, b: HopfieldLayout) -> Bool {
        a.width == b.width && a.height == b.height && a.tooSmall == b.tooSmall && a.gridArea == b.gridArea
            && a.scale == b.scale && a.energyPanel == b.energyPanel && a.explainPanel == b.explainPanel
            && a.overlapPanel == b.overlapPanel && a.regions.map(\.0) == b.regions.map(\.0)
            && a.regions.map(\.1) == b.regions.map(\.1)
    }

    static let minRightWidth = 32
    static let minEnergyHeight = 5
    static let explainHeight = 9

    public init(width: Int, height: Int, rows: Int, cols: Int, memories: Int, showExplain: Bool, unicode: Bool, bestMemory: Int? = nil) {
        self.width = width
        self.height = height
        let overlapHeight = min(max(1, memories), 12) + 2
        let smallest = (unicode ? NeuronScale.half : NeuronScale.single).size(rows: rows, cols: cols)
        minWidth = max(60, smallest.width + 2 + HopfieldLayout.minRightWidth)
        // The overlap panel shrinks to what fits (at least one memory; the rest are counted as "+k more").
        minHeight = max(16, 4 + max(smallest.height + 2, HopfieldLayout.minEnergyHeight + 3))
        tooSmall = width < minWidth || height < minHeight
        if tooSmall { return }

        titleBar = Rect(x: 0, y: 0, width: width, height: 1)
        statusLines = Rect(x: 0, y: height - 3, width: width, height: 2)
        hintLine = Rect(x: 0, y: height - 1, width: width, height: 1)
        let mainTop = 1
        let mainHeight = height - 4

        // The right column gets about 2/5 of the width; the grid panel the rest.
        let right = min(72, max(HopfieldLayout.minRightWidth, width * 2 / 5))
        let left = width - right
        gridPanel = Rect(x: 0, y: mainTop, width: left, height: mainHeight)
        let inner = gridPanel.inset(1)
        scale = NeuronScale.best(rows: rows, cols: cols, width: inner.width, height: inner.height, unicode: unicode) ?? (unicode ? .half : .single)
        let size = scale.size(rows: rows, cols: cols)
        gridArea = Rect(x: inner.x + (inner.width - size.width) / 2, y: inner.y + (inner.height - size.height) / 2,
                        width: size.width, height: size.height)

        let ov = min(overlapHeight, mainHeight - HopfieldLayout.minEnergyHeight)
        overlapPanel = Rect(x: left, y: mainTop + mainHeight - ov, width: right, height: ov)
        var energyHeight = mainHeight - ov
        if showExplain {
            let eh = min(HopfieldLayout.explainHeight, energyHeight)
            if energyHeight - eh >= HopfieldLayout.minEnergyHeight {
                energyHeight -= eh
                explainPanel = Rect(x: left, y: mainTop + energyHeight, width: right, height: eh)
            } else {
                // Not enough room for both: the explanation takes the trace's place.
                explainPanel = Rect(x: left, y: mainTop, width: right, height: energyHeight)
                energyHeight = 0
            }
        }
        energyPanel = Rect(x: left, y: mainTop, width: right, height: energyHeight)

        regions.append((gridArea, .neuronGrid))
        let rowsShown = max(0, min(memories, ov - 2))
        overlapRows = Array(0..<rowsShown)
        if let best = bestMemory, best >= rowsShown, best < memories, rowsShown > 0 { overlapRows[rowsShown - 1] = best }
        for (k, memory) in overlapRows.enumerated() {
            regions.append((Rect(x: overlapPanel.x + 1, y: overlapPanel.y + 1 + k, width: overlapPanel.width - 2, height: 1), .overlapRow(memory)))
        }
    }

    /// The neuron (row, col) drawn at a screen cell, if any. With half blocks a cell holds two neurons;
    /// the upper one is returned.
    public func neuron(atX x: Int, y: Int, rows: Int, cols: Int) -> (row: Int, col: Int)? {
        guard !tooSmall, gridArea.contains(x: x, y: y) else { return nil }
        let dx = x - gridArea.x, dy = y - gridArea.y
        let r: Int, c: Int
        switch scale {
        case .half: (r, c) = (2 * dy, dx)
        case .single: (r, c) = (dy, dx)
        case .block(let k): (r, c) = (dy / k, dx / (2 * k))
        }
        guard r >= 0, r < rows, c >= 0, c < cols else { return nil }
        return (r, c)
    }

    /// The first region containing the cell.
    public func target(atX x: Int, y: Int) -> HitTarget? {
        regions.first(where: { $0.0.contains(x: x, y: y) })?.1
    }
}

extension HopfieldState {
    public var layout: HopfieldLayout {
        HopfieldLayout(width: width, height: height, rows: rows, cols: cols, memories: patterns.count,
                       showExplain: showExplain, unicode: capabilities.glyphs.isUnicode, bestMemory: bestIndex)
    }
}
