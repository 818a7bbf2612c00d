import EnergyModels
import Foundation
import Patterns
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system side of `hopfield lecture start/join`: unix groups, the socket's directory and the tmux
/// client. Every C call of the lecture commands is here; everything is checked before anything is
/// created, so a refusal leaves no trace.
enum LectureRoom {
    static let defaultSocket = "/tmp/hopfield-lecture/lecture.sock"
    static let defaultSession = "lecture"
    /// `server-access` (per-user access and read-only) came with tmux 3.3.
    static let minimumTmux = (major: 3, minor: 3)

    /// A unix group and the users in it (by `/etc/group` or as their primary group).
    struct ClassGroup {
        var name: String
        var gid: gid_t
        var members: [String]

        /// The named group, or the caller's primary group.
        static func lookup(_ name: String?) throws -> ClassGroup {
            let entry = name.map { getgrnam($0) } ?? getgrgid(getgid())
            guard let entry else {
                throw CLIError("--group \(Sanitize.terminal(name ?? "")): no such group (see `getent group`)")
            }
            let gid = entry.pointee.gr_gid
            var members: [String] = []
            if var p = entry.pointee.gr_mem {
                while let m = p.pointee { members.append(String(cString: m)); p += 1 }
            }
            let groupName = String(cString: entry.pointee.gr_name)
            setpwent()
            while let pw = getpwent() {
                if pw.pointee.pw_gid == gid { members.append(String(cString: pw.pointee.pw_name)) }
            }
            endpwent()
            // Each once, and only users that exist (tmux refuses to list unknown ones).
            var seen = Set<String>()
            members = members.filter { getpwnam($0) != nil && seen.insert($0).inserted }
            return ClassGroup(name: groupName, gid: gid, members: members)
        }
    }

    static var userName: String {
        getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid \(geteuid())"
    }

    /// The groups of this login (effective and supplementary): `chown` to a group needs one of them.
    static var loginGroups: [gid_t] {
        let n = getgroups(0, nil)
        var groups = [gid_t](repeating: 0, count: Int(max(n, 0)))
        let got = groups.withUnsafeMutableBufferPointer { getgroups(n, $0.baseAddress) }
        return [getegid()] + groups.prefix(Int(max(got, 0)))
    }

    static func groupName(_ gid: gid_t) -> String {
        getgrgid(gid).map { String(cString: $0.pointee.gr_name) } ?? "\(gid)"
    }

    /// Refuses, saying what to run, when this login cannot hand a file to `group`.
    static func checkCanGive(to group: ClassGroup) throws {
        guard geteuid() != 0, !loginGroups.contains(group.gid) else { return }
        let user = userName
        let mine = Set(loginGroups).map(groupName).sorted().joined(separator: ", ")
        let why = group.members.contains(user)
            ? "you were added to group \(group.name) after this login began. Log out and in again (or run `newgrp \(group.name)`), then run this again"
            : "you are not a member of group \(group.name) in this login. Ask an administrator to run `usermod -aG \(group.name) \(user)`, then log in again; or give a group you are in with --group (yours: \(mine))"
        throw CLIError("cannot give the lecture socket to group \(group.name): \(why). Nothing was created.")
    }

    // MARK: - The socket's directory

    /// What `prepareDirectory` will do with the socket's directory.
    enum DirectoryPlan { case create, keep }

    /// Checks the socket's directory: it must be the lecturer's own, writable by nobody else, and let the
    /// group in; a missing one will be created (its parent must exist).
    static func planDirectory(for socket: String, group: ClassGroup) throws -> DirectoryPlan {
        let dir = (socket as NSString).deletingLastPathComponent
        let shown = Sanitize.terminal(dir)
        var st = stat()
        guard lstat(dir, &st) == 0 else {
            let parent = (dir as NSString).deletingLastPathComponent
            var ps = stat()
            guard errno == ENOENT, stat(parent.isEmpty ? "/" : parent, &ps) == 0, ps.st_mode & S_IFMT == S_IFDIR else {
                throw CLIError("--socket: cannot use the directory \(shown) (\(String(cString: strerror(errno)))). Nothing was created.")
            }
            return .create
        }
        let mode = st.st_mode & 0o7777
        guard st.st_mode & S_IFMT == S_IFDIR else {
            throw CLIError("--socket: \(shown) is not a directory (a symbolic link is not accepted either). Nothing was created.")
        }
        guard st.st_uid == geteuid() else {
            throw CLIError("--socket: the directory \(shown) belongs to \(owner(st.st_uid)), not to you; give a socket in a directory of your own, e.g. --socket /tmp/\(userName)-lecture/lecture.sock. Nothing was created.")
        }
        guard mode & 0o022 == 0 else {
            throw CLIError("--socket: the directory \(shown) is writable by others (mode \(String(mode, radix: 8))), so they could replace the socket; give a socket in a directory only you can write, e.g. --socket /tmp/\(userName)-lecture/lecture.sock. Nothing was created.")
        }
        guard (st.st_gid == group.gid && mode & 0o010 != 0) || mode & 0o001 != 0 else {
            throw CLIError("--socket: group \(group.name) cannot enter the directory \(shown) (group \(groupName(st.st_gid)), mode \(String(mode, radix: 8))); run `chgrp \(group.name) \(shown) && chmod 750 \(shown)`, or give a socket in a new directory. Nothing was created.")
        }
        return .keep
    }

