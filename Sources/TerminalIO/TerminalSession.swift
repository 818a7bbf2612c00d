import CNcurses
import Foundation
import Visualizer

/// Options the terminal layer honours.
public struct TerminalOptions: Sendable {
    public var forceASCII = false
    /// Unicode glyphs even when the locale is not UTF-8 (the terminal is assumed to speak UTF-8).
    public var forceUnicode = false
    public var noColor = false
    /// The theme asked for (nil: from the environment, `Theme.fromEnvironment`).
    public var theme: Theme?
    /// Frame cap while animating.
    public var framesPerSecond = 20
    /// Stop after this many frame periods (scripts and tests); the clock then runs even when idle.
    public var maxFrames: Int?
    public var mouse = true

    public init(forceASCII: Bool = false, forceUnicode: Bool = false, noColor: Bool = false, theme: Theme? = nil,
                framesPerSecond: Int = 20, maxFrames: Int? = nil, mouse: Bool = true) {
        self.forceASCII = forceASCII
        self.forceUnicode = forceUnicode
        self.noColor = noColor
        self.theme = theme
        self.framesPerSecond = framesPerSecond
        self.maxFrames = maxFrames
        self.mouse = mouse
    }
}

/// Why the screen could not be opened.
public enum TerminalError: Error, CustomStringConvertible, Sendable {
    case notATerminal(String)
    case cannotInitialize(String)

    public var description: String {
        switch self {
        case .notATerminal(let what): return "\(what) is not a terminal: the live view needs an interactive terminal (try `hopfield run` for a headless run)"
        case .cannotInitialize(let why): return "cannot start the terminal screen: \(why)"
        }
    }
}

/// How a session ended.
public enum ExitReason: Equatable, Sendable {
    case finished
    case frameLimit
    case signal(Int32)
    case lostTerminal

    /// The process exit status: 0, 128 + signal, or 129 (as for SIGHUP) when the terminal went away.
    public var exitCode: Int32 {
        switch self {
        case .finished, .frameLimit: return 0
        case .signal(let s): return 128 + s
        case .lostTerminal: return 129
        }
    }
}

/// One open ncurses screen: the only place that draws or reads the terminal. Created and torn down by
/// `Terminal.withTerminal`, which guarantees `endwin` on every exit path.
public final class TerminalSession {
    public let capabilities: DisplayCapabilities
    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    private var previous: CellGrid?
    private var pairs: [PairKey: Int16] = [:]
    private let defaultColors: Bool
    private let hasColor: Bool
    /// Bytes are written only by `draw`, and only when a cell changed.
    public private(set) var framesDrawn = 0

    struct PairKey: Hashable {
        var fg: TermColor?
        var bg: TermColor?
    }

    init(screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>, capabilities: DisplayCapabilities, defaultColors: Bool) {
        self.screen = screen
        self.window = window
        self.capabilities = capabilities
        self.defaultColors = defaultColors
        self.hasColor = capabilities.theme.isColor
    }

    /// The window size in cells, at most the largest screen drawn (`CellGrid.maxWidth` x `maxHeight`).
    public var size: (width: Int, height: Int) {
        (min(Int(getmaxx(window)), CellGrid.maxWidth), min(Int(getmaxy(window)), CellGrid.maxHeight))
    }

    /// Mouse motion reports while a button is held (drag painting), instead of ncurses' all-motion mode.
    public func setDragReports(_ on: Bool) {
        hop_enable_drag_reports(on ? 1 : 0)
        doupdate()
    }

    /// Forgets what is on screen, so the next draw rewrites every cell (after a resize).
    public func invalidate() { previous = nil }

    /// Copies the cells that differ from the last frame to ncurses, then one `doupdate`; when nothing
    /// changed, nothing is called and nothing is written.
    public func draw(_ grid: CellGrid, theme: Theme) {
        let (full, changed) = grid.changes(from: previous)
        previous = grid
        if full { werase(window) }
        guard full || !changed.isEmpty else { return }
        for (x, y) in changed { put(grid[x, y], x: x, y: y, theme: theme) }
        wnoutrefresh(window)
        doupdate()
        framesDrawn += 1
    }

    private func put(_ cell: Cell, x: Int, y: Int, theme: Theme) {
        let a = theme.appearance(of: cell)
        var attrs = hop_a_normal()
        if a.bold { attrs |= hop_a_bold() }
        if a.reverse { attrs |= hop_a_reverse() }
        if a.underline { attrs |= hop_a_underline() }
        if a.dim { attrs |= hop_a_dim() }
        var pair: Int16 = 0
        if hasColor && (a.foreground != nil || a.background != nil) { pair = colorPair(fg: a.foreground, bg: a.background) }
        var scalar = TextWidth.displayable(cell.scalar)
        // Without a UTF-8 locale only ASCII is sure to display (untrusted names may hold anything).
        if !capabilities.glyphs.isUnicode && scalar.value > 0x7E { scalar = "?" }
        _ = hop_put_wide(window, Int32(y), Int32(x), wchar_t(scalar.value), attrs, pair)
    }

    private func colorPair(fg: TermColor?, bg: TermColor?) -> Int16 {
        let key = PairKey(fg: fg, bg: bg)
        if let p = pairs[key] { return p }
        let n = Int16(pairs.count + 1)
        guard Int32(n) < hop_color_pairs() else { return 0 }
        let dfg: Int16 = defaultColors ? -1 : Int16(COLOR_WHITE)
        let dbg: Int16 = defaultColors ? -1 : Int16(COLOR_BLACK)
        init_pair(n, fg.map { Int16($0.index) } ?? dfg, bg.map { Int16($0.index) } ?? dbg)
        pairs[key] = n
        return n
    }

