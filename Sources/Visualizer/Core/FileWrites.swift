import EnergyModels

/// What a live view does with the files its keys ask for (`w`, `p`, the RBM view's save): writes them, or,
/// when a recording is replayed or a snapshot is taken, only says what it would write, so that replaying a
/// session never overwrites anything.
public enum FileWrites: Sendable, Equatable {
    case perform
    case describe

    /// Writes `contents` to `path` atomically, unless describing.
    public func write(_ contents: String, to path: String) throws {
        if self == .perform { try AtomicFile.write(contents, to: path) }
    }

    /// The view's message after a write: "wrote NAME", or "would write NAME (replay: not written)".
    public func report(_ name: String, done: String = "wrote", wouldDo: String = "would write") -> String {
        self == .perform ? "\(done) \(name)" : "\(wouldDo) \(name) (replay: not written)"
    }
}
