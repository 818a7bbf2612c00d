import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that could not be read: the path, the limit that applied and why.
public struct FileReadError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// Nothing at the path.
        case missing
        /// The path names a directory.
        case directory
        /// A device, socket or other node that is not a file (its kind, e.g. "a character device").
        case notAFile(String)
        /// More bytes than the limit; `size` where known without reading (regular files).
        case tooLarge(size: Int?)
        /// The bytes are not UTF-8 text (only from `readText`).
        case notUTF8
        /// The operating system refused (open or read), with its message.
        case system(String)
    }

    public var path: String
    public var limit: Int
    public var reason: Reason

    public init(path: String, limit: Int, reason: Reason) {
        self.path = path
        self.limit = limit
        self.reason = reason
    }

    /// What went wrong, without the path (callers with their own error types put the path first).
    public var problem: String {
        switch reason {
        case .missing: return "no such file"
        case .directory: return "is a directory, not a file"
        case .notAFile(let kind): return "is \(kind), not a file"
        case .tooLarge(let size?):
            return "the file is \(size.formatted(.number)) bytes; the limit is \(limit.formatted(.number))"
        case .tooLarge(nil): return "more than \(limit.formatted(.number)) bytes, the limit"
        case .notUTF8: return "not UTF-8 text"
        case .system(let message): return message
        }
    }

    public var description: String { "cannot read \(path): \(problem)" }
}

/// The one way the program reads a file it is given: never more than `limit` bytes, never blocking on a
/// device. Regular files are read to their end (their size is checked first, so an oversized file is
/// refused without being read); pipes and FIFOs (`<(…)`, `/dev/stdin` on a pipe) are read until end of
/// input or until one byte past the limit; devices, sockets and directories are refused.
public enum BoundedFile {
    /// Reads at most `limit` bytes of `path`; a longer file is an error, never truncated silently.
    public static func read(path: String, limit: Int) throws(FileReadError) -> Data {
        let fail = { (reason: FileReadError.Reason) in FileReadError(path: path, limit: limit, reason: reason) }
        // O_NONBLOCK: opening a FIFO without a writer must not wait; cleared below for reading.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            if code == ENOENT { throw fail(.missing) }
            throw fail(.system(String(cString: strerror(code))))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw fail(.system(String(cString: strerror(errno)))) }
        let expected: Int
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            let size = Int(info.st_size)
            if size > limit { throw fail(.tooLarge(size: size)) }
            expected = size
        case S_IFIFO:
            expected = 0
        case S_IFDIR: throw fail(.directory)
        case S_IFCHR: throw fail(.notAFile("a character device"))
        case S_IFBLK: throw fail(.notAFile("a block device"))
        case S_IFSOCK: throw fail(.notAFile("a socket"))
        default: throw fail(.notAFile("a special file"))
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }

        var data = Data()
        // One byte more than expected, so end of file is seen in the same pass; /proc files report size 0.
        data.reserveCapacity(min(limit, expected) + 1)
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let room = limit + 1 - data.count
            if room <= 0 { throw fail(.tooLarge(size: nil)) }
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, min(chunkSize, room)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail(.system(String(cString: strerror(errno))))
            }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        if data.count > limit { throw fail(.tooLarge(size: nil)) }
        return data
    }

    /// `read(path:limit:)` decoded as UTF-8 text.
    public static func readText(path: String, limit: Int) throws(FileReadError) -> String {
        let data = try read(path: path, limit: limit)
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileReadError(path: path, limit: limit, reason: .notUTF8)
        }
        return text
    }
}
