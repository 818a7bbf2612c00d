import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure writing a file, naming the path.
public struct FileWriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
}

/// The one way the program writes a file it is asked to write.
///
/// - A regular file (or a new one) is replaced atomically: the bytes go to a temporary file beside it,
///   are flushed to disk, and the temporary file is renamed over it, so a reader sees the old file or the
///   new one, never a part. An existing file keeps its permission bits (and, for root, its owner).
/// - A symbolic link is followed: its final target is replaced, the link stays a link.
/// - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` write through to that descriptor of
///   this process (so `--output /dev/stdout` works, in a pipe or redirected with `>>`).
/// - A FIFO or a terminal is written through (not atomic: there is nothing to replace); a FIFO with no
///   reader is refused rather than waited on. `/dev/null` discards.
/// - Anything else (a directory, another device, a socket) is refused, saying what it is.
///
/// Temporary files are named `.NAME.tmp-XXXXXX` and locked while in use; one left behind by a killed
/// process (its lock died with it) is removed by the next write to the same target.
public enum AtomicFile {
    /// The prefix of temporary files for the target file name `base`.
    static func temporaryPrefix(_ base: String) -> String { ".\(base).tmp-" }

    public static func write(_ data: Data, to path: String) throws {
        let fail = { (reason: String) in FileWriteError(path: path, reason: reason) }
        if let fd = ownDescriptor(path) { return try writeAll(data, to: fd, fail: fail) }
        let target = try resolveLinks(path, fail: fail)
        var info = stat()
        if stat(target, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                try replace(target, with: data, keeping: info, fail: fail)
            case S_IFIFO, S_IFCHR:
                try writeThrough(target, data, isFIFO: info.st_mode & S_IFMT == S_IFIFO, fail: fail)
            case S_IFDIR: throw fail("is a directory")
            case S_IFBLK: throw fail("is a block device; only regular files, FIFOs and terminals are written")
            case S_IFSOCK: throw fail("is a socket; only regular files, FIFOs and terminals are written")
            default: throw fail("is not a regular file")
            }
        } else if errno == ENOENT {
            try replace(target, with: data, keeping: nil, fail: fail)
        } else {
            throw fail(errorText())
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// True if `path` names this process's standard output (`/dev/stdout`, `/dev/fd/1`, …): a command writing
    /// its file there sends its own report to standard error instead.
    public static func isStandardOutput(_ path: String) -> Bool { ownDescriptor(path) == 1 }

    /// The descriptor a path names in this process (`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`), if open.
    static func ownDescriptor(_ path: String) -> Int32? {
        let number: Int32?
        switch path {
        case "/dev/stdout": number = 1
        case "/dev/stderr": number = 2
        default:
            let prefixes = ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/"]
            number = prefixes.first(where: path.hasPrefix).flatMap { Int32(path.dropFirst($0.count)) }
        }
        guard let number, number >= 0, fcntl(number, F_GETFD) >= 0 else { return nil }
        return number
    }

    /// Follows symbolic links to the path they finally name (which need not exist yet).
    static func resolveLinks(_ path: String, fail: (String) -> FileWriteError) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            if n < 0 { throw fail(errorText()) }
            let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : (directory(of: current) as NSString).appendingPathComponent(link)
        }
        throw fail("too many levels of symbolic links")
    }

    static func directory(of path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }

    /// Writes `data` to a locked temporary file beside `target`, then renames it over `target`.
    static func replace(_ target: String, with data: Data, keeping existing: stat?, fail: (String) -> FileWriteError) throws {
        let dir = directory(of: target)
        let base = (target as NSString).lastPathComponent
        removeStaleTemporaries(in: dir, base: base)
        var template = Array("\(dir)/\(temporaryPrefix(base))XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw fail(errorText()) }
        let tmpPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var renamed = false
        defer {
            close(fd)
            if !renamed { unlink(tmpPath) }
        }
        // Held until close: tells a later writer this temporary file is in use, not stale.
        _ = flock(fd, LOCK_EX)
        try writeAll(data, to: fd, fail: fail)
        if fsync(fd) != 0 { throw fail(errorText()) }
        if let existing {
            if geteuid() == 0 { _ = fchown(fd, existing.st_uid, existing.st_gid) }
            fchmod(fd, existing.st_mode & 0o7777)
        } else {
            // mkstemp creates 0600; a new file gets the usual umask-governed mode.
            let mask = umask(0)
            umask(mask)
            fchmod(fd, 0o666 & ~mask)
        }
        if rename(tmpPath, target) != 0 { throw fail(errorText()) }
        renamed = true
        // Make the rename itself durable.
        let dirFD = open(dir, O_RDONLY | O_CLOEXEC)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }

    /// Removes `.BASE.tmp-XXXXXX` files in `dir` that no live writer holds locked: leftovers of a process
    /// killed mid-write. Failures are ignored (the write itself reports what matters).
    static func removeStaleTemporaries(in dir: String, base: String) {
        let prefix = temporaryPrefix(base)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in names where name.hasPrefix(prefix) && name.utf8.count == prefix.utf8.count + 6 {
            let path = (dir as NSString).appendingPathComponent(name)
            let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else { continue }
            var info = stat()
            if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, flock(fd, LOCK_EX | LOCK_NB) == 0 {
                unlink(path)
            }
            close(fd)
        }
    }

    /// Writes to a FIFO or a character device that is a terminal or /dev/null, in place.
    static func writeThrough(_ target: String, _ data: Data, isFIFO: Bool, fail: (String) -> FileWriteError) throws {
        // Non-blocking open: a FIFO without a reader fails with ENXIO instead of waiting for ever.
        let fd = open(target, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENXIO && isFIFO { throw fail("is a FIFO with no reader") }
            throw fail(errorText())
        }
        defer { close(fd) }
        if !isFIFO && isatty(fd) == 0 && !isDevNull(fd) {
            throw fail("is a device; only regular files, FIFOs and terminals are written")
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        try writeAll(data, to: fd, fail: fail)
    }

    static func isDevNull(_ fd: Int32) -> Bool {
        var a = stat(), b = stat()
        return fstat(fd, &a) == 0 && stat("/dev/null", &b) == 0 && a.st_rdev == b.st_rdev && a.st_mode & S_IFMT == S_IFCHR
    }

    /// Writes all of `data` to a descriptor (retrying short writes and EINTR).
    public static func writeAll(_ data: Data, to fd: Int32, fail: (String) -> FileWriteError) throws {
        var failure: String? = nil
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errorText()
                    return
                }
                offset += n
            }
        }
        if let failure { throw fail(failure) }
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
