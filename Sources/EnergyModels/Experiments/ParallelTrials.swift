import Foundation

/// Progress of an experiment: work items finished out of the total.
public struct ExperimentProgress: Sendable, Equatable {
    public var completed: Int
    public var total: Int
    public init(completed: Int, total: Int) {
        self.completed = completed
        self.total = total
    }
    /// completed / total, in [0, 1].
    public var fraction: Double { total > 0 ? Double(completed) / Double(total) : 1 }
}

/// Runs independent work items on several threads and returns their results in item order.
///
/// Every item must depend only on its index (each trial draws from its own `Xoshiro256(seed:stream:)`),
/// so the results, and any reduction done over them in index order afterwards, are identical whatever
/// the number of threads.
enum ParallelTrials {
    /// Threads to use: `requested` if given, else every active core; never more than the items, and
    /// few enough that `bytesPerItem` of working memory each stays within `memoryBudget`.
    static func workerCount(requested: Int?, items: Int, bytesPerItem: Int, memoryBudget: Int = 1 << 30) -> Int {
        let cores = max(1, requested ?? ProcessInfo.processInfo.activeProcessorCount)
        let byMemory = max(1, memoryBudget / max(1, bytesPerItem))
        return max(1, min(cores, items, byMemory))
    }

    /// `body(i)` for i in 0..<count on `workers` threads, results in index order. `progress` is called
    /// (from a worker thread, serialised) after each item with the number finished so far.
    static func map<T: Sendable>(count: Int, workers: Int,
                                 progress: (@Sendable (ExperimentProgress) -> Void)?,
                                 _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = ResultSlots<T>(count: count)
        let counter = SharedCounter()
        if workers <= 1 {
            for i in 0..<count {
                slots.store(body(i), at: i)
                progress?(ExperimentProgress(completed: i + 1, total: count))
            }
        } else {
            // Each worker takes the next unclaimed item: loads differ a lot between items (the cost grows
            // like p²), so a static split would leave threads idle.
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let i = counter.claim(below: count) {
                    slots.store(body(i), at: i)
                    counter.finish { done in progress?(ExperimentProgress(completed: done, total: count)) }
                }
            }
        }
        return slots.results()
    }
}

/// One slot per item, each written by exactly one thread: disjoint writes need no lock, and the
/// `concurrentPerform` return is the synchronisation point before they are read.
private final class ResultSlots<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func store(_ value: T, at i: Int) { base[i] = value }

    /// Precondition: every slot has been stored.
    func results() -> [T] {
        (0..<count).map { i in
            guard let v = base[i] else { preconditionFailure("work item \(i) produced no result") }
            return v
        }
    }
}

/// Item claiming and completion counting under a lock (a handful of operations per item, which takes
/// milliseconds: contention is negligible).
private final class SharedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var finished = 0

    func claim(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < limit else { return nil }
        next += 1
        return next - 1
    }

    /// Counts one finished item and reports the total finished so far, under the lock so that reports
    /// arrive one at a time and in increasing order.
    func finish(_ report: (Int) -> Void) {
        lock.lock(); defer { lock.unlock() }
        finished += 1
        report(finished)
    }
}
