/// The Boltzmann-machine encoder view as a `TerminalApp`: keys become `BMAction`s through its key map.
public struct BMLiveApp: LiveViewApp {
    public var state: BMLiveState

    public init(state: BMLiveState) { self.state = state }

    public mutating func perform(_ action: BMAction) { state.update(action) }
}
