/// The energies the view has shown, newest last, in a fixed-size ring (the engine keeps no history).
public struct EnergyHistory: Sendable, Equatable {
    public let capacity: Int
    private var buffer: [Double] = []
    private var start = 0

    public init(capacity: Int = 1024) {
        self.capacity = max(1, capacity)
        buffer.reserveCapacity(self.capacity)
    }

    public var count: Int { buffer.count }
    public var isEmpty: Bool { buffer.isEmpty }

    public mutating func append(_ e: Double) {
        if buffer.count < capacity {
            buffer.append(e)
        } else {
            buffer[start] = e
            start = (start + 1) % capacity
        }
    }

    public mutating func removeAll() {
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    /// The newest `n` samples, oldest first.
    public func last(_ n: Int) -> [Double] {
        let k = min(max(0, n), buffer.count)
        return (buffer.count - k..<buffer.count).map { buffer[(start + $0) % buffer.count] }
    }

    public var latest: Double? { buffer.isEmpty ? nil : buffer[(start + buffer.count - 1) % buffer.count] }
}