    static func owner(_ uid: uid_t) -> String {
        getpwuid(uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(uid)"
    }

    /// Creates the directory (rwxr-x---, the class's group) when planned.
    static func prepareDirectory(for socket: String, plan: DirectoryPlan, group: ClassGroup) throws {
        guard case .create = plan else { return }
        let dir = (socket as NSString).deletingLastPathComponent
        guard mkdir(dir, 0o700) == 0 else { throw CLIError("cannot create \(Sanitize.terminal(dir)): \(String(cString: strerror(errno)))") }
        try giveToGroup(dir, group: group, mode: 0o750)
    }

    /// Sets a file's group and mode (mode after the group, so it never is group-accessible to another group).
    static func giveToGroup(_ path: String, group: ClassGroup, mode: mode_t) throws {
        guard chown(path, uid_t.max, group.gid) == 0, chmod(path, mode) == 0 else {
            throw CLIError("cannot give \(Sanitize.terminal(path)) to group \(group.name): \(String(cString: strerror(errno)))")
        }
    }

    enum PathState { case missing, hidden, socket, other }

    /// What is at `path`: nothing, something this user may not look at (`hidden`), a socket, or other.
    static func pathState(_ path: String) -> PathState {
        var st = stat()
        guard lstat(path, &st) == 0 else { return errno == EACCES ? .hidden : .missing }
        return st.st_mode & S_IFMT == S_IFSOCK ? .socket : .other
    }

    /// Removes a socket no server listens on any more (nothing else).
    static func removeSocket(_ path: String) {
        if pathState(path) == .socket { unlink(path) }
    }

    /// Whether this user may connect to the socket (write permission on it, search on its directory).
    static func canConnect(_ path: String) -> Bool { access(path, W_OK) == 0 }

    /// "PATH: owner, group, mode" for the socket, or for its directory when the socket cannot be seen.
    static func describe(_ path: String) -> String {
        var st = stat()
        let shown = stat(path, &st) == 0 ? path : (path as NSString).deletingLastPathComponent
        guard stat(shown, &st) == 0 else { return Sanitize.terminal(shown) }
        return "\(Sanitize.terminal(shown)): owner \(owner(st.st_uid)), group \(groupName(st.st_gid)), mode \(String(st.st_mode & 0o777, radix: 8))"
    }

    static var isTerminal: Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// This program, to run in the lecture's pane.
    static var executable: String {
        Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? CommandLine.arguments[0]
    }
}

/// A tmux client on one socket. Client commands are spawned and reaped directly: `new-session` forks
/// the server, which would keep a pipe to us open for its lifetime, so output goes through a file.
struct TmuxClient {
    var executable: String
    var socket: String

    /// Finds tmux on PATH and checks its version; tmux inside tmux needs TMUX unset, so it is unset here.
    init(socket: String) throws {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let path = dirs.map({ "\($0)/tmux" }).first(where: { (p: String) in access(p, X_OK) == 0 }) else {
            throw CLIError("tmux is not installed (the class shares one tmux session); install it, e.g. `apt-get install tmux`")
        }
        executable = path
        self.socket = socket
        unsetenv("TMUX")
        let version = Self.run([path, "-V"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let numbers = version.drop { !$0.isNumber }.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        let (major, minor) = LectureRoom.minimumTmux
        guard numbers.count == 2, (numbers[0], numbers[1]) >= (major, minor) else {
            throw CLIError("\(Sanitize.terminal(version.isEmpty ? "tmux" : version)) is too old: sharing read-only per user needs tmux \(major).\(minor) or later (`server-access`)")
        }
    }

    /// Runs a tmux command (several may be joined with ";" as in tmux's own syntax).
    @discardableResult
    func callAsFunction(_ args: [String]) -> (status: Int32, output: String) {
        Self.run([executable, "-S", socket] + args)
    }

    /// Runs tmux on the terminal (attach) and returns its exit status.
    func attach(_ args: [String]) -> Int32 {
        Self.spawn([executable, "-S", socket] + args, output: nil)
    }

    /// Runs a command with stdin from /dev/null and stdout and stderr captured in an unlinked temporary
    /// file (nothing is left behind, however this process ends).
    static func run(_ argv: [String]) -> (status: Int32, output: String) {
        var template = Array((NSTemporaryDirectory() + "hopfield-tmux-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { return (spawn(argv, output: nil), "") }
        unlink(template)
        let file = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        let status = spawn(argv, output: fd)
        lseek(fd, 0, SEEK_SET)
        return (status, String(decoding: file.readDataToEndOfFile(), as: UTF8.self))
    }

    /// posix_spawn + waitpid; with `output`, stdin is /dev/null and stdout and stderr go to that descriptor,
    /// else all three are this process's (the terminal, for attach).
    private static func spawn(_ argv: [String], output: Int32?) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let output {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, output, 1)
            posix_spawn_file_actions_adddup2(&actions, output, 2)
            posix_spawn_file_actions_addclose(&actions, output)
        }
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        var pid = pid_t()
        guard posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ) == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
