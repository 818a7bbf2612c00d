/// How a binding shows on a view's hint line: `key` as written there (nil: the binding's label), `text`
/// what it does (`whenRunning`: the word while the view runs, "pause" for "run"). When the line is too
/// narrow, the hints with the largest `priority` go first; priority 0 marks the essentials, which the
/// opening message also lists.
public struct KeyHint: Sendable {
    public var key: String?
    public var text: String
    public var whenRunning: String?
    public var priority: Int

    public init(_ text: String, key: String? = nil, whenRunning: String? = nil, priority: Int = 1) {
        self.text = text
        self.key = key
        self.whenRunning = whenRunning
        self.priority = priority
    }
}

/// One row of a view's key table: the keys, the action each names, the help-overlay text and the
/// optional hint-line item. A binding without keys documents an input that is not a key (the mouse).
public struct KeyBinding<Action: Sendable>: Sendable {
    /// How the key(s) are written in help.
    public var label: String
    public var help: String
    public var hint: KeyHint?
    public var keys: [(Key, Action)]

    public init(_ label: String, _ help: String, hint: KeyHint? = nil, _ keys: [(Key, Action)]) {
        self.label = label
        self.help = help
        self.hint = hint
        self.keys = keys
    }
}

/// A view's one key table: keys map to the view's actions, and the same rows draw the help overlay and
/// the hint line (`Chrome`), so what the screen says about keys cannot disagree with what they do.
public struct KeyMap<Action: Sendable>: Sendable {
    public let bindings: [KeyBinding<Action>]
    private let table: [Key: Action]

    /// The first binding of a key wins (tests check that no key is bound twice).
    public init(_ bindings: [KeyBinding<Action>]) {
        self.bindings = bindings
        var t: [Key: Action] = [:]
        for b in bindings { for (k, a) in b.keys where t[k] == nil { t[k] = a } }
        table = t
    }

    public func action(for key: Key) -> Action? { table[key] }

    /// The hint-line items in table order.
    public func hints(running: Bool) -> [(key: String, text: String, priority: Int)] {
        bindings.compactMap { b in
            b.hint.map { h in (h.key ?? b.label, running ? (h.whenRunning ?? h.text) : h.text, h.priority) }
        }
    }

    /// Every binding as "label: help", for a command's help text (`hopfield help tui`).
    public var helpText: String {
        bindings.map { "\($0.label): \($0.help)" }.joined(separator: "; ")
    }

    /// The essential hints (priority 0) as one line of text, e.g. "space run, 1-9 cue, ? help".
    public func summary(running: Bool) -> String {
        hints(running: running).filter { $0.priority <= 0 }.map { "\($0.key) \($0.text)" }.joined(separator: ", ")
    }
}
