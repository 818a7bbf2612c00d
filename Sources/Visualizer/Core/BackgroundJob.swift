import Foundation

/// Work a live view starts that may take seconds (re-learning the couplings of 10,000 units with Storkey's
/// rule), run on its own thread so that the input loop, and `q`, stay responsive. The view polls `result`
/// at its frames; nothing else is shared.
public final class BackgroundJob<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    private var value: Result?

    public init(_ work: @escaping @Sendable () -> Result) {
        let thread = Thread { [self] in
            let r = work()
            lock.withLock { value = r }
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The result once the work is done, else nil.
    public var result: Result? { lock.withLock { value } }

    /// Blocks until the work is done (replays and tests).
    public func wait() -> Result {
        while true {
            if let r = result { return r }
            finished.wait()
            finished.signal()  // later waiters pass too
        }
    }
}
