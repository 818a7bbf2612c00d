/// What the terminal offers, decided once at start-up by the terminal layer (or by a test).
public struct DisplayCapabilities: Sendable, Equatable {
    public var glyphs: Glyphs
    public var theme: Theme
    /// The terminal shows the 256-colour grey ramp as cell backgrounds (true grey levels for pictures);
    /// otherwise views fall back to shade glyphs.
    public var greyRamp: Bool
    /// Said once in the view's message line at start-up (how the glyph set was chosen, say).
    public var notice: String?

    public init(glyphs: Glyphs, theme: Theme, greyRamp: Bool = false, notice: String? = nil) {
        self.glyphs = glyphs
        self.theme = theme
        self.greyRamp = greyRamp && theme.isColor
        self.notice = notice
    }

    public static let unicodeColor = DisplayCapabilities(glyphs: .unicode, theme: .dark)
}

/// A full-screen app driven by a generic run loop (`TerminalIO.RunLoop`): the loop feeds input events,
/// calls `tick` once per frame while `wantsFrames` is true, and blocks for input otherwise, so an idle app
/// costs no CPU and writes nothing. The app itself never touches the terminal.
public protocol TerminalApp {
    /// Called once before the first frame, and before any event.
    mutating func start(width: Int, height: Int, capabilities: DisplayCapabilities)
    mutating func handle(_ event: InputEvent)
    /// Advances the model by `elapsed` seconds of wall-clock time (one frame).
    mutating func tick(elapsed: Double)
    /// True while the app animates (running and not settled); false means: wait for input.
    var wantsFrames: Bool { get }
    /// True once the app wants to exit.
    var isFinished: Bool { get }
    /// Draws the whole screen (the grid has the terminal's size).
    func render(into grid: inout CellGrid)
    /// The theme the app was started with, for the painter.
    var theme: Theme { get }
    /// Starts the animation if the app is paused (`snapshot --frames` runs a view that opens paused).
    mutating func startRunning()
    /// Waits for work started in the background (see `BackgroundJob`) and applies what was held back
    /// meanwhile: a replay's end and a snapshot show the finished state.
    mutating func finishBackgroundWork()
}

extension TerminalApp {
    public mutating func finishBackgroundWork() {}
}
