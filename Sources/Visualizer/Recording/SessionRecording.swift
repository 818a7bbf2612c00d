import Foundation
import EnergyModels

/// A recorded live session: how it was started and everything that happened to it, in order.
///
/// Replaying feeds the same events and the same frame durations to an app built from the same command
/// line and seed, so every random number and every screen comes out the same: a prepared demo and a bug
/// report at once.
///
/// File format (UTF-8 text, one entry per line):
/// ```
/// hopfield-recording 1
/// argv: tui --seed 3            (the command line, arguments separated by tabs after "argv:")
/// size: 80 24
/// glyphs: unicode               (or ascii)
/// color: dark                   (the theme: dark, light or mono; "color" in older files means dark)
/// ---
/// 0.05 t 0.05                  (seconds since start, then: tick with its frame duration, exact decimals)
/// 0.412345 k space             (a key, by name; see `KeyName`)
/// 1.200000 m press left 12 5    (mouse: press left|right|middle X Y, move X Y, release X Y, scrollUp X Y…)
/// 2.000000 r 100 30             (resize)
/// ```
public struct SessionRecording: Sendable, Equatable {
    public static let magic = "hopfield-recording 1"
    /// Recordings larger than this are refused (about a day of continuous typing).
    public static let maxBytes = 64 << 20

    public enum Entry: Sendable, Equatable {
        case tick(Double)
        case event(InputEvent)
    }

    public var arguments: [String]
    public var width: Int
    public var height: Int
    public var glyphs: GlyphSet
    public var theme: Theme
    /// Seconds since the start, and what happened.
    public var entries: [(time: Double, entry: Entry)]

    public init(arguments: [String], width: Int, height: Int, glyphs: GlyphSet, theme: Theme, entries: [(time: Double, entry: Entry)] = []) {
        self.arguments = arguments
        self.width = width
        self.height = height
        self.glyphs = glyphs
        self.theme = theme
        self.entries = entries
    }

    public static func == (a: SessionRecording, b: SessionRecording) -> Bool {
        a.arguments == b.arguments && a.width == b.width && a.height == b.height && a.glyphs == b.glyphs
            && a.theme == b.theme && a.entries.count == b.entries.count
            && zip(a.entries, b.entries).allSatisfy { $0.time == $1.time && $0.entry == $1.entry }
    }

    /// Duration of the recording in seconds.
    public var duration: Double { entries.last?.time ?? 0 }

    // MARK: - Text

    public func text() -> String {
        entries.reduce(into: headerText()) { $0 += Self.line(time: $1.time, entry: $1.entry) }
    }

    /// The header, up to and including the `---` line.
    public func headerText() -> String {
        var out = Self.magic + "\n"
        out += "argv: " + arguments.map(Self.escapeArgument).joined(separator: "\t") + "\n"
        out += "size: \(width) \(height)\n"
        out += "glyphs: \(glyphs.rawValue)\n"
        out += "color: \(theme.rawValue)\n"
        out += "---\n"
        return out
    }

    /// One entry's line, with its newline.
    public static func line(time: Double, entry: Entry) -> String {
        // Shortest round-trip decimals: a replay must see exactly the recorded frame durations.
        var out = "\(time) "
        switch entry {
        case .tick(let dt): out += "t \(dt)"
        case .event(.key(let k)): out += "k " + KeyName.name(of: k)
        case .event(.resize(let w, let h)): out += "r \(w) \(h)"
        case .event(.mouse(let m)):
            switch m.kind {
            case .press(let b): out += "m press \(b) \(m.x) \(m.y)"
            case .release: out += "m release \(m.x) \(m.y)"
            case .move: out += "m move \(m.x) \(m.y)"
            case .scrollUp: out += "m scrollUp \(m.x) \(m.y)"
            case .scrollDown: out += "m scrollDown \(m.x) \(m.y)"
            }
        }
        return out + "\n"
    }

