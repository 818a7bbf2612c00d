import EnergyModels
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file a session is recorded into while it runs (`--record FILE`). Opened, and so checked, before
/// the screen opens; entries are appended as they happen (see `RecordingApp`), so a crash or SIGKILL loses
/// at most the last second. Writing goes straight to the file (a symlink is followed), not through a
/// temporary file: what was written must survive the process.
public final class RecordingSink {
    public let path: String
    private var fd: Int32
    private var pending = ""
    private var lastFlush = 0.0
    /// The file did not exist before: removed again if the session never started.
    private let created: Bool
    private var started = false
    /// The first write error, if any (reported after the session: the screen is up while it happens).
    public private(set) var failure: FileWriteError?

    /// Opens (creating) `path` for writing; refuses directories and terminals (the screen is one). An
    /// existing file is truncated only when the session starts, so a failure before that leaves it intact.
    public init(path: String) throws(FileWriteError) {
        self.path = path
        let flags = O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC
        fd = open(path, flags | O_CREAT | O_EXCL, 0o666)
        created = fd >= 0
        if fd < 0 && errno == EEXIST { fd = open(path, flags) }
        if fd < 0 {
            let reason = errno == ENXIO ? "is a FIFO with no reader" : String(cString: strerror(errno))
            throw FileWriteError(path: path, reason: reason)
        }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFCHR && isatty(fd) == 1 {
            close(fd)
            throw FileWriteError(path: path, reason: "is a terminal; record into a file")
        }
        let current = fcntl(fd, F_GETFL)
        if current >= 0 { _ = fcntl(fd, F_SETFL, current & ~O_NONBLOCK) }
    }

    deinit { finish() }

    /// Adds `text`; writes what is pending when `flush` is set or a second has passed since the last write.
    public func append(_ text: String, at time: Double, flush: Bool) {
        if !started {
            started = true
            _ = ftruncate(fd, 0)
        }
        pending += text
        if flush || time - lastFlush >= 1 {
            lastFlush = time
            writePending()
        }
    }

    /// Writes what is pending and closes the file.
    public func finish() {
        guard fd >= 0 else { return }
        writePending()
        close(fd)
        fd = -1
        if created && !started { unlink(path) }
    }

    private func writePending() {
        guard fd >= 0, !pending.isEmpty, failure == nil else { return }
        do {
            try AtomicFile.writeAll(Data(pending.utf8), to: fd) { FileWriteError(path: path, reason: $0) }
        } catch let e as FileWriteError {
            failure = e
        } catch {
            failure = FileWriteError(path: path, reason: "\(error)")
        }
        pending = ""
    }
}
