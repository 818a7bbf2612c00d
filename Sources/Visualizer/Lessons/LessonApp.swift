import EnergyModels
import Foundation
import Patterns

/// A lesson running in the live view: the Hopfield view on top, the step's caption underneath.
///
/// Entering step k builds the view afresh from the settings in force at k (`Lesson.settings(at:)`) and the
/// step's seed, then applies its cue, noise and run flag, so step k looks the same however it was reached.
/// PageDown or `>` goes forward, PageUp or `<` back; every other key goes to the view, so a lecturer can
/// improvise inside a step and come back to the script with one key.
public struct LessonApp: TerminalApp {
    public let lesson: Lesson
    public private(set) var stepIndex = 0
    public private(set) var inner: HopfieldApp
    private var width = 80
    private var height = 24
    private var capabilities = DisplayCapabilities.unicodeColor
    private let writeFile: @Sendable (String) throws -> String

    /// Checks every step up front (pattern sets, stored names, cues), so a bad lesson fails before the
    /// screen opens, with the file and line of the step at fault.
    public init(lesson: Lesson, startAt step: Int = 0,
                writeFile: @escaping @Sendable (String) throws -> String = HopfieldApp.writeNumberedStateFile) throws {
        self.lesson = lesson
        self.writeFile = writeFile
        for k in lesson.steps.indices { _ = try Self.makeState(lesson: lesson, index: k) }
        stepIndex = min(max(0, step), lesson.steps.count - 1)
        inner = HopfieldApp(state: try Self.makeState(lesson: lesson, index: stepIndex), writeFile: writeFile)
    }

    public var colorMode: ColorMode { capabilities.colorMode }
    public var wantsFrames: Bool { inner.wantsFrames }
    public var isFinished: Bool { inner.isFinished }
    public var step: LessonStep { lesson.steps[stepIndex] }

    public mutating func start(width: Int, height: Int, capabilities: DisplayCapabilities) {
        self.width = width
        self.height = height
        self.capabilities = capabilities
        inner.start(width: width, height: innerHeight, capabilities: capabilities)
    }

    public mutating func handle(_ event: InputEvent) {
        switch event {
        case .key(.pageDown), .key(.char(">")):
            go(to: stepIndex + 1)
        case .key(.pageUp), .key(.char("<")):
            go(to: stepIndex - 1)
        case .resize(let w, let h):
            width = w
            height = h
            inner.handle(.resize(width: w, height: innerHeight))
        case .mouse(let m) where m.y >= innerHeight:
            break
        default:
            inner.handle(event)
        }
    }

    /// Opens step `index` (clamped to the lesson).
    public mutating func go(to index: Int) {
        let k = min(max(0, index), lesson.steps.count - 1)
        guard k != stepIndex, let state = try? Self.makeState(lesson: lesson, index: k) else { return }
        stepIndex = k
        inner = HopfieldApp(state: state, writeFile: writeFile)
        inner.start(width: width, height: innerHeight, capabilities: capabilities)
    }

    public mutating func tick(elapsed: Double) { inner.tick(elapsed: elapsed) }

    // MARK: - Layout and drawing

    /// Rows given to the caption: its wrapped lines plus a frame, at most a third of the screen.
    var captionHeight: Int {
        let lines = Self.wrap(step.caption, width: max(10, width - 4)).count
        return min(max(3, lines + 2), max(3, height / 3))
    }

    var innerHeight: Int { max(1, height - captionHeight) }

    public func render(into grid: inout CellGrid) {
        var top = CellGrid(width: width, height: innerHeight)
        inner.render(into: &top)
        for y in 0..<top.height { for x in 0..<top.width { grid[x, y] = top[x, y] } }
        let box = Rect(x: 0, y: innerHeight, width: width, height: captionHeight)
        grid.fill(box)
        let g = capabilities.glyphs
        let title = "Step \(stepIndex + 1)/\(lesson.steps.count): \(Sanitize.terminal(step.title))"
        Widgets.box(box, title: title, glyphs: g, into: &grid)
        let nav = "\(stepIndex > 0 ? "< PgUp" : "") \(stepIndex + 1 < lesson.steps.count ? "PgDn >" : "end")"
        let navWidth = nav.unicodeScalars.count
        if box.width > navWidth + title.unicodeScalars.count + 8 {
            grid.put(" \(nav) ", x: box.maxX - navWidth - 3, y: box.y, style: .hint)
        }
        let lines = Self.wrap(step.caption, width: max(1, box.width - 4))
        for (k, line) in lines.prefix(max(0, box.height - 2)).enumerated() {
            grid.put(line, x: box.x + 2, y: box.y + 1 + k, style: .normal, maxWidth: box.width - 4)
        }
        if lines.count > box.height - 2, box.height > 2 {
            grid.put(g.ellipsis, x: box.maxX - 3, y: box.maxY - 2, style: .dim)
        }
    }

