/// The Boltzmann-machine encoder view as a `TerminalApp`: keys become `BMAction`s through `BMKeymap`.
public struct BMLiveApp: LiveViewApp {
    public var state: BMLiveState

    public init(state: BMLiveState) { self.state = state }

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
}
