import EnergyModels
import Foundation
import XCTest

/// Items 8 and 10 of the hardening issue: what the atomic write does with each kind of path.
final class AtomicFileTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try temporaryDirectory(for: self) }

    func mode(_ path: String) throws -> Int {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    func writeError(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    func testItem8_symlinkTargetWrittenAtomically() throws {
        let real = dir + "/real.json", link = dir + "/link.json", chain = dir + "/chain.json"
        try "old".write(toFile: real, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.json")  // relative
        try FileManager.default.createSymbolicLink(atPath: chain, withDestinationPath: link)
        try AtomicFile.write("new", to: chain)
        XCTAssertEqual(try String(contentsOfFile: real, encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "real.json", "the link stays a link")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: chain), link)
        // A dangling link: its target is created.
        let dangling = dir + "/dangling"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: dir + "/created.txt")
        try AtomicFile.write("made", to: dangling)
        XCTAssertEqual(try String(contentsOfFile: dir + "/created.txt", encoding: .utf8), "made")
        // No temporary file is left beside the target.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }, [])
    }

    func testItem8_existingModeKept() throws {
        let path = dir + "/secret.json"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(path, 0o600), 0)
        try AtomicFile.write("new", to: path)
        XCTAssertEqual(try mode(path), 0o600)
        XCTAssertEqual(chmod(path, 0o640), 0)
        try AtomicFile.write("newer", to: path)
        XCTAssertEqual(try mode(path), 0o640)
        // A new file gets 0666 less the umask, not mkstemp's 0600.
        let mask = umask(0o022)
        defer { umask(mask) }
        try AtomicFile.write("x", to: dir + "/fresh")
        XCTAssertEqual(try mode(dir + "/fresh"), 0o644)
    }

    func testItem8_fifoWrittenThroughOrRefusedWithoutReader() throws {
        let fifo = dir + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertEqual(writeError { try AtomicFile.write("x", to: fifo) }, "cannot write \(fifo): is a FIFO with no reader")
        // With a reader it is written through and stays a FIFO.
        let readFD = open(fifo, O_RDONLY | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(readFD, 0)
        defer { close(readFD) }
        try AtomicFile.write("through", to: fifo)
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(readFD, &buffer, 64)
        XCTAssertEqual(String(decoding: buffer[0..<max(n, 0)], as: UTF8.self), "through")
        var info = stat()
        XCTAssertEqual(lstat(fifo, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)
    }

    func testItem8_devicesAndDirectoriesRefusedWithTheTrueReason() throws {
        XCTAssertEqual(writeError { try AtomicFile.write("x", to: "/dev/zero") },
                       "cannot write /dev/zero: is a device; only regular files, FIFOs and terminals are written")
        XCTAssertEqual(writeError { try AtomicFile.write("x", to: dir) }, "cannot write \(dir): is a directory")
        // /dev/zero is still a device (never replaced by a regular file), /dev/null discards.
        var info = stat()
        XCTAssertEqual(stat("/dev/zero", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR)
        XCTAssertNil(writeError { try AtomicFile.write("x", to: "/dev/null") })
        XCTAssertEqual(stat("/dev/null", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR)
        XCTAssertTrue(AtomicFile.isStandardOutput("/dev/stdout"))
        XCTAssertTrue(AtomicFile.isStandardOutput("/proc/self/fd/1"))
        XCTAssertFalse(AtomicFile.isStandardOutput("/dev/stderr"))
    }

    /// A temporary file left by a writer killed mid-write (no lock held) goes on the next write to the
    /// same target; one a live writer holds locked stays.
    func testItem10_staleTemporaryRemovedOnNextWrite() throws {
        let target = dir + "/model.json"
        let stale = dir + "/.model.json.tmp-AbC123", live = dir + "/.model.json.tmp-LiVe99"
        let other = dir + "/.other.json.tmp-AbC123", unrelated = dir + "/.model.json.tmp-keep-me"
        for p in [stale, live, other, unrelated] { try "partial".write(toFile: p, atomically: false, encoding: .utf8) }
        let liveFD = open(live, O_RDONLY)
        XCTAssertEqual(flock(liveFD, LOCK_EX), 0)
        defer { close(liveFD) }
        try AtomicFile.write("complete", to: target)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
        XCTAssertEqual(left, [".model.json.tmp-LiVe99", ".other.json.tmp-AbC123", ".model.json.tmp-keep-me", "model.json"])
    }
}
