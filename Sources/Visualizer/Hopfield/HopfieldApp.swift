import EnergyModels
import Foundation

/// The Hopfield live view as a `TerminalApp`: the pure state machine plus the host-side effects
/// (writing a state file) and mouse handling through the layout's regions.
public struct HopfieldApp: LiveViewApp {
    public var state: HopfieldState
    /// Performs a file write; injectable for tests. Returns the name written.
    public var writeFile: @Sendable (_ contents: String) throws -> String
    /// Writes an SVG picture of the screen; injectable for tests. Returns the name written.
    public var writePicture: @Sendable (_ svg: String) throws -> String = HopfieldApp.writeNumberedPicture
    /// The button held while dragging across the grid (paints up for left, down for right).
    var painting: Bool?

    public init(state: HopfieldState, writeFile: @escaping @Sendable (String) throws -> String = HopfieldApp.writeNumberedStateFile) {
        self.state = state
        self.writeFile = writeFile
    }

    /// Mouse hits through the layout's regions: left paints up (and cues the memory of an overlap row),
    /// right paints down; a drag keeps painting with the button it started with.
    public mutating func handleMouse(_ m: MouseEvent) {
        let lay = state.layout
        switch m.kind {
        case .press(let button):
            switch lay.target(atX: m.x, y: m.y) {
            case .neuronGrid:
                guard button != .middle, let (r, c) = lay.neuron(atX: m.x, y: m.y, rows: state.rows, cols: state.cols) else { return }
                painting = button == .left
                perform(.paint(row: r, col: c, up: button == .left))
            case .overlapRow(let k):
                if button == .left { perform(.cue(k)) }
            case nil:
                break
            }
        case .move:
            guard let up = painting, let (r, c) = lay.neuron(atX: m.x, y: m.y, rows: state.rows, cols: state.cols) else { return }
            perform(.paint(row: r, col: c, up: up))
        case .release:
            if let up = painting, let (r, c) = lay.neuron(atX: m.x, y: m.y, rows: state.rows, cols: state.cols) {
                perform(.paint(row: r, col: c, up: up))
            }
            painting = nil
        case .scrollUp, .scrollDown:
            break
        }
    }

    public mutating func perform(_ action: Action) {
        guard let effect = state.update(action) else { return }
        switch effect {
        case .writeStateFile(let contents):
            do {
                let name = try writeFile(contents)
                state.message = "wrote \(name)"
            } catch {
                state.message = "could not write the state: \(error)"
            }
        case .writePicture:
            var grid = CellGrid(width: state.width, height: state.height)
            state.render(into: &grid)
            do {
                let name = try writePicture(SVGExport.svg(grid, theme: theme, title: "hopfield: \(state.title)"))
                state.message = "wrote \(name)"
            } catch {
                state.message = "could not write the picture: \(error)"
            }
        }
    }

    /// Writes `hopfield-view-N.svg` in the current directory, N the first number not taken; atomic.
    @Sendable public static func writeNumberedPicture(_ svg: String) throws -> String {
        var k = 1
        while FileManager.default.fileExists(atPath: "hopfield-view-\(k).svg") && k < 100_000 { k += 1 }
        let name = "hopfield-view-\(k).svg"
        try AtomicFile.write(svg, to: name)
        return name
    }

    /// Writes `hopfield-state-N.txt` in the current directory, N the first number not taken; atomic.
    @Sendable public static func writeNumberedStateFile(_ contents: String) throws -> String {
        var k = 1
        while FileManager.default.fileExists(atPath: "hopfield-state-\(k).txt") && k < 100_000 { k += 1 }
        let name = "hopfield-state-\(k).txt"
        try AtomicFile.write(contents.replacingOccurrences(of: ">state\n", with: ">state-\(k)\n"), to: name)
        return name
    }
}
