/// The Boltzmann-machine encoder view as a `TerminalApp`: keys become `BMAction`s through `BMKeymap`.
public struct BMLiveApp: TerminalApp {
    public var state: BMLiveState

    public init(state: BMLiveState) { self.state = state }

    public var colorMode: ColorMode { state.capabilities.colorMode }
    public var wantsFrames: Bool { state.isAnimating }
    public var isFinished: Bool { state.quit }

    public mutating func start(width: Int, height: Int, capabilities: DisplayCapabilities) {
        state.capabilities = capabilities
        state.update(.resize(width: width, height: height))
    }

    public mutating func handle(_ event: InputEvent) {
        switch event {
        case .key(let key):
            if let action = BMKeymap.action(for: key) { state.update(action) }
        case .resize(let w, let h):
            state.update(.resize(width: w, height: h))
        case .mouse:
            break
        }
    }

    public mutating func tick(elapsed: Double) { state.tick(elapsed: elapsed) }

    public func render(into grid: inout CellGrid) { state.render(into: &grid) }
}
