import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on standard error, drawn only when standard error is a terminal (so logs and
/// pipes stay clean). Safe to update from worker threads; redraws at most every 100 ms.
final class ProgressBar: @unchecked Sendable {
    private let title: String
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(title: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.title = title
        self.enabled = enabled
    }

    func update(completed: Int, total: Int) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard completed >= total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let width = 30
        let fraction = total > 0 ? min(1, Double(completed) / Double(total)) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\r\(title) [\(bar)] \(Int((fraction * 100).rounded(.down)))% (\(completed)/\(total))"
        writeStderr(line)
        drawn = true
    }

    /// Erases the bar (call before printing results).
    func finish() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        if drawn { writeStderr("\r\u{1B}[K") }
        drawn = false
    }
}
