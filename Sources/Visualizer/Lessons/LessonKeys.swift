extension LessonApp {
    public enum Navigation: Sendable { case next, previous }

    /// The lesson's own keys (every other key goes to the step's view), with their help text.
    public static let keyMap = KeyTable(bindings: [
        KeyTable.Binding(label: "PgDn >", help: "next step", keys: [.pageDown, .char(">")], action: .next),
        KeyTable.Binding(label: "< PgUp", help: "previous step", keys: [.pageUp, .char("<")], action: .previous),
    ])

    public struct KeyTable: Sendable {
        public struct Binding: Sendable {
            public var label: String
            public var help: String
            public var keys: [Key]
            public var action: Navigation
        }

        public let bindings: [Binding]

        public func action(for key: Key) -> Navigation? { bindings.first { $0.keys.contains(key) }?.action }
    }
}
