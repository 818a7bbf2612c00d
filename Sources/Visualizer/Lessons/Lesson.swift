import EnergyModels

/// A guided lesson: a title, a summary and a sequence of steps. Each step sets up the live view and shows a
/// caption; settings carry over from step to step until changed, while one-off actions (cue, noise, run)
/// belong to the step that names them.
public struct Lesson: Sendable, Equatable {
    /// The file stem, used on the command line (`hopfield lesson NAME`).
    public var name: String
    public var title: String
    public var summary: String
    public var steps: [LessonStep]

    public init(name: String, title: String, summary: String, steps: [LessonStep]) {
        self.name = name
        self.title = title
        self.summary = summary
        self.steps = steps
    }

    /// The settings in force at step `index`: each setting from the last step at or before it that set it.
    public func settings(at index: Int) -> LessonSettings {
        var s = LessonSettings()
        for step in steps.prefix(index + 1) { s.merge(step.settings) }
        return s
    }
}

/// Which picture of the model a step shows.
public enum LessonView: String, Sendable, Equatable, CaseIterable {
    case hopfield
    case rbm
}

/// Panels a step can open.
public enum LessonPanel: String, Sendable, Equatable, CaseIterable {
    case explain
    case help
    case capacity
}

/// Settings that persist from one step to the next until a later step changes them.
public struct LessonSettings: Sendable, Equatable {
    public var view: LessonView?
    /// A built-in set name or a path.
    public var patterns: String?
    /// Names (or 1-based indices) of the patterns to store; empty = all of them (nil: not set here).
    public var store: [String]?
    /// `store: first K`: the first K patterns of the set (with `store` = []).
    public var storeFirst: Int?
    public var rule: LearningRule?
    public var interaction: Interaction?
    public var units: UnitConvention?
    public var temperature: Double?
    public var anneal: Bool?
    public var schedule: UpdateSchedule?
    /// Sweeps per second in the live view.
    public var speed: Double?
    public var panels: [LessonPanel]?
    public var seed: UInt64?
    /// RBM view: hidden units, gradient method, learning rate, and epochs trained before the step opens.
    public var hidden: Int?
    public var training: RBMGradientMethod?
    public var learningRate: Double?
    public var pretrain: Int?

    public init() {}

    mutating func merge(_ other: LessonSettings) {
        if let v = other.view { view = v }
        if let v = other.patterns { patterns = v }
        if let v = other.store {
            store = v
            storeFirst = other.storeFirst
        }
        if let v = other.rule { rule = v }
        if let v = other.interaction { interaction = v }
        if let v = other.units { units = v }
        if let v = other.temperature { temperature = v }
        if let v = other.anneal { anneal = v }
        if let v = other.schedule { schedule = v }
        if let v = other.speed { speed = v }
        if let v = other.panels { panels = v }
        if let v = other.seed { seed = v }
        if let v = other.hidden { hidden = v }
        if let v = other.training { training = v }
        if let v = other.learningRate { learningRate = v }
        if let v = other.pretrain { pretrain = v }
    }
}

/// How a step sets the network's state when it starts.
public enum LessonCue: Sendable, Equatable {
    /// A stored pattern by name (or 1-based index).
    case pattern(String)
    /// The mirror image of a stored pattern.
    case inverted(String)
    /// A uniformly random state.
    case random
    /// An explicit state: one `1`/`0` per unit.
    case state(String)
}

/// One step of a lesson.
public struct LessonStep: Sendable, Equatable {
    public var title: String
    /// Caption lines, shown under the view.
    public var caption: [String]
    public var settings: LessonSettings
    /// State set when the step starts (nil keeps the current state).
    public var cue: LessonCue?
    /// Fraction of units flipped after the cue (exactly round(f·N) units).
    public var noise: Double?
    /// Whether the simulation runs when the step starts (nil: paused).
    public var run: Bool?
    /// RBM view: clamp the top half of the example in the dream chains.
    public var clamp: Bool?
    /// The line where the step starts, for messages.
    public var line: Int

    public init(title: String, caption: [String] = [], settings: LessonSettings = LessonSettings(),
                cue: LessonCue? = nil, noise: Double? = nil, run: Bool? = nil, line: Int = 0) {
        self.title = title
        self.caption = caption
        self.settings = settings
        self.cue = cue
        self.noise = noise
        self.run = run
        self.line = line
    }
}
