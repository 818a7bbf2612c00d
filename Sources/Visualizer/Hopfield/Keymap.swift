extension HopfieldState: PacedView {
    /// The one key table: every key the view understands, the action it names, the help text of the `?`
    /// overlay and the hint line. Nothing else maps keys.
    public static let keyMap = KeyMap<Action>([
        KeyBinding("space", "run / pause", hint: KeyHint("run", whenRunning: "pause", priority: 0), [(.char(" "), .toggleRun)]),
        KeyBinding("1-9", "cue stored pattern k", hint: KeyHint("cue", priority: 0), (1...9).map { k in
            (Key.char(Character(String(k))), Action.cue(k - 1)) }),
        KeyBinding("c", "corrupt (flip 10%)", hint: KeyHint("corrupt", priority: 0), [(.char("c"), .corrupt)]),
        KeyBinding("s", "one sweep", hint: KeyHint("sweep", priority: 2), [(.char("s"), .sweep)]),
        KeyBinding("n", "one single-unit update", hint: KeyHint("step", priority: 3), [(.char("n"), .step)]),
        KeyBinding("r", "random state", [(.char("r"), .randomize)]),
        KeyBinding("i", "invert the state", [(.char("i"), .invert)]),
        KeyBinding("+ =", "raise T (x1.25, 0->0.05)", hint: KeyHint("T", key: "+/-", priority: 2), [(.char("+"), .hotter), (.char("="), .hotter)]),
        KeyBinding("-", "lower T (/1.25, <0.05->0)", [(.char("-"), .colder)]),
        KeyBinding("0", "set T = 0", [(.char("0"), .zeroTemperature)]),
        KeyBinding("a", "annealing on/off", hint: KeyHint("anneal", priority: 3), [(.char("a"), .toggleAnnealing)]),
        KeyBinding("u", "schedule: rand/seq/sync", [(.char("u"), .cycleSchedule)]),
        KeyBinding("l", "rule: hebb/storkey/pinv", [(.char("l"), .cycleRule)]),
        KeyBinding("f", "F: quad/poly3/exp/softmax", [(.char("f"), .cycleInteraction)]),
        KeyBinding("[ ]", "slower / faster", [(.char("["), .slower), (.char("]"), .faster)]),
        KeyBinding("S", "store state as a memory", [(.char("S"), .storeState)]),
        KeyBinding("D", "forget the last memory", [(.char("D"), .forgetLast)]),
        KeyBinding("w", "write state to a file", [(.char("w"), .writeState)]),
        KeyBinding("e", "explain last update", hint: KeyHint("explain", priority: 3), [(.char("e"), .toggleExplain)]),
        KeyBinding("C", "capacity sweep panel", [(.char("C"), .toggleCapacity)]),
        KeyBinding("p", "picture: screen to SVG", [(.char("p"), .writePicture)]),
        KeyBinding("? F1", "this help", hint: KeyHint("help", key: "?", priority: 0), [(.char("?"), .toggleHelp), (.function(1), .toggleHelp)]),
        // `l` is taken by the learning rule (a fixed key), so the cursor goes right with the arrow only.
        KeyBinding("arrows hjk", "move the cursor", [
            (.up, .moveCursor(dRow: -1, dCol: 0)), (.down, .moveCursor(dRow: 1, dCol: 0)),
            (.left, .moveCursor(dRow: 0, dCol: -1)), (.right, .moveCursor(dRow: 0, dCol: 1)),
            (.char("k"), .moveCursor(dRow: -1, dCol: 0)), (.char("j"), .moveCursor(dRow: 1, dCol: 0)),
            (.char("h"), .moveCursor(dRow: 0, dCol: -1)),
        ]),
        KeyBinding("x Enter", "flip neuron at cursor", [(.char("x"), .flipAtCursor), (.enter, .flipAtCursor)]),
        KeyBinding("mouse", "paint: left up, right dn", []),
        KeyBinding("Esc", "close help", [(.escape, .closeOverlay)]),
        KeyBinding("q F10", "quit", hint: KeyHint("quit", key: "q"), [(.char("q"), .quit), (.function(10), .quit)]),
    ])

    public mutating func resize(width: Int, height: Int) { update(.resize(width: width, height: height)) }
}
