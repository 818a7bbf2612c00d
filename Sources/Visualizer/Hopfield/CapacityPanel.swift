import EnergyModels
import Foundation

/// A small capacity sweep on random patterns at the live network's size, shown in place of the energy trace
/// (key `C`): how recall collapses with the load α = p/N, next to where the current network stands.
public struct CapacityPanel: Sendable, Equatable {
    /// The network size the sweep used (the live size, at most `maxNeurons`).
    public var neurons: Int
    public var kind: NetworkKind
    public var trials: Int
    public var points: [CapacityPoint]
    /// The live network's load p/N when the sweep ran.
    public var currentLoad: Double

    /// Larger networks are measured at this size so the key answers within a second.
    public static let maxNeurons = 1000

    public static func measure(neurons n: Int, memories p: Int, kind: NetworkKind, seed: UInt64) -> CapacityPanel {
        let size = max(2, min(n, maxNeurons))
        let trials = size <= 200 ? 5 : 3
        let points = CapacityExperiment.quickSweep(neurons: size, kind: kind, trials: trials, seed: seed)
        return CapacityPanel(neurons: size, kind: kind, trials: trials, points: points, currentLoad: Double(p) / Double(max(1, n)))
    }

    /// The point measured nearest to the live load.
    public var nearestPoint: CapacityPoint? {
        var best: CapacityPoint? = nil
        var distance = Double.infinity
        for p in points where abs(p.alpha - currentLoad) < distance {
            best = p
            distance = abs(p.alpha - currentLoad)
        }
        return best
    }
}

extension HopfieldState {
    /// Draws the capacity panel: recall overlap (•/*) and fraction of exact fixed points (+) against α from 0
    /// to 0.30, α_c ≈ 0.138 marked with a dotted line, the live network's load marked `^`, and the one-step
    /// error rate at the measured load nearest to it against ½ erfc(1/√(2α)).
    func renderCapacity(_ panel: CapacityPanel, in rect: Rect, into grid: inout CellGrid) {
        let g = capabilities.glyphs
        Widgets.box(rect, title: "Capacity: random, N=\(panel.neurons) \(panel.kind.name)", glyphs: g, into: &grid)
        let inner = rect.inset(1)
        guard inner.width >= 12, inner.height >= 5 else { return }
        let plotHeight: Int = inner.height - 3
        let axisX: Int = inner.x + 4
        let plotWidth: Int = inner.maxX - axisX
        guard plotWidth >= 6, plotHeight >= 2 else { return }
        let maxAlpha = 0.30
        func column(_ alpha: Double) -> Int {
            let fraction: Double = min(1, max(0, alpha / maxAlpha))
            return axisX + Int((fraction * Double(plotWidth - 1)).rounded())
        }
        func row(_ value: Double) -> Int {
            let fraction: Double = min(1, max(0, value))
            return inner.y + (plotHeight - 1) - Int((fraction * Double(plotHeight - 1)).rounded())
        }
        grid.put("1.0", x: inner.x, y: inner.y, style: .axis)
        grid.put("0.0", x: inner.x, y: inner.y + plotHeight - 1, style: .axis)
        for y in inner.y..<(inner.y + plotHeight) { grid.set(axisX - 1, y, g.vertical, style: .axis) }
        let theory = panel.kind.theory
        let criticalX = theory.criticalLoad.map(column)
        let dotted: Unicode.Scalar = g.isUnicode ? "┊" : ":"
        if let criticalX { for y in inner.y..<(inner.y + plotHeight) { grid.set(criticalX, y, dotted, style: .dim) } }
        let recallMark: Unicode.Scalar = g.isUnicode ? "•" : "*"
        for p in panel.points where p.alpha <= maxAlpha + 1e-9 {
            let x = column(p.alpha)
            grid.set(x, row(p.perfectRecall), "+", style: .label)
            if p.recallOverlap.isFinite { grid.set(x, row(p.recallOverlap), recallMark, style: .trace, bold: true) }
        }
        let axisY: Int = inner.y + plotHeight
        grid.put("0", x: axisX, y: axisY, style: .axis)
        if let criticalX, let load = theory.criticalLoad {
            grid.put(String(Format.fixed(load, 3).drop { $0 == "0" }), x: min(inner.maxX - 4, criticalX - 1), y: axisY, style: .axis)
        }
        grid.put(".3", x: inner.maxX - 2, y: axisY, style: .axis)
        if panel.currentLoad <= maxAlpha + 1e-9 {
            grid.set(column(panel.currentLoad), axisY, "^", style: .key)
        }
        let legend = "\(recallMark) recall m   + exact fixed points"
        grid.put(legend, x: inner.x, y: axisY + 1, style: .dim, maxWidth: inner.width)
        var here = "^ here p/N=" + Format.fixed(panel.currentLoad, 3)
        if let nearest = panel.nearestPoint, panel.currentLoad > 0 {
            let expected = theory.oneStepError(nearest.alpha, panel.neurons)
            here += " err " + Format.fixed(nearest.bitErrorRate, 4) + " th " + Format.fixed(expected, 4)
        }
        grid.put(here, x: inner.x, y: axisY + 2, style: .dim, maxWidth: inner.width)
    }
}