    /// Caption lines word-wrapped to `width` columns (untrusted text sanitized).
    static func wrap(_ caption: [String], width: Int) -> [String] {
        var out: [String] = []
        for paragraph in caption {
            var line = ""
            for word in Sanitize.terminal(paragraph).split(separator: " ", omittingEmptySubsequences: true) {
                var w = String(word)
                while w.unicodeScalars.count > width {
                    if !line.isEmpty { out.append(line); line = "" }
                    out.append(String(String.UnicodeScalarView(w.unicodeScalars.prefix(width))))
                    w = String(String.UnicodeScalarView(w.unicodeScalars.dropFirst(width)))
                }
                if line.isEmpty { line = w } else if line.unicodeScalars.count + 1 + w.unicodeScalars.count <= width { line += " " + w } else { out.append(line); line = w }
            }
            if !line.isEmpty { out.append(line) }
        }
        return out
    }

    // MARK: - Building a step

    /// The view for step `index`, from scratch.
    public static func makeState(lesson: Lesson, index: Int) throws -> HopfieldState {
        let step = lesson.steps[index]
        let s = lesson.settings(at: index)
        func fail(_ message: String) -> LessonError {
            LessonError(file: "lesson \(lesson.name)", line: step.line, message: "step \(index + 1) (\(step.title)): \(message)")
        }
        if s.view == .rbm { throw fail("the RBM view is not available in lessons yet") }
        let setName = s.patterns ?? "letters"
        let set: PatternSet
        do { set = try PatternLoader.resolve(setName) } catch { throw fail("\(error)") }
        var chosen: [Pattern] = []
        let wanted = s.store ?? []
        if wanted.isEmpty {
            chosen = Array(set.patterns.prefix(HopfieldState.maxMemories))
        } else {
            for name in wanted {
                if let p = set.patterns.first(where: { $0.name == name }) {
                    chosen.append(p)
                } else if let k = Int(name), k >= 1, k <= set.patterns.count {
                    chosen.append(set.patterns[k - 1])
                } else {
                    throw fail("no pattern \(ModelJSON.quoteForMessage(name)) in \(setName)")
                }
            }
            guard chosen.count <= HopfieldState.maxMemories else { throw fail("at most \(HopfieldState.maxMemories) memories") }
        }
        let stored = chosen.map { StoredPattern(name: $0.name, up: $0.bits) }
        let config = HopfieldConfig(title: lesson.title, patterns: stored, rows: set.rows, cols: set.cols,
                                    rule: s.rule ?? .hebb, units: s.units ?? .spin, temperature: s.temperature ?? 0,
                                    schedule: s.schedule ?? .random, seed: s.seed ?? 1, initialNoise: 0)
        var state = HopfieldState(config: config)
        let n = state.unitCount
        func memoryIndex(_ name: String) throws -> Int {
            if let k = stored.firstIndex(where: { $0.name == name }) { return k }
            if let k = Int(name), k >= 1, k <= stored.count { return k - 1 }
            throw fail("cue \(ModelJSON.quoteForMessage(name)) is not a stored pattern")
        }
        switch step.cue {
        case .pattern(let name)?:
            state.update(.cue(try memoryIndex(name)))
        case .inverted(let name)?:
            state.update(.cue(try memoryIndex(name)))
            state.update(.invert)
        case .random?:
            state.update(.randomize)
        case .state(let bits)?:
            guard bits.count == n else { throw fail("cue state has \(bits.count) characters but the network has \(n) units") }
            state.simulation.network.setState(up: bits.map { $0 == "1" })
            state.simulation.resetCounters()
        case nil:
            break
        }
        if let f = step.noise, f > 0 {
            HopfieldState.flipRandom(Int((f * Double(n)).rounded()), in: &state.simulation)
        }
        if let speed = s.speed {
            let target = speed * Double(n)
            state.speedIndex = Speeds.levels.indices.min(by: { abs(log(Speeds.levels[$0] / target)) < abs(log(Speeds.levels[$1] / target)) }) ?? state.speedIndex
        }
        let panels = s.panels ?? []
        state.showExplain = panels.contains(.explain)
        state.showHelp = panels.contains(.help)
        if s.anneal == true { state.update(.toggleAnnealing) }
        state.running = step.run == true || s.anneal == true
        state.history = EnergyHistory(capacity: state.history.capacity)
        state.history.append(state.simulation.network.energy)
        state.message = nil
        state.refresh()
        return state
    }
}