    /// Parses a recording; errors name the line.
    public static func parse(_ text: String, file: String) throws -> SessionRecording {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        func fail(_ line: Int, _ message: String) -> LessonError { LessonError(file: file, line: line, message: message) }
        guard lines.first == magic else { throw fail(1, "not a hopfield recording (expected the first line \"\(magic)\")") }
        var header: [String: String] = [:]
        var k = 1
        while k < lines.count && lines[k] != "---" {
            guard let colon = lines[k].firstIndex(of: ":") else { throw fail(k + 1, "expected 'key: value' in the header") }
            header[String(lines[k][..<colon])] = String(lines[k][lines[k].index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            k += 1
        }
        guard k < lines.count else { throw fail(k, "missing the '---' line that ends the header") }
        guard let argv = header["argv"] else { throw fail(2, "missing 'argv:'") }
        let arguments = argv.isEmpty ? [] : argv.split(separator: "\t", omittingEmptySubsequences: false).map { unescapeArgument(String($0)) }
        let size = (header["size"] ?? "").split(separator: " ").compactMap { Int($0) }
        guard size.count == 2 else { throw fail(3, "expected 'size: WIDTH HEIGHT'") }
        if let problem = CellGrid.sizeProblem(width: size[0], height: size[1]) { throw fail(3, problem) }
        guard let glyphs = GlyphSet(rawValue: header["glyphs"] ?? "") else { throw fail(4, "expected 'glyphs: unicode' or 'glyphs: ascii'") }
        let colorName = header["color"] ?? ""
        guard let theme = colorName == "color" ? .dark : Theme(rawValue: colorName) else {
            throw fail(5, "expected 'color: dark', 'color: light' or 'color: mono'")
        }
        var entries: [(Double, Entry)] = []
        var last = 0.0
        for index in (k + 1)..<max(k + 1, lines.count) {
            let parts = lines[index].split(separator: " ").map(String.init)
            let lineNo = index + 1
            guard parts.count >= 3, let time = Double(parts[0]), time.isFinite, time >= last else {
                throw fail(lineNo, "expected 'SECONDS KIND …' with non-decreasing seconds")
            }
            last = time
            func int(_ s: String) throws -> Int {
                guard let v = Int(s), v >= 0, v <= 100_000 else { throw fail(lineNo, "expected a coordinate, found \(s.prefix(20))") }
                return v
            }
            switch parts[1] {
            case "t":
                guard let dt = Double(parts[2]), dt.isFinite, dt >= 0, dt <= 3600 else { throw fail(lineNo, "expected a frame duration in seconds") }
                entries.append((time, .tick(dt)))
            case "k":
                guard let key = KeyName.key(named: parts[2]) else { throw fail(lineNo, "unknown key name \(parts[2].prefix(20))") }
                entries.append((time, .event(.key(key))))
            case "r":
                guard parts.count == 4 else { throw fail(lineNo, "expected 'r WIDTH HEIGHT'") }
                let (w, h) = (try int(parts[2]), try int(parts[3]))
                if let problem = CellGrid.sizeProblem(width: w, height: h) { throw fail(lineNo, problem) }
                entries.append((time, .event(.resize(width: w, height: h))))
            case "m":
                let kind: MouseEvent.Kind
                var rest = Array(parts.dropFirst(2))
                switch rest.first {
                case "press":
                    guard rest.count == 4, let b = ["left": MouseButton.left, "right": .right, "middle": .middle][rest[1]] else {
                        throw fail(lineNo, "expected 'm press left|right|middle X Y'")
                    }
                    kind = .press(b)
                    rest = Array(rest.dropFirst(2))
                case "release": kind = .release; rest = Array(rest.dropFirst())
                case "move": kind = .move; rest = Array(rest.dropFirst())
                case "scrollUp": kind = .scrollUp; rest = Array(rest.dropFirst())
                case "scrollDown": kind = .scrollDown; rest = Array(rest.dropFirst())
                default: throw fail(lineNo, "unknown mouse event")
                }
                guard rest.count == 2 else { throw fail(lineNo, "expected X Y after the mouse event") }
                entries.append((time, .event(.mouse(MouseEvent(kind, x: try int(rest[0]), y: try int(rest[1]))))))
            default:
                throw fail(lineNo, "unknown entry kind \(parts[1].prefix(10)) (expected t, k, m or r)")
            }
        }
        return SessionRecording(arguments: arguments, width: size[0], height: size[1], glyphs: glyphs, theme: theme,
                                entries: entries.map { (time: $0.0, entry: $0.1) })
    }

    public static func load(path: String) throws -> SessionRecording {
        let text: String
        do { text = try BoundedFile.readText(path: path, limit: maxBytes) } catch {
            throw LessonError(file: path, message: error.problem)
        }
        return try parse(text, file: path)
    }

    static func escapeArgument(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func unescapeArgument(_ s: String) -> String {
        var out = ""
        var escaping = false
        for ch in s {
            if escaping {
                out.append(ch == "t" ? "\t" : ch == "n" ? "\n" : ch)
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

/// Which glyph table a recorded session used.
public enum GlyphSet: String, Sendable, Equatable {
    case unicode, ascii
    public var glyphs: Glyphs { self == .unicode ? .unicode : .ascii }
}

/// Names for keys in recordings: printable characters as themselves (`space` for a blank), others by name.
public enum KeyName {
    public static func name(of key: Key) -> String {
        switch key {
        case .char(" "): return "space"
        case .char(let c):
            let s = String(c)
            if s.unicodeScalars.count == 1, let v = s.unicodeScalars.first?.value, v > 0x20, v < 0x7F { return s }
            return "u" + s.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: "+")
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .enter: return "enter"
        case .escape: return "escape"
        case .backspace: return "backspace"
        case .tab: return "tab"
        case .pageUp: return "pageUp"
        case .pageDown: return "pageDown"
        case .function(let n): return "f\(n)"
        case .other(let code): return "code\(code)"
        }
    }

    public static func key(named name: String) -> Key? {
        switch name {
        case "space": return .char(" ")
        case "up": return .up
        case "down": return .down
        case "left": return .left
        case "right": return .right
        case "enter": return .enter
        case "escape": return .escape
        case "backspace": return .backspace
        case "tab": return .tab
        case "pageUp": return .pageUp
        case "pageDown": return .pageDown
        default: break
        }
        if name.count > 1, name.hasPrefix("f"), let n = Int(name.dropFirst()), (1...24).contains(n) { return .function(n) }
        if name.hasPrefix("code"), let code = Int(name.dropFirst(4)) { return .other(code) }
        if name.count > 1, name.hasPrefix("u") {
            var s = String.UnicodeScalarView()
            for part in name.dropFirst().split(separator: "+") {
                guard let v = UInt32(part, radix: 16), let u = Unicode.Scalar(v) else { return nil }
                s.append(u)
            }
            return .char(Character(String(s)))
        }
        guard name.count == 1, let c = name.first else { return nil }
        return .char(c)
    }
}

/// Seconds on the monotonic clock (immune to wall-clock changes).
public enum MonotonicClock {
    @Sendable public static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

/// Records everything that reaches an app, with the time it arrived (from an injectable clock).
public struct RecordingApp<Inner: TerminalApp>: TerminalApp {
    public var inner: Inner
    public private(set) var recording: SessionRecording
    /// Where the recording is appended as it is made, if anywhere.
    private let sink: RecordingSink?
    /// Seconds since the start; injectable so tests are deterministic.
    private let clock: @Sendable () -> Double
    private let origin: Double

    public init(_ inner: Inner, arguments: [String], sink: RecordingSink? = nil,
                clock: @escaping @Sendable () -> Double = MonotonicClock.seconds) {
        self.inner = inner
        self.sink = sink
        self.clock = clock
        self.origin = clock()
        self.recording = SessionRecording(arguments: arguments, width: 80, height: 24, glyphs: .unicode, theme: .dark)
    }

    /// Records an entry: in memory, and appended to the sink. The sink's buffer is written out on every
    /// event, at least once a second of ticks, and whenever the view may go idle (no frames wanted), so a
    /// crash loses at most the last second.
    private mutating func append(_ entry: SessionRecording.Entry, time: Double) {
        recording.entries.append((time: time, entry: entry))
        guard let sink else { return }
        var flush = !inner.wantsFrames || inner.isFinished
        if case .event = entry { flush = true }
        sink.append(SessionRecording.line(time: time, entry: entry), at: time, flush: flush)
    }

    private var now: Double { max(recording.entries.last?.time ?? 0, clock() - origin) }

    public var theme: Theme { inner.theme }
    public var wantsFrames: Bool { inner.wantsFrames }
    public var isFinished: Bool { inner.isFinished }

    public mutating func start(width: Int, height: Int, capabilities: DisplayCapabilities) {
        recording.width = width
        recording.height = height
        recording.glyphs = capabilities.glyphs.isUnicode ? .unicode : .ascii
        recording.theme = capabilities.theme
        inner.start(width: width, height: height, capabilities: capabilities)
        sink?.append(recording.headerText(), at: 0, flush: true)
    }

    public mutating func handle(_ event: InputEvent) {
        let time = now
        inner.handle(event)
        append(.event(event), time: time)
    }

    public mutating func tick(elapsed: Double) {
        let time = now
        inner.tick(elapsed: elapsed)
        append(.tick(elapsed), time: time)
    }

    public func render(into grid: inout CellGrid) { inner.render(into: &grid) }

    /// Not an input event, so not recorded: only off-screen snapshots start views this way.
    public mutating func startRunning() { inner.startRunning() }
}

/// Plays a recording into a freshly built app at `speed` times the recorded pace. The app sees exactly
/// the recorded events and frame durations at the recorded size; the real terminal only shows it (cropped
/// or padded). Live keys: `q` quits, space pauses, anything else is ignored.
public struct ReplayApp<Inner: TerminalApp>: TerminalApp {
    public private(set) var inner: Inner
    public let recording: SessionRecording
    public let speed: Double
    /// Entries applied so far.
    public private(set) var position = 0
    private var clock = 0.0
    private var paused = false
    private var quit = false
    private var screenWidth = 80
    private var screenHeight = 24
    private var capabilities = DisplayCapabilities.unicodeColor

    /// Shown instead of the recorded theme when given.
    public let themeOverride: Theme?

    public init(_ inner: Inner, recording: SessionRecording, speed: Double = 1, theme: Theme? = nil) {
        self.inner = inner
        self.recording = recording
        self.speed = speed.isFinite && speed > 0 ? speed : 1
        self.themeOverride = theme
    }

    public var isDone: Bool { position >= recording.entries.count }
    public var theme: Theme { capabilities.theme }
    public var wantsFrames: Bool { !isDone && !paused }
    public var isFinished: Bool { quit || inner.isFinished }

    public mutating func start(width: Int, height: Int, capabilities: DisplayCapabilities) {
        screenWidth = width
        screenHeight = height
        // The recorded theme (or the one asked for), unless this terminal has no colour; the recorded
        // glyphs, so the inner app draws what was recorded.
        let shown = capabilities.theme == .mono ? Theme.mono : (themeOverride ?? recording.theme)
        self.capabilities = DisplayCapabilities(glyphs: recording.glyphs.glyphs, theme: shown, greyRamp: capabilities.greyRamp)
        inner.start(width: recording.width, height: recording.height, capabilities: DisplayCapabilities(glyphs: recording.glyphs.glyphs, theme: shown, greyRamp: capabilities.greyRamp))
    }

    public mutating func handle(_ event: InputEvent) {
        switch event {
        case .key(.char("q")), .key(.escape): quit = true
        case .key(.char(" ")): paused.toggle()
        case .resize(let w, let h): screenWidth = w; screenHeight = h
        default: break
        }
    }

    public mutating func startRunning() { paused = false }

    public mutating func tick(elapsed: Double) {
        guard !paused else { return }
        clock += elapsed * speed
        while position < recording.entries.count && recording.entries[position].time <= clock {
            applyNext()
        }
    }

    /// Applies the next recorded entry (tests drive replays entry by entry).
    public mutating func applyNext() {
        guard position < recording.entries.count else { return }
        switch recording.entries[position].entry {
        case .tick(let dt): inner.tick(elapsed: dt)
        case .event(let e): inner.handle(e)
        }
        position += 1
        if isDone { inner.finishBackgroundWork() }  // the last screen is a finished one
    }

    /// Applies everything left (the last entry waits for the app's background work).
    public mutating func finish() {
        while !isDone { applyNext() }
    }

    /// The inner app's screen at its recorded size.
    public func innerScreen() -> CellGrid {
        var size = (recording.width, recording.height)
        for (_, entry) in recording.entries.prefix(position) {
            if case .event(.resize(let w, let h)) = entry { size = (w, h) }
        }
        var g = CellGrid(width: size.0, height: size.1)
        inner.render(into: &g)
        return g
    }

    public func render(into grid: inout CellGrid) {
        let screen = innerScreen()
        for y in 0..<min(grid.height, screen.height) {
            for x in 0..<min(grid.width, screen.width) { grid[x, y] = screen[x, y] }
        }
        if isDone || paused, grid.height > 0 {
            let note = isDone ? " replay finished · q quits " : " replay paused · space resumes · q quits "
            grid.put(note, x: max(0, grid.width - note.unicodeScalars.count), y: grid.height - 1, style: .warning, reverse: true)
        }
    }
}
