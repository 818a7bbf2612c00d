// Linux only, like the other tmux tests (the Tmux helper lives in TuiEndToEndTests.swift).
#if os(Linux)
import Foundation
import Glibc
import XCTest

/// The class room of `hopfield lecture start` / `lecture join`, reproduced: each person's terminal is a
/// private tmux server of a fixed size whose pane runs the real command, so the lecturer is attached
/// through `lecture start` (a nested tmux client) while students join through `lecture join`. As root
/// (CI), the lecturer and the student are two unix users created for the test, so the group permissions
/// are exercised as on a teaching server.
final class LectureSharingTests: XCTestCase {
    var terminals: [Tmux] = []
    /// The class's socket, in a directory `lecture start` creates.
    var socket = ""

    override func setUpWithError() throws {
        guard Tmux.executable != nil else { throw XCTSkip("tmux is not installed: the terminal end-to-end tests need it (CI installs it)") }
        // Under /tmp, not TMPDIR: the test's users must be able to create the directory.
        socket = "/tmp/hopfield-lecture-\(getpid())-\(UUID().uuidString.prefix(8))/class.sock"
    }

    override func tearDownWithError() throws {
        lectureServer(["kill-server"])
        for t in terminals { t.killServer() }
        try? FileManager.default.removeItem(atPath: (socket as NSString).deletingLastPathComponent)
    }

