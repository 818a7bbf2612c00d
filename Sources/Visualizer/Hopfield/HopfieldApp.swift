import EnergyModels
import Foundation

/// The Hopfield live view as a `TerminalApp`: the pure state machine plus the host-side effects
/// (writing a state file) and mouse handling through the layout's regions.
public struct HopfieldApp: LiveViewApp {
    public var state: HopfieldState
    /// Whether `w` and `p` write files or (replaying) only say what they would write.
    public let writes: FileWrites
    /// Performs a file write; injectable for tests. Returns the name written.
    public var writeFile: @Sendable (_ contents: String) throws -> String
    /// Writes an SVG picture of the screen; injectable for tests. Returns the name written.
    public var writePicture: @Sendable (_ svg: String) throws -> String
    /// The button held while dragging across the grid (paints up for left, down for right).
    var painting: Bool?
    /// Input that arrived while couplings were being learned in the background, applied in order once they
    /// are in place: the outcome is that of instant learning, whatever the timing (so replays agree).
    var held: [SessionRecording.Entry] = []

    /// `writeFile` nil: `hopfield-state-N.txt` in the current directory (see `numberedStateFileWriter`).
    public init(state: HopfieldState, writes: FileWrites = .perform, writeFile: (@Sendable (String) throws -> String)? = nil) {
        self.state = state
        self.writes = writes
        self.writeFile = writeFile ?? HopfieldApp.numberedStateFileWriter(writes)
        self.writePicture = HopfieldApp.numberedPictureWriter(writes)
    }

    public mutating func handle(_ event: InputEvent) {
        if state.learning != nil {
            switch event {
            case .key(let key) where HopfieldState.keyMap.action(for: key) == .quit: perform(.quit)  // at once
            case .resize(let w, let h): perform(.resize(width: w, height: h))
            default: held.append(.event(event))
            }
            return
        }
        switch event {
        case .key(let key):
            state.dismissAlert()
            if let action = HopfieldState.keyMap.action(for: key) { perform(action) }
        case .resize(let w, let h):
            perform(.resize(width: w, height: h))
        case .mouse(let m):
            handleMouse(m)
        }
    }

    public mutating func tick(elapsed: Double) {
        guard state.learning != nil else { return state.tick(elapsed: elapsed) }
        held.append(.tick(elapsed))
        if state.collectLearning() { releaseHeld() } else { state.noteWaiting(elapsed) }
    }

    /// Applies held input in order, until it is all done or it starts another background job.
    mutating func releaseHeld() {
        while state.learning == nil, !held.isEmpty {
            switch held.removeFirst() {
            case .tick(let dt): state.tick(elapsed: dt)
            case .event(let e): handle(e)
            }
        }
    }

    public mutating func finishBackgroundWork() {
        while state.learning != nil || !held.isEmpty {
            state.waitForLearning()
            releaseHeld()
        }
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
                state.message = writes.report(name)
            } catch {
                state.message = "could not write the state"
                state.alert = "could not write the state: \(error)"
            }
        case .writePicture:
            var grid = CellGrid(width: state.width, height: state.height)
            state.render(into: &grid)
            do {
                let name = try writePicture(SVGExport.svg(grid, theme: theme, title: "hopfield: \(state.title)"))
                state.message = writes.report(name)
            } catch {
                state.message = "could not write the picture"
                state.alert = "could not write the picture: \(error)"
            }
        }
    }

    /// Writes `hopfield-view-N.svg` in the current directory, N the first number not taken; atomic.
    public static func numberedPictureWriter(_ writes: FileWrites) -> @Sendable (String) throws -> String {
        { svg in
            let k = firstFreeNumber { "hopfield-view-\($0).svg" }
            try writes.write(svg, to: "hopfield-view-\(k).svg")
            return "hopfield-view-\(k).svg"
        }
    }

    /// Writes `hopfield-state-N.txt` in the current directory, N the first number not taken; atomic.
    public static func numberedStateFileWriter(_ writes: FileWrites) -> @Sendable (String) throws -> String {
        { contents in
            let k = firstFreeNumber { "hopfield-state-\($0).txt" }
            try writes.write(contents.replacingOccurrences(of: ">state\n", with: ">state-\(k)\n"), to: "hopfield-state-\(k).txt")
            return "hopfield-state-\(k).txt"
        }
    }

    /// The first k ≥ 1 whose `name(k)` does not exist in the current directory (at most 100,000).
    static func firstFreeNumber(_ name: (Int) -> String) -> Int {
        var k = 1
        while FileManager.default.fileExists(atPath: name(k)) && k < 100_000 { k += 1 }
        return k
    }
}
