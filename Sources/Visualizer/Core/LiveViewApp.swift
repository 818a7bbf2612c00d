/// What the pure state of a full-screen view offers the app that wraps it.
public protocol LiveViewState {
    var capabilities: DisplayCapabilities { get set }
    /// True while the view animates; false means the run loop may wait for input.
    var isAnimating: Bool { get }
    var quit: Bool { get }
    mutating func resize(width: Int, height: Int)
    mutating func tick(elapsed: Double)
    func render(into grid: inout CellGrid)
}

/// A `TerminalApp` that is a thin wrapper over a `LiveViewState`: everything but input handling (keys map to
/// each view's own actions, and effects such as file writes differ) is the same forwarding.
public protocol LiveViewApp: TerminalApp {
    associatedtype State: LiveViewState
    var state: State { get set }
}

extension LiveViewApp {
    public var colorMode: ColorMode { state.capabilities.colorMode }
    public var wantsFrames: Bool { state.isAnimating }
    public var isFinished: Bool { state.quit }

    public mutating func start(width: Int, height: Int, capabilities: DisplayCapabilities) {
        state.capabilities = capabilities
        state.resize(width: width, height: height)
    }

    public mutating func tick(elapsed: Double) { state.tick(elapsed: elapsed) }

    public func render(into grid: inout CellGrid) { state.render(into: &grid) }
}

extension HopfieldState: LiveViewState {
    public mutating func resize(width: Int, height: Int) { update(.resize(width: width, height: height)) }
}

extension RBMLiveState: LiveViewState {
    public mutating func resize(width: Int, height: Int) { update(.resize(width: width, height: height)) }
}

extension BMLiveState: LiveViewState {
    public mutating func resize(width: Int, height: Int) { update(.resize(width: width, height: height)) }
}
