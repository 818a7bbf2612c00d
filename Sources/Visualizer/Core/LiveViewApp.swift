/// What the pure state of a full-screen view offers the app that wraps it: a key table, the frame
/// clock's entry points and a render. A new view is a state, a render and a key table.
public protocol LiveViewState {
    associatedtype ViewAction: Sendable
    /// The view's one key table (it also draws the help overlay and the hint line).
    static var keyMap: KeyMap<ViewAction> { get }
    var capabilities: DisplayCapabilities { get set }
    var running: Bool { get set }
    /// The message line (title bar); untrusted pieces in it are sanitized when drawn.
    var message: String? { get set }
    /// True while the view animates; false means the run loop may wait for input.
    var isAnimating: Bool { get }
    var quit: Bool { get }
    mutating func resize(width: Int, height: Int)
    mutating func tick(elapsed: Double)
    func render(into grid: inout CellGrid)
    /// Clears a failure shown whole in a panel (`Widgets.messagePanel`): the next key dismisses it.
    mutating func dismissAlert()
}

extension LiveViewState {
    public mutating func dismissAlert() {}
}

/// A `TerminalApp` that is a thin wrapper over a `LiveViewState`: keys go through the state's key map to
/// `perform` (where each view adds its side effects, such as file writes), resizes to the state, mouse
/// events to `handleMouse` (ignored unless the view handles them).
public protocol LiveViewApp: TerminalApp {
    associatedtype State: LiveViewState
    var state: State { get set }
    mutating func perform(_ action: State.ViewAction)
    mutating func handleMouse(_ event: MouseEvent)
}

extension LiveViewApp {
    public var theme: Theme { state.capabilities.theme }
    public var wantsFrames: Bool { state.isAnimating }
    public var isFinished: Bool { state.quit }

    public mutating func start(width: Int, height: Int, capabilities: DisplayCapabilities) {
        state.capabilities = capabilities
        if let notice = capabilities.notice { state.message = notice }
        state.resize(width: width, height: height)
    }

    public mutating func handle(_ event: InputEvent) {
        switch event {
        case .key(let key):
            state.dismissAlert()
            if let action = State.keyMap.action(for: key) { perform(action) }
        case .resize(let w, let h):
            state.resize(width: w, height: h)
        case .mouse(let m):
            handleMouse(m)
        }
    }

    public mutating func handleMouse(_ event: MouseEvent) {}

    public mutating func tick(elapsed: Double) { state.tick(elapsed: elapsed) }

    public func render(into grid: inout CellGrid) { state.render(into: &grid) }

    /// As a press of space (the run key of every view) would, so `snapshot --frames N` shows what
    /// `--keys space --frames N` shows.
    public mutating func startRunning() {
        guard !state.running else { return }
        if let run = State.keyMap.action(for: .char(" ")) { perform(run) }
        if !state.running { state.running = true }
    }
}
