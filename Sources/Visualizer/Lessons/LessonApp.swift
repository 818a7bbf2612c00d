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
    public enum Navigation: Sendable { case next, previous }

    /// The lesson's own keys (every other key goes to the step's view); the caption's corner shows them.
    public static let keyMap = KeyMap<Navigation>([
        KeyBinding("PgDn >", "next step", [(.pageDown, .next), (.char(">"), .next)]),
        KeyBinding("< PgUp", "previous step", [(.pageUp, .previous), (.char("<"), .previous)]),
    ])

    public let lesson: Lesson
    public private(set) var stepIndex = 0
    /// The view the current step shows (Hopfield or RBM).
    public private(set) var view: any TerminalApp
    private var width = 80
    private var height = 24
    private var capabilities = DisplayCapabilities.unicodeColor
    private let writes: FileWrites
    /// Whether RBM steps train their `pretrain` epochs (tests that only look at layouts skip it).
    private let pretrain: Bool

    /// Checks every step up front (pattern sets, stored names, cues), so a bad lesson fails before the
    /// screen opens, with the file and line of the step at fault.
    public init(lesson: Lesson, startAt step: Int = 0, pretrain: Bool = true,
                writes: FileWrites = .perform) throws {
        self.lesson = lesson
        self.writes = writes
        self.pretrain = pretrain
        for k in lesson.steps.indices { try Self.validate(lesson: lesson, index: k) }
        stepIndex = min(max(0, step), lesson.steps.count - 1)
        view = try Self.makeView(lesson: lesson, index: stepIndex, pretrain: pretrain, writes: writes)
    }

    public var theme: Theme { capabilities.theme }
    public var wantsFrames: Bool { view.wantsFrames }
    public var isFinished: Bool { view.isFinished }
    public var step: LessonStep { lesson.steps[stepIndex] }
    /// The Hopfield view, when the current step shows one.
    public var hopfield: HopfieldApp? { view as? HopfieldApp }
    /// The RBM view, when the current step shows one.
    public var rbm: RBMLiveApp? { view as? RBMLiveApp }

    public mutating func start(width: Int, height: Int, capabilities: DisplayCapabilities) {
        self.width = width
        self.height = height
        self.capabilities = capabilities
        view.start(width: width, height: innerHeight, capabilities: capabilities)
    }

    public mutating func handle(_ event: InputEvent) {
        switch event {
        case .key(let key) where Self.keyMap.action(for: key) != nil:
            go(to: stepIndex + (Self.keyMap.action(for: key) == .next ? 1 : -1))
        case .resize(let w, let h):
            width = w
            height = h
            view.handle(.resize(width: w, height: innerHeight))
        case .mouse(let m) where m.y >= innerHeight:
            break
        default:
            view.handle(event)
        }
    }

    /// Opens step `index` (clamped to the lesson).
    public mutating func go(to index: Int) {
        let k = min(max(0, index), lesson.steps.count - 1)
        guard k != stepIndex, let next = try? Self.makeView(lesson: lesson, index: k, pretrain: pretrain, writes: writes) else { return }
        stepIndex = k
        view = next
        // The start-up notice was said once already.
        var caps = capabilities
        caps.notice = nil
        view.start(width: width, height: innerHeight, capabilities: caps)
    }

    public mutating func tick(elapsed: Double) { view.tick(elapsed: elapsed) }

    public mutating func startRunning() { view.startRunning() }

    public mutating func finishBackgroundWork() { view.finishBackgroundWork() }

    // MARK: - Layout and drawing

    /// Rows given to the caption: its wrapped lines plus a frame, at most a third of the screen.
    var captionHeight: Int {
        let lines = Self.wrap(caption, width: max(10, width - 4)).count
        return min(max(3, lines + 2), max(3, height / 3))
    }

    var innerHeight: Int { max(1, height - captionHeight) }

    /// The step's caption in the screen's glyph set (Greek and sub/superscripts, or ASCII spellings).
    var caption: [String] { step.caption.map { MathText.render($0, unicode: capabilities.glyphs.isUnicode) } }

    public func render(into grid: inout CellGrid) {
        var top = CellGrid(width: width, height: innerHeight)
        view.render(into: &top)
        for y in 0..<top.height { for x in 0..<top.width { grid[x, y] = top[x, y] } }
        let box = Rect(x: 0, y: innerHeight, width: width, height: captionHeight)
        grid.fill(box)
        let g = capabilities.glyphs
        let title = "Step \(stepIndex + 1)/\(lesson.steps.count): " + MathText.render(Sanitize.terminal(step.title), unicode: g.isUnicode)
        Widgets.box(box, title: title, glyphs: g, into: &grid)
        func label(_ n: Navigation) -> String { Self.keyMap.bindings.first { $0.keys.first?.1 == n }?.label ?? "" }
        let nav = "\(stepIndex > 0 ? label(.previous) : "") \(stepIndex + 1 < lesson.steps.count ? label(.next) : "end")"
        let navWidth = nav.unicodeScalars.count
        if box.width > navWidth + title.unicodeScalars.count + 8 {
            grid.put(" \(nav) ", x: box.maxX - navWidth - 3, y: box.y, style: .hint)
        }
        let lines = Self.wrap(caption, width: max(1, box.width - 4))
        for (k, line) in lines.prefix(max(0, box.height - 2)).enumerated() {
            grid.put(line, x: box.x + 2, y: box.y + 1 + k, style: .normal, maxWidth: box.width - 4)
        }
        if lines.count > box.height - 2, box.height > 2 {
            grid.put(g.ellipsis, x: box.maxX - 3, y: box.maxY - 2, style: .dim)
        }
    }

    /// Caption lines word-wrapped to `width` columns (untrusted text sanitized).
    static func wrap(_ caption: [String], width: Int) -> [String] {
        caption.flatMap { Widgets.wrap(Sanitize.terminal($0), width: width) }
    }

    // MARK: - Building a step

    static func failure(_ lesson: Lesson, _ index: Int, _ message: String) -> LessonError {
        let step = lesson.steps[index]
        return LessonError(file: "lesson \(lesson.name)", line: step.line, message: "step \(index + 1) (\(step.title)): \(message)")
    }

    /// Checks a step without paying for pre-training.
    static func validate(lesson: Lesson, index: Int) throws {
        let s = lesson.settings(at: index)
        if s.view == .rbm {
            // Building the view would already train and evaluate; checking the data is enough here.
            _ = try rbmTrainingSet(lesson: lesson, index: index)
        } else {
            _ = try makeState(lesson: lesson, index: index)
        }
    }

    static func makeView(lesson: Lesson, index: Int, pretrain: Bool, writes: FileWrites) throws -> any TerminalApp {
        if lesson.settings(at: index).view == .rbm {
            return RBMLiveApp(state: try makeRBMState(lesson: lesson, index: index, pretrain: pretrain), writes: writes,
                              writeModel: RBMLiveApp.fileWriter(path: nil, writes: writes))
        }
        return HopfieldApp(state: try makeState(lesson: lesson, index: index), writes: writes)
    }

    /// The data an RBM step trains on (default: the optical digits).
    static func rbmTrainingSet(lesson: Lesson, index: Int) throws -> PatternSet {
        let setName = lesson.settings(at: index).patterns ?? "optdigits-8x8"
        let set: PatternSet
        do { set = try PatternLoader.resolve(setName) } catch { throw failure(lesson, index, "\(error)") }
        guard set.rows <= 64, set.cols <= 64 else { throw failure(lesson, index, "\(setName): pictures larger than 64x64 do not fit the RBM view") }
        return set
    }

    /// The RBM view for step `index`: a fresh model trained `pretrain` epochs with the step's seed.
    public static func makeRBMState(lesson: Lesson, index: Int, pretrain: Bool) throws -> RBMLiveState {
        let step = lesson.steps[index]
        let s = lesson.settings(at: index)
        let set = try rbmTrainingSet(lesson: lesson, index: index)
        let data = RBMData(bits: set.patterns.map(\.bits))
        let training = RBMTrainingConfiguration(method: s.training ?? .contrastiveDivergence(steps: 1),
                                                learningRate: s.learningRate ?? 0.05, batchSize: min(10, data.count))
        let config = RBMLiveConfig(title: lesson.title, data: data, rows: set.rows, cols: set.cols, hidden: s.hidden ?? 16,
                                   training: training, temperature: max(0.05, s.temperature ?? 1), seed: s.seed ?? 1)
        var state = RBMLiveState(config: config)
        if pretrain, let epochs = s.pretrain, epochs > 0 {
            let batches = epochs * ((data.count + training.batchSize - 1) / training.batchSize)
            for _ in 0..<batches { state.trainOneBatch() }
            state.recordPointAfterTraining()
        }
        state.running = step.run == true
        if step.clamp == true { state.update(.toggleClamp) }
        state.message = nil
        return state
    }

    /// The Hopfield view for step `index`, from scratch.
    public static func makeState(lesson: Lesson, index: Int) throws -> HopfieldState {
        let step = lesson.steps[index]
        let s = lesson.settings(at: index)
        func fail(_ message: String) -> LessonError { failure(lesson, index, message) }
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
                                    kind: .pairwise(s.rule ?? .hebb), units: s.units ?? .spin, temperature: s.temperature ?? 0,
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
            state.speed.select(SpeedLadder.nearest(speed * Double(n), in: state.speed.levels))
        }
        let panels = s.panels ?? []
        state.showExplain = panels.contains(.explain)
        state.showHelp = panels.contains(.help)
        if panels.contains(.capacity) { state.update(.toggleCapacity) }
        if s.anneal == true { state.update(.toggleAnnealing) }
        state.running = step.run == true || s.anneal == true
        state.history = EnergyHistory(capacity: state.history.capacity)
        state.history.append(state.simulation.network.energy)
        state.message = nil
        state.refresh()
        return state
    }
}
