/// The energies the view has shown, newest last, in a fixed-size ring (the engine keeps no history). A
/// sample can be marked as an edit (the user changed the state or the weights): the plot does not join it
/// to the one before, so a jump the user caused is not drawn as if the dynamics had made it.
public struct EnergyHistory: Sendable, Equatable {
    public let capacity: Int
    private var buffer: [Double] = []
    private var edits: [Bool] = []
    private var start = 0

    public init(capacity: Int = 1024) {
        self.capacity = max(1, capacity)
        buffer.reserveCapacity(self.capacity)
    }

    public var count: Int { buffer.count }
    public var isEmpty: Bool { buffer.isEmpty }

    public mutating func append(_ e: Double, edit: Bool = false) {
        if buffer.count < capacity {
            buffer.append(e)
            edits.append(edit)
        } else {
            buffer[start] = e
            edits[start] = edit
            start = (start + 1) % capacity
        }
    }

    public mutating func removeAll() {
        buffer.removeAll(keepingCapacity: true)
        edits.removeAll(keepingCapacity: true)
        start = 0
    }

    /// For the newest `n` samples, oldest first: whether each was an edit.
    public func lastEdits(_ n: Int) -> [Bool] {
        let k = min(max(0, n), edits.count)
        return (edits.count - k..<edits.count).map { edits[(start + $0) % edits.count] }
    }

    /// The newest `n` samples, oldest first.
    public func last(_ n: Int) -> [Double] {
        let k = min(max(0, n), buffer.count)
        return (buffer.count - k..<buffer.count).map { buffer[(start + $0) % buffer.count] }
    }

    public var latest: Double? { buffer.isEmpty ? nil : buffer[(start + buffer.count - 1) % buffer.count] }
}
