/// The energies the view has shown, oldest first (the engine keeps no history). A sample can be marked
/// as an edit (the user changed the state or the weights): the plot does not join it to the one before,
/// so a jump the user caused is not drawn as if the dynamics had made it.
///
/// Nothing is dropped: when `capacity` runs are stored, neighbouring runs are merged pairwise (keeping
/// each pair's range and last value), so older history is compressed and the trace still spans the run
/// from its start.
public struct EnergyHistory: Sendable, Equatable {
    public let capacity: Int
    public private(set) var buckets: [SampleBucket] = []

    public init(capacity: Int = 1024) {
        self.capacity = max(2, capacity)
        buckets.reserveCapacity(self.capacity)
    }

    /// Stored runs (each one sample until the history is first compressed).
    public var count: Int { buckets.count }
    public var isEmpty: Bool { buckets.isEmpty }
    /// Samples appended since the start (or the last `removeAll`).
    public var sampleCount: Int { buckets.reduce(0) { $0 + $1.count } }

    public mutating func append(_ e: Double, edit: Bool = false) {
        if buckets.count >= capacity {
            buckets = stride(from: 0, to: buckets.count, by: 2).map { k in
                k + 1 < buckets.count ? buckets[k].merged(with: buckets[k + 1]) : buckets[k]
            }
        }
        buckets.append(SampleBucket(e, edit: edit))
    }

    public mutating func removeAll() { buckets.removeAll(keepingCapacity: true) }

    /// For the newest `n` runs, oldest first: whether each starts with an edit.
    public func lastEdits(_ n: Int) -> [Bool] { buckets.suffix(max(0, n)).map(\.edit) }

    /// The last value of each of the newest `n` runs, oldest first.
    public func last(_ n: Int) -> [Double] { buckets.suffix(max(0, n)).map(\.last) }

    public var latest: Double? { buckets.last?.last }
}
