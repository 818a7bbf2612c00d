/// Every live view's keys as rows of (label, help), read from the tables the views map keys with, for the
/// manual page: the one place that knows where each view keeps its table.
public enum ViewKeyTables {
    public struct Row: Sendable, Equatable {
        public var label: String
        public var help: String
    }

    public static var hopfield: [Row] { HopfieldState.keyMap.bindings.map { Row(label: $0.label, help: $0.help) } }
    /// The lesson's own keys; every other key is the Hopfield view's (or the RBM view's in an RBM step).
    public static var lesson: [Row] { LessonApp.keyMap.bindings.map { Row(label: $0.label, help: $0.help) } }
    public static var rbm: [Row] { RBMLiveState.keyMap.bindings.map { Row(label: $0.label, help: $0.help) } }
    public static var bm: [Row] { BMLiveState.keyMap.bindings.map { Row(label: $0.label, help: $0.help) } }
}