    /// What a read returned.
    public enum ReadResult: Equatable {
        case event(InputEvent)
        /// Nothing within the timeout (or an interrupted wait).
        case timeout
        /// The read failed in a way that means the terminal is gone (EIO, end of file).
        case lost
        /// Input arrived but means nothing: an escape sequence not understood, swallowed whole.
        case ignored
    }

    /// Events decoded but not yet returned (the release half of a merged click).
    private var pendingEvents: [InputEvent] = []

    /// Waits up to `timeoutMs` (negative: indefinitely) for one input event.
    public func read(timeoutMs: Int32) -> ReadResult {
        if !pendingEvents.isEmpty { return .event(pendingEvents.removeFirst()) }
        wtimeout(window, timeoutMs)
        hop_clear_errno()
        var wch: wint_t = 0
        let r = wget_wch(window, &wch)
        if r == hop_err() {
            let e = hop_errno()
            if e == hop_eio() { return .lost }
            return .timeout
        }
        if r == hop_key_code_yes() {
            let code = Int32(wch)
            switch code {
            case hop_key_resize():
                previous = nil
                return .event(.resize(width: size.width, height: size.height))
            case hop_key_mouse():
                var events = mouseEvents().map { InputEvent.mouse($0) }
                guard !events.isEmpty else { return .timeout }
                let first = events.removeFirst()
                pendingEvents += events
                return .event(first)
            case hop_key_up(): return .event(.key(.up))
            case hop_key_down(): return .event(.key(.down))
            case hop_key_left(): return .event(.key(.left))
            case hop_key_right(): return .event(.key(.right))
            case hop_key_enter(): return .event(.key(.enter))
            case hop_key_backspace(): return .event(.key(.backspace))
            case hop_key_npage(): return .event(.key(.pageDown))
            case hop_key_ppage(): return .event(.key(.pageUp))
            case (hop_key_f0() + 1)...(hop_key_f0() + 24): return .event(.key(.function(Int(code - hop_key_f0()))))
            default: return .event(.key(.other(Int(code))))
            }
        }
        switch wch {
        case 27: return swallowSequence(EscapeSequence(), afterEscape: true)
        case 10, 13: return .event(.key(.enter))
        case 8, 127: return .event(.key(.backspace))
        case 9: return .event(.key(.tab))
        default:
            guard let s = Unicode.Scalar(UInt32(wch)) else { return .event(.key(.other(Int(wch)))) }
            if let c1 = EscapeSequence(c1: s) { return swallowSequence(c1, afterEscape: false) }
            return .event(.key(.char(Character(s))))
        }
    }

    /// Reads the rest of an escape sequence ncurses did not decode and drops it (see `EscapeSequence`); an X10
    /// mouse report whose bytes came too late for ncurses is decoded instead. After ESC, nothing within 25 ms
    /// means the Escape key itself. The sequence ends at its final character, after 100 ms without input, or
    /// after 64 Ki characters; a resize on the way is still reported, a lost terminal too.
    private func swallowSequence(_ start: EscapeSequence, afterEscape: Bool) -> ReadResult {
        var sequence = start
        var first = afterEscape
        while sequence.length < 1 << 16 {
            wtimeout(window, first ? 25 : 100)
            var wch: wint_t = 0
            hop_clear_errno()
            let r = wget_wch(window, &wch)
            if r == hop_err() {
                if hop_errno() == hop_eio() { return .lost }
                return first ? .event(.key(.escape)) : .ignored
            }
            first = false
            if r == hop_key_code_yes() {
                if Int32(wch) == hop_key_resize() {
                    previous = nil
                    return .event(.resize(width: size.width, height: size.height))
                }
                continue
            }
            guard let s = Unicode.Scalar(UInt32(wch)) else { continue }
            if sequence.feed(s) { return sequence.mouse.map { .event(.mouse($0)) } ?? .ignored }
        }
        return .ignored
    }

    /// The events of one ncurses mouse report. A press and a release that reach ncurses together (a fast
    /// click, a click over SSH or from xdotool) arrive merged as BUTTONn_CLICKED (two or three clicks as one
    /// double or triple click, at the last one's cell): that is a press and a release at that cell, so a
    /// click paints or cues exactly as the two separate reports would.
    private func mouseEvents() -> [MouseEvent] {
        var ev = MEVENT()
        guard getmouse(&ev) == hop_ok() else { return [] }
        let b = ev.bstate
        let x = Int(ev.x), y = Int(ev.y)
        if b & hop_button1_any_click() != 0 { return [MouseEvent(.press(.left), x: x, y: y), MouseEvent(.release, x: x, y: y)] }
        if b & hop_button3_any_click() != 0 { return [MouseEvent(.press(.right), x: x, y: y), MouseEvent(.release, x: x, y: y)] }
        return mouseEvent(b, x: x, y: y).map { [$0] } ?? []
    }

    private func mouseEvent(_ b: mmask_t, x: Int, y: Int) -> MouseEvent? {
        if b & hop_button1_pressed() != 0 { return MouseEvent(.press(.left), x: x, y: y) }
        if b & hop_button3_pressed() != 0 { return MouseEvent(.press(.right), x: x, y: y) }
        if b & hop_button2_pressed() != 0 { return MouseEvent(.press(.middle), x: x, y: y) }
        if b & (hop_button1_released() | hop_button3_released()) != 0 { return MouseEvent(.release, x: x, y: y) }
        if b & hop_button4_pressed() != 0 { return MouseEvent(.scrollUp, x: x, y: y) }
        if hop_button5_pressed() != 0 && b & hop_button5_pressed() != 0 { return MouseEvent(.scrollDown, x: x, y: y) }
        if b & hop_report_mouse_position() != 0 { return MouseEvent(.move, x: x, y: y) }
        return nil
    }
}