    func waitFor(_ what: String, on terminal: Tmux, timeout: Double = 20, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = terminal.capture()
            if condition(screen) { return screen }
            usleep(50_000)
        }
        XCTFail("timed out waiting for \(what); the screen was:\n\(screen)")
        throw XCTSkip("gave up after the failure above")
    }

    /// A tmux command on the class's server (root and the lecturer may always connect).
    @discardableResult
    func lectureServer(_ args: [String]) -> String {
        guard let first = terminals.first else { return "" }
        return first.run(["-S", socket] + args).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A terminal of the given size running `hopfield ARGS` (as `user` when given), then `EXITED status`.
    /// It is a tmux pane, so `lecture start` and `join` run from inside tmux (TMUX is set), as they may.
    func terminal(width: Int, height: Int, user: String? = nil, _ arguments: [String]) throws -> Tmux {
        let env = "env LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=\(Tmux.term) TMPDIR=/tmp"
        let runAs = user.map { "/usr/sbin/runuser -u \($0) -- " } ?? ""
        let command = "\(runAs)\(env) \(Tmux.quote(Hopfield.binary.path)) \(arguments.map(Tmux.quote).joined(separator: " ")); echo EXITED $?; sleep 120"
        let t = try Tmux(width: width, height: height, directory: "/tmp", command: command)
        terminals.append(t)
        return t
    }

    /// The whole room: lecturer at 100x31, a student at 80x24 who sees the whole view, the students' keys
    /// ignored, a bigger student joining and the small one leaving, and the lecturer ending it.
    func runRoom(lecturer lecturerUser: String? = nil, student studentUser: String? = nil, group: String? = nil) throws {
        let place = ["--socket", socket, "--session", "class"]
        let lecturer = try terminal(width: 100, height: 31, user: lecturerUser,
                                    ["lecture", "start"] + place + (group.map { ["--group", $0] } ?? []) + ["--", "lesson", "1"])
        _ = try waitFor("the lesson in the lecturer's terminal", on: lecturer) { $0.contains("Step 1/4") && $0.contains("PAUSED") }
        XCTAssertEqual(lectureServer(["show-options", "-gv", "window-size"]), "smallest")

        // A student on an 80x24 terminal: the shared window shrinks to it and the view re-lays itself out.
        let small = try terminal(width: 80, height: 24, user: studentUser, ["lecture", "join"] + place)
        let seen = try waitFor("the whole view at 80x24 in the student's terminal", on: small) {
            $0.contains("Step 1/4") && $0.contains("N=100") && $0.contains("PAUSED") && $0.contains("q quit") && $0.contains("The state shown is the stored R")
        }
        XCTAssertEqual(lectureServer(["display-message", "-p", "-t", "class", "#{window_width}x#{window_height}"]), "80x24")
        let rows = seen.components(separatedBy: "\n")
        XCTAssertTrue(rows.first?.contains("hopfield") == true, "the title bar is the first row:\n\(seen)")
        XCTAssertTrue(rows.contains { $0.hasPrefix("└") }, "the caption's frame closes on screen:\n\(seen)")
        let clients = lectureServer(["list-clients", "-F", "#{client_width}x#{client_height} #{client_flags}"])
        XCTAssertTrue(clients.contains("80x24 ") && clients.contains("read-only") && !clients.contains("ignore-size"), clients)

        // The student's keys go nowhere: quit, run, next step. Then the lecturer steps on once; had a
        // student's PageDown got through, the lesson would be at step 3.
        small.send("q")
        small.send(" ")
        small.send("PageDown", literal: false)
        small.send(">")
        usleep(300_000)
        lecturer.send("PageDown", literal: false)
        _ = try waitFor("step 2 for the student", on: small) { $0.contains("Step 2/4") }
        usleep(500_000)
        let after = lecturer.capture()
        XCTAssertTrue(after.contains("Step 2/4") && after.contains("PAUSED") && !after.contains("EXITED"), after)

        // A bigger student joins and the small one leaves: the window grows to the lecturer's terminal.
        let big = try terminal(width: 110, height: 36, user: studentUser, ["lecture", "join"] + place)
        _ = try waitFor("step 2 in the big terminal", on: big) { $0.contains("Step 2/4") }
        small.killServer()
        terminals.removeAll { $0 === small }
        let deadline = Date().addingTimeInterval(20)
        while lectureServer(["display-message", "-p", "-t", "class", "#{window_width}x#{window_height}"]) != "100x31", Date() < deadline {
            usleep(50_000)
        }
        XCTAssertEqual(lectureServer(["display-message", "-p", "-t", "class", "#{window_width}x#{window_height}"]), "100x31")
        // At 100 columns the hint line has room for keys the 80-column one left out.
        _ = try waitFor("the view re-laid out at 100x31", on: big) { $0.contains("Step 2/4") && $0.contains("e explain") }

        // The lecturer ends the lecture: everyone is let go, and the socket is removed.
        lecturer.send("q")
        let end = try waitFor("the lecture to end", on: lecturer) { $0.contains("EXITED") }
        XCTAssertTrue(end.contains("The lecture has ended.") && end.contains("EXITED 0"), end)
        _ = try waitFor("the student to be let go", on: big) { $0.contains("EXITED 0") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: socket))
    }

    /// As whoever runs the tests (their primary group).
    func testClassRoom() throws {
        try runRoom()
    }

    /// Two real unix users in a class group: the directory and socket belong to the lecturer and the
    /// group, nobody else can write them, the student is read-only per user, and an outsider is refused.
    func testClassRoomWithUnixUsers() throws {
        guard geteuid() == 0 else { throw XCTSkip("creating unix users needs root (CI runs as root)") }
        let users = try TestUsers(tag: "\(getpid() % 100_000)")
        addTeardownBlock { users.remove() }

        let lecturer = try terminal(width: 100, height: 31, user: users.lecturer,
                                    ["lecture", "start", "--socket", socket, "--session", "class", "--group", users.group])
        _ = try waitFor("the live view in the lecturer's terminal", on: lecturer) { $0.contains("PAUSED") }
        let dir = (socket as NSString).deletingLastPathComponent
        let dirInfo = try FileManager.default.attributesOfItem(atPath: dir)
        XCTAssertEqual(dirInfo[.ownerAccountName] as? String, users.lecturer)
        XCTAssertEqual(dirInfo[.groupOwnerAccountName] as? String, users.group)
        XCTAssertEqual((dirInfo[.posixPermissions] as? NSNumber)?.intValue, 0o750)
        let sockInfo = try FileManager.default.attributesOfItem(atPath: socket)
        XCTAssertEqual(sockInfo[.groupOwnerAccountName] as? String, users.group)
        let sockMode = (sockInfo[.posixPermissions] as? NSNumber)?.intValue ?? -1
        XCTAssertEqual(sockMode & 0o060, 0o060, "group read-write: \(String(sockMode, radix: 8))")
        XCTAssertEqual(sockMode & 0o007, 0, "nothing for others: \(String(sockMode, radix: 8))")
        XCTAssertTrue(lectureServer(["server-access", "-l"]).contains("\(users.student) (R)"), lectureServer(["server-access", "-l"]))

        // Someone outside the group is refused with a message, without a terminal or tmux involved.
        let outsider = try runAs(users.outsider, ["lecture", "join", "--socket", socket, "--session", "class"])
        XCTAssertNotEqual(outsider.status, 0)
        XCTAssertTrue(outsider.output.contains("you may not connect to the lecture"), outsider.output)

        // Read-only is the server's rule for the student, not the client's choice: typing tmux commands
        // directly changes nothing either.
        let typed = try runAs(users.student, ["-S", socket, "send-keys", "-t", "class", "q"], program: Tmux.executable ?? "/usr/bin/tmux")
        XCTAssertNotEqual(typed.status, 0, typed.output)
        usleep(300_000)
        XCTAssertFalse(lecturer.capture().contains("EXITED"), "a student's send-keys reached the view")

        // The lecturer detaches (tmux prefix, d): told how to come back, and the lecture goes on.
        lecturer.send("C-b", literal: false)
        lecturer.send("d")
        let left = try waitFor("the lecturer to detach", on: lecturer) { $0.contains("EXITED") }
        XCTAssertTrue(left.contains("You left the lecture; it goes on.") && left.contains("EXITED 0"), left)
        XCTAssertEqual(lectureServer(["list-sessions", "-F", "#{session_name}"]), "class")
        lectureServer(["kill-server"])
        for t in terminals { t.killServer() }
        terminals.removeAll()
        try? FileManager.default.removeItem(atPath: dir)
        try runRoom(lecturer: users.lecturer, student: users.student, group: users.group)
    }

    /// A lecturer who is not in the group is told so, and what to run, before anything is created.
    func testStartRefusesAGroupTheLecturerIsNotIn() throws {
        guard geteuid() == 0 else { throw XCTSkip("creating unix users needs root (CI runs as root)") }
        let users = try TestUsers(tag: "\(getpid() % 100_000)r")
        addTeardownBlock { users.remove() }
        let r = try runAs(users.outsider, ["lecture", "start", "--socket", socket, "--group", users.group])
        XCTAssertEqual(r.status, 1, r.output)
        XCTAssertTrue(r.output.contains("you are not a member of group \(users.group)"), r.output)
        XCTAssertTrue(r.output.contains("usermod -aG \(users.group) \(users.outsider)"), r.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: (socket as NSString).deletingLastPathComponent), "nothing created")
    }

    /// `hopfield lecture` prints the guide, built on the two commands.
    func testGuideNamesTheTwoCommands() throws {
        let r = try Hopfield.run(["lecture"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("hopfield lecture start --group students -- lesson 1"), r.stdout)
        XCTAssertTrue(r.stdout.contains("hopfield lecture join"), r.stdout)
    }

    /// A view that cannot open is reported before anything is created.
    func testStartRefusesABadViewFirst() throws {
        let r = try Hopfield.run(["lecture", "start", "--socket", socket, "--", "lesson", "no-such-lesson"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("no-such-lesson: no such file, and no bundled lesson"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: (socket as NSString).deletingLastPathComponent))
    }

    func testJoinWithoutALecture() throws {
        let r = try Hopfield.run(["lecture", "join", "--socket", socket])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("no lecture is running on \(socket)"), r.stderr)
    }

    /// Runs `hopfield ARGS` (or another program) as another user, without a terminal; returns the status and
    /// both outputs.
    func runAs(_ user: String, _ arguments: [String], program: String = Hopfield.binary.path) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        p.arguments = ["-u", user, "--", program] + arguments
        p.environment = ["PATH": "/usr/bin:/bin", "TMPDIR": "/tmp", "LC_ALL": "C.UTF-8"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A class group with a lecturer and a student in it, and an outsider not in it: real unix accounts
/// (no home directories), named after the test process so parallel runs do not collide; removed by
/// `remove()`, and any left by an earlier crashed run are removed first.
struct TestUsers {
    let group: String
    let lecturer: String
    let student: String
    let outsider: String

    init(tag: String) throws {
        group = "hflg\(tag)"
        lecturer = "hfll\(tag)"
        student = "hfls\(tag)"
        outsider = "hflo\(tag)"
        remove()
        try Self.run("/usr/sbin/groupadd", [group])
        try Self.run("/usr/sbin/useradd", ["-M", "-s", "/bin/sh", "-G", group, lecturer])
        try Self.run("/usr/sbin/useradd", ["-M", "-s", "/bin/sh", "-G", group, student])
        try Self.run("/usr/sbin/useradd", ["-M", "-s", "/bin/sh", outsider])
    }

    func remove() {
        for user in [lecturer, student, outsider] { try? Self.run("/usr/sbin/userdel", ["-f", user], quiet: true) }
        try? Self.run("/usr/sbin/groupdel", [group], quiet: true)
    }

    static func run(_ tool: String, _ arguments: [String], quiet: Bool = false) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        if quiet { p.standardError = FileHandle.nullDevice }
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw NSError(domain: "TestUsers", code: Int(p.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "\(tool) \(arguments.joined(separator: " ")) failed (status \(p.terminationStatus))"])
        }
    }
}
#endif
