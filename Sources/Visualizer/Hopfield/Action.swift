/// Everything the Hopfield view can be asked to do. Keys (through `Keymap`) and mouse hits (through the
/// layout's regions) both become actions, so every behaviour is reachable and testable the same way.
public enum Action: Equatable, Sendable {
    case toggleRun
    case sweep
    case step
    /// Load stored pattern k (0-based) as the state.
    case cue(Int)
    case corrupt
    case randomize
    case invert
    case hotter
    case colder
    case zeroTemperature
    case toggleAnnealing
    case cycleSchedule
    case cycleRule
    /// quadratic → poly:3 → exp → softmax → quadratic, re-learning and keeping the state.
    case cycleInteraction
    case slower
    case faster
    case storeState
    case forgetLast
    case writeState
    case toggleExplain
    /// Run a small capacity sweep at this network's size and show it (again: hide it).
    case toggleCapacity
    /// Write the current screen as an SVG picture (the host performs it).
    case writePicture
    case toggleHelp
    case closeOverlay
    case quit
    case moveCursor(dRow: Int, dCol: Int)
    case flipAtCursor
    /// Set neuron (row, col) up or down (mouse painting).
    case paint(row: Int, col: Int, up: Bool)
    case resize(width: Int, height: Int)
}
