/// The one key table: every key the view understands, the action it names, and the help text shown in
/// the `?` overlay (and the README). Nothing else maps keys.
public enum Keymap {
    public struct Entry: Sendable {
        /// How the key(s) are written in help.
        public var label: String
        public var help: String
        public var bindings: [(Key, Action)]
    }

    public static let entries: [Entry] = [
        Entry(label: "space", help: "run / pause", bindings: [(.char(" "), .toggleRun)]),
        Entry(label: "s", help: "one sweep", bindings: [(.char("s"), .sweep)]),
        Entry(label: "n", help: "one single-unit update", bindings: [(.char("n"), .step)]),
        Entry(label: "1-9", help: "cue stored pattern k", bindings: (1...9).map { k in
            (Key.char(Character(String(k))), Action.cue(k - 1)) }),
        Entry(label: "c", help: "corrupt (flip 10%)", bindings: [(.char("c"), .corrupt)]),
        Entry(label: "r", help: "random state", bindings: [(.char("r"), .randomize)]),
        Entry(label: "i", help: "invert the state", bindings: [(.char("i"), .invert)]),
        Entry(label: "+ =", help: "raise T (x1.25, 0->0.05)", bindings: [(.char("+"), .hotter), (.char("="), .hotter)]),
        Entry(label: "-", help: "lower T (/1.25, <0.05->0)", bindings: [(.char("-"), .colder)]),
        Entry(label: "0", help: "set T = 0", bindings: [(.char("0"), .zeroTemperature)]),
        Entry(label: "a", help: "annealing on/off", bindings: [(.char("a"), .toggleAnnealing)]),
        Entry(label: "u", help: "schedule: rand/seq/sync", bindings: [(.char("u"), .cycleSchedule)]),
        Entry(label: "l", help: "rule: hebb/storkey/pinv", bindings: [(.char("l"), .cycleRule)]),
        Entry(label: "f", help: "F: quad/poly3/exp/softmax", bindings: [(.char("f"), .cycleInteraction)]),
        Entry(label: "[ ]", help: "slower / faster", bindings: [(.char("["), .slower), (.char("]"), .faster)]),
        Entry(label: "S", help: "store state as a memory", bindings: [(.char("S"), .storeState)]),
        Entry(label: "D", help: "forget the last memory", bindings: [(.char("D"), .forgetLast)]),
        Entry(label: "w", help: "write state to a file", bindings: [(.char("w"), .writeState)]),
        Entry(label: "e", help: "explain last update", bindings: [(.char("e"), .toggleExplain)]),
        Entry(label: "C", help: "capacity sweep panel", bindings: [(.char("C"), .toggleCapacity)]),
        Entry(label: "p", help: "picture: screen to SVG", bindings: [(.char("p"), .writePicture)]),
        Entry(label: "?", help: "this help", bindings: [(.char("?"), .toggleHelp)]),
        // `l` is taken by the learning rule (a fixed key), so the cursor goes right with the arrow only.
        Entry(label: "arrows hjk", help: "move the cursor", bindings: [
            (.up, .moveCursor(dRow: -1, dCol: 0)), (.down, .moveCursor(dRow: 1, dCol: 0)),
            (.left, .moveCursor(dRow: 0, dCol: -1)), (.right, .moveCursor(dRow: 0, dCol: 1)),
            (.char("k"), .moveCursor(dRow: -1, dCol: 0)), (.char("j"), .moveCursor(dRow: 1, dCol: 0)),
            (.char("h"), .moveCursor(dRow: 0, dCol: -1)),
        ]),
        Entry(label: "x Enter", help: "flip neuron at cursor", bindings: [(.char("x"), .flipAtCursor), (.enter, .flipAtCursor)]),
        Entry(label: "mouse", help: "paint: left up, right dn", bindings: []),
        Entry(label: "Esc", help: "close help", bindings: [(.escape, .closeOverlay)]),
        Entry(label: "q", help: "quit", bindings: [(.char("q"), .quit)]),
    ]

    /// Key → action, built from `entries`.
    public static let table: [Key: Action] = {
        var t: [Key: Action] = [:]
        for e in entries { for (k, a) in e.bindings where t[k] == nil { t[k] = a } }
        return t
    }()

    public static func action(for key: Key) -> Action? { table[key] }
}
