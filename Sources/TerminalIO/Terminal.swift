import CNcurses
import EnergyModels
import Foundation
import Visualizer

/// Terminal set-up and teardown, in one place (as htop's CRT.c): locale and glyph set, colours, mouse,
/// signals, held-back stderr, and `endwin` on every way out.
public enum Terminal {
    /// Opens the screen, runs `body`, and restores the terminal whatever happens. Refuses to start when
    /// stdin or stdout is not a terminal.
    public static func withTerminal<R>(_ options: TerminalOptions, _ body: (TerminalSession) throws -> R) throws -> R {
        guard isatty(STDIN_FILENO) == 1 else { throw TerminalError.notATerminal("standard input") }
        guard isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal("standard output") }
        setlocale(LC_ALL, "")
        let (unicode, glyphNotice) = chooseGlyphs(options)
        let environment = ProcessInfo.processInfo.environment
        let themeNotice = options.theme == nil && !options.noColor ? Theme.environmentProblem(environment) : nil
        let notices = [glyphNotice, themeNotice].compactMap { $0 }
        let notice = notices.isEmpty ? nil : notices.joined(separator: "; ")
        var theme = options.noColor ? Theme.mono : (options.theme ?? Theme.fromEnvironment(environment))

        let held = HeldStderr()
        guard let screen = hop_newterm(), let window = hop_stdscr() else {
            held.release()
            throw TerminalError.cannotInitialize("unknown terminal type TERM=\(termName)")
        }
        guard hop_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            held.release()
            throw TerminalError.cannotInitialize("the terminal type TERM=\(termName) cannot position the cursor")
        }
        var defaultColors = false
        if theme.isColor && has_colors() {
            start_color()
            defaultColors = use_default_colors() == hop_ok()
        } else {
            theme = .mono
        }
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        hop_disable_flow_control()
        curs_set(0)
        set_escdelay(25)
        if options.mouse {
            mousemask(hop_all_mouse_events(), nil)
            mouseinterval(0)
        }
        Signals.install()
        let session = TerminalSession(screen: screen, window: window,
                                      capabilities: DisplayCapabilities(glyphs: unicode ? .unicode : .ascii, theme: theme,
                                                                        greyRamp: hop_colors() >= 256, notice: notice),
                                      defaultColors: defaultColors)
        defer {
            if options.mouse { session.setDragReports(false) }
            endwin()
            delscreen(screen)
            Signals.restore()
            held.release()
        }
        return try body(session)
    }

    /// Unicode glyphs when the locale is UTF-8 (as htop decides), ASCII otherwise or with `--ascii`;
    /// `--unicode` switches the character type to a UTF-8 locale so ncurses encodes the glyphs. The notice
    /// says once, in the message line, why the glyphs are ASCII when the user did not ask for it.
    static func chooseGlyphs(_ options: TerminalOptions) -> (unicode: Bool, notice: String?) {
        if options.forceASCII { return (false, nil) }
        if hop_locale_is_utf8() != 0 { return (true, nil) }
        guard options.forceUnicode else { return (false, "ASCII glyphs: the locale is not UTF-8; --unicode to override") }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if hop_locale_is_utf8() != 0 { return (true, nil) }
        }
        return (false, "ASCII glyphs: --unicode needs a UTF-8 locale and none is installed")
    }

    /// $TERM for messages, control characters made visible.
    static var termName: String {
        guard let t = ProcessInfo.processInfo.environment["TERM"] else { return "(unset)" }
        return Sanitize.terminal(t)
    }

    /// Runs an app until it finishes, a quit signal arrives, the frame limit is reached or the terminal is
    /// lost. While the app animates, input waits are the frame clock; otherwise the loop sleeps in the read
    /// (waking once a second to look at signals) and draws nothing.
    public static func run<A: TerminalApp>(_ app: inout A, options: TerminalOptions) throws -> ExitReason {
        try withTerminal(options) { session in
            try runLoop(&app, session: session, options: options)
        }
    }

    static func runLoop<A: TerminalApp>(_ app: inout A, session: TerminalSession, options: TerminalOptions) throws -> ExitReason {
        var (w, h) = session.size
        app.start(width: w, height: h, capabilities: session.capabilities)
        var grid = CellGrid(width: w, height: h)
        var dirty = true
        let interval = 1.0 / Double(max(1, min(240, options.framesPerSecond)))
        var nextFrame = now() + interval
        var lastTick: Double? = nil
        var frames = 0
        var suspiciousErrors = 0
        // ncurses switches the terminal's mouse mode on lazily, inside the first read; the drag-only mode
        // must follow it, so it is set right after a first non-blocking read.
        var mouseModePending = options.mouse
        while true {
            if let sig = Signals.pending { return .signal(sig) }
            if app.isFinished { return .finished }
            if dirty {
                if grid.width != w || grid.height != h { grid = CellGrid(width: w, height: h) }
                app.render(into: &grid)
                session.draw(grid, theme: app.theme)
                dirty = false
            }
            if mouseModePending {
                mouseModePending = false
                if case .event(let event) = session.read(timeoutMs: 0) {
                    if case .resize(let nw, let nh) = event { (w, h) = (nw, nh) }
                    app.handle(event)
                    dirty = true
                }
                session.setDragReports(true)
                continue
            }
            let animating = app.wantsFrames || options.maxFrames != nil
            let start = now()
            let timeout: Int32
            if animating {
                timeout = Int32(max(0, ((nextFrame - start) * 1000).rounded(.up)))
            } else {
                timeout = 1000
                lastTick = nil
                nextFrame = start + interval
            }
            var result = session.read(timeoutMs: timeout)
            var handled = 0
            while case .event(let event) = result {
                if case .resize(let nw, let nh) = event { (w, h) = (nw, nh) }
                app.handle(event)
                dirty = true
                suspiciousErrors = 0
                handled += 1
                if handled >= 256 || app.isFinished { break }
                result = session.read(timeoutMs: 0) // drain what is already queued before drawing
            }
            if result == .lost { return .lostTerminal }
            if result == .ignored { suspiciousErrors = 0 } // input arrived: the terminal is there
            if handled == 0 && result == .timeout {
                // A hung-up terminal makes reads fail at once (end of file, errno 0) instead of waiting: many
                // immediate failures in a row mean the terminal is gone, never a busy loop.
                let waited = now() - start
                if timeout > 0 && waited < Double(timeout) / 2000 && Signals.pending == nil {
                    suspiciousErrors += 1
                    if suspiciousErrors >= 50 { return .lostTerminal }
                } else {
                    suspiciousErrors = 0
                }
            }
            let t = now()
            if (app.wantsFrames || options.maxFrames != nil) && t >= nextFrame {
                let dt = lastTick.map { t - $0 } ?? interval
                lastTick = t
                if app.wantsFrames {
                    app.tick(elapsed: min(dt, 0.25))
                    dirty = true
                }
                frames += 1
                nextFrame += interval
                if nextFrame < t { nextFrame = t + interval }
                if let m = options.maxFrames, frames >= m {
                    if dirty {
                        app.render(into: &grid)
                        session.draw(grid, theme: app.theme)
                    }
                    return .frameLimit
                }
            }
        }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

/// Stderr redirected to an unlinked temporary file while the screen is up (a stray message would corrupt
/// the display), then replayed to the real stderr.
final class HeldStderr {
    private var saved: Int32 = -1
    private var file: Int32 = -1

    init() {
        fflush(nil)
        var template = Array((NSTemporaryDirectory() + "/hopfield-stderr-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let s = dup(STDERR_FILENO)
        guard s >= 0, dup2(fd, STDERR_FILENO) >= 0 else {
            close(fd)
            if s >= 0 { close(s) }
            return
        }
        saved = s
        file = fd
    }

    func release() {
        guard saved >= 0 else { return }
        fflush(nil)
        dup2(saved, STDERR_FILENO)
        close(saved)
        saved = -1
        lseek(file, 0, SEEK_SET)
        var buffer = [UInt8](repeating: 0, count: 4096)
        var total = 0
        while total < 1 << 20 {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(file, $0.baseAddress, 4096) }
            if n <= 0 { break }
            _ = buffer.withUnsafeBytes { Foundation.write(STDERR_FILENO, $0.baseAddress, n) }
            total += n
        }
        close(file)
        file = -1
    }
}
