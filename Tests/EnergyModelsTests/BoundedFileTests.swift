import EnergyModels
import Foundation
import XCTest

/// Item 4 of the hardening issue: one capped reader for every file the program reads.
final class BoundedFileTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try temporaryDirectory(for: self) }

    func reason(_ body: () throws -> Data) -> FileReadError.Reason? {
        do { _ = try body(); return nil } catch let e as FileReadError { return e.reason } catch { return nil }
    }

    func testItem4_regularFilesReadWholeUpToTheLimit() throws {
        let path = dir + "/a.txt"
        try Data(repeating: 65, count: 1000).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try BoundedFile.read(path: path, limit: 1000).count, 1000)
        XCTAssertEqual(try BoundedFile.readText(path: path, limit: 1000), String(repeating: "A", count: 1000))
        // Over the limit: refused with the size and the limit, naming the path.
        XCTAssertThrowsError(try BoundedFile.read(path: path, limit: 999)) { error in
            let e = error as? FileReadError
            XCTAssertEqual(e?.reason, .tooLarge(size: 1000))
            XCTAssertEqual(e?.description, "cannot read \(path): the file is 1,000 bytes; the limit is 999")
        }
        // /proc files report size 0 yet have content: read to their end.
        XCTAssertTrue(try BoundedFile.readText(path: "/proc/self/status", limit: 1 << 20).contains("VmRSS"))
    }

    func testItem4_devicesDirectoriesAndMissingFilesRefused() throws {
        let start = ContinuousClock.now
        XCTAssertEqual(reason { try BoundedFile.read(path: "/dev/zero", limit: 1 << 20) }, .notAFile("a character device"))
        XCTAssertEqual(reason { try BoundedFile.read(path: "/dev/null", limit: 1 << 20) }, .notAFile("a character device"))
        XCTAssertEqual(reason { try BoundedFile.read(path: dir, limit: 1 << 20) }, .directory)
        XCTAssertEqual(reason { try BoundedFile.read(path: dir + "/none", limit: 1 << 20) }, .missing)
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(1))
        let bad = dir + "/bad.txt"
        try Data([0xFF, 0xFE, 0x41]).write(to: URL(fileURLWithPath: bad))
        XCTAssertThrowsError(try BoundedFile.readText(path: bad, limit: 10)) { XCTAssertEqual(($0 as? FileReadError)?.reason, .notUTF8) }
    }

    /// A FIFO fed without end is read up to one byte past the limit, then refused; one without a writer
    /// does not block the open.
    func testItem4_fifosAreCappedNeverReadForever() throws {
        let fifo = dir + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // No writer: empty, at once.
        XCTAssertEqual(try BoundedFile.read(path: fifo, limit: 100).count, 0)
        // An endless writer: `yes` fills the pipe for ever.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "exec yes > '\(fifo)'"]
        try writer.run()
        defer { writer.terminate(); writer.waitUntilExit() }
        // Wait until the writer has the FIFO open, then read: capped at the limit.
        var result: FileReadError.Reason?
        let deadline = Date().addingTimeInterval(10)
        repeat {
            result = reason { try BoundedFile.read(path: fifo, limit: 1 << 20) }
            if result == nil { usleep(20_000) }
        } while result == nil && Date() < deadline
        XCTAssertEqual(result, .tooLarge(size: nil))
        XCTAssertEqual(FileReadError(path: fifo, limit: 1 << 20, reason: .tooLarge(size: nil)).problem, "more than 1,048,576 bytes, the limit")
    }
}
