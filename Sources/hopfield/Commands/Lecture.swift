import ArgumentParser
import EnergyModels
import Foundation
import Patterns

/// `hopfield lecture` (and `hopfield help lecture`): how to run a lecture with the program; `lecture start`
/// and `lecture join` share one screen with a class over SSH.
struct Lecture: ParsableCommand {
    static let guide = """
    Teaching with hopfield

    1. Prepare. `hopfield lesson` lists the bundled lessons; `hopfield lesson
       capacity` (or `hopfield lesson 4`) runs one. Step with PageDown/PageUp
       (or > and <); every other key works as usual, so you can improvise and
       come back. Write your own lessons as text files (format:
       patterns/lessons/README.md) and run them with `hopfield lesson
       my-lesson.txt`.

    2. Rehearse and record. `hopfield lesson capacity --record demo.rec` (or
       `hopfield --record demo.rec`) saves the command line, the seed and every
       key and mouse event with its time. `hopfield replay demo.rec` plays it
       back exactly: same random numbers, same screens (--speed 2 for twice as
       fast). A recording is also the best bug report.

    3. Share one screen with the class, read-only, over SSH (tmux 3.3 or later
       on the server; the students log in to the same machine):

         # lecturer: the students are the members of group `students`
         hopfield lecture start --group students -- lesson 1

         # each student, from their own SSH login:
         hopfield lecture join

       `lecture start` puts the session's socket in a directory of yours
       (default \(LectureRoom.defaultSocket)) that the group can enter and
       nobody else can write, gives the socket to the group, lets each member
       attach read-only (`server-access -r`, per user), sets `window-size
       smallest` and attaches you. Without --group it uses your primary
       group; the command after `--` is the view to show (default: the live
       view). It refuses, saying what to run, before creating anything if
       you cannot give the socket to the group (not a member in this login).
       `lecture join` attaches read-only without ignore-size: the view takes
       the size of the smallest terminal attached and re-lays itself out when
       someone joins or leaves, and a student's keys change nothing. A student
       added to the group after the start is let in with `tmux -S SOCKET
       server-access -a -r NAME`. Detach with your tmux prefix and d; `q` in
       the view ends the lecture for everyone. Keep the group to the class:
       anyone in it can watch.

    4. Projectors and slow links. A big window scales the grid up. A terminal
       with a white background wants `--theme light` (or HOPFIELD_THEME=light
       in the shell's profile). `--no-color` (or NO_COLOR=1) gives a
       monochrome view that stays legible on a washed-out projector;
       `--ascii` (automatic when the locale is not UTF-8) avoids missing
       glyphs; `--fps 5` cuts the bandwidth over a slow connection.
       Paused, the program draws nothing and uses no CPU.

    5. Slides. `hopfield snapshot --output view.svg` (same options as the live
       view, plus --keys to press some keys first) writes the view as an SVG
       picture drawn cleanly for a slide; `p` in the live view writes the
       current screen to hopfield-view-N.svg.
    """

    static let configuration = CommandConfiguration(
        abstract: "How to prepare, record, share and project a lecture; start or join a shared session.",
        discussion: guide,
        subcommands: [LectureStart.self, LectureJoin.self])

    func run() throws {
        print(Self.guide)
    }
}

/// Where the class meets: the socket and the session on it.
struct LectureSocketOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The tmux socket of the class.", valueName: "path"),
            completion: .file())
    var socket: String = LectureRoom.defaultSocket

    @Option(name: .long, help: ArgumentHelp("The tmux session name.", valueName: "name"))
    var session: String = LectureRoom.defaultSession

    func validate() throws {
        guard socket.hasPrefix("/") else { throw ValidationError("--socket must be an absolute path, found \(Sanitize.terminal(socket))") }
        guard !session.isEmpty, session.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ValidationError("--session must be letters, digits, - or _, found \(Sanitize.terminal(session))")
        }
    }

    /// The command a student types to join this session.
    var joinCommand: String {
        "hopfield lecture join"
            + (socket == LectureRoom.defaultSocket ? "" : " --socket \(Sanitize.terminal(socket))")
            + (session == LectureRoom.defaultSession ? "" : " --session \(session)")
    }
}

struct LectureStart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start the class's shared session and attach to it.",
        discussion: """
        Creates a tmux session running `hopfield VIEW ARGS…` (default: the live view) on a socket in a \
        directory of yours that the group can enter and nobody else can write, gives the socket to the group, \
        lets every member attach read-only (tmux server-access -r, per user), sets window-size smallest so \
        the view fits the smallest terminal, and attaches you. Works from inside tmux. Students join with \
        `hopfield lecture join`. Example: hopfield lecture start --group students -- lesson 1
        """)

    @OptionGroup var place: LectureSocketOptions

    @Option(name: .long, help: ArgumentHelp("The students' unix group (default: your primary group).", valueName: "name"))
    var group: String?

    @Argument(parsing: .postTerminator, help: "The view to show and its options (default: tui).")
    var view: [String] = []

    func run() throws {
        let arguments = view.isEmpty ? ["tui"] : view
        // A bad lesson or file is reported now, not in a pane that closes at once.
        try checkLiveViewOpens(arguments)
        let classGroup = try LectureRoom.ClassGroup.lookup(group)
        try LectureRoom.checkCanGive(to: classGroup)
        guard LectureRoom.isTerminal else { throw CLIError("lecture start attaches you to the session, so it needs a terminal") }
        let tmux = try TmuxClient(socket: place.socket)
        let shown = Sanitize.terminal(place.socket)
        switch LectureRoom.pathState(place.socket) {
        case .missing, .hidden: break  // a hidden one is refused with the directory below
        case .other: throw CLIError("--socket: \(shown) exists and is not a socket. Nothing was created.")
        case .socket:
            if tmux(["list-sessions"]).status == 0 {
                throw CLIError("a lecture is already running on \(shown): attach to it with `tmux -S \(shown) attach`, or end it with `tmux -S \(shown) kill-server`")
            }
        }
        let plan = try LectureRoom.planDirectory(for: place.socket, group: classGroup)

        try LectureRoom.prepareDirectory(for: place.socket, plan: plan, group: classGroup)
        let created = tmux(["new-session", "-d", "-s", place.session, "--", LectureRoom.executable] + arguments)
        guard created.status == 0 else {
            throw CLIError("tmux could not start the session: \(Sanitize.terminal(created.output.trimmingCharacters(in: .whitespacesAndNewlines)))")
        }
        try LectureRoom.giveToGroup(place.socket, group: classGroup, mode: 0o660)
        // The view gets the whole terminal (no tmux status line) and the size of the smallest one attached.
        var setup = ["set-option", "-g", "status", "off", ";", "set-option", "-wg", "window-size", "smallest"]
        let me = LectureRoom.userName
        let students = classGroup.members.filter { $0 != me && $0 != "root" }
        for name in students { setup += [";", "server-access", "-a", "-r", name] }
        let configured = tmux(setup)
        guard configured.status == 0 else {
            tmux(["kill-server"])
            throw CLIError("tmux could not share the session: \(Sanitize.terminal(configured.output.trimmingCharacters(in: .whitespacesAndNewlines)))")
        }

        let named = students.prefix(12).joined(separator: ", ") + (students.count > 12 ? ", …" : "")
        let who = students.isEmpty
            ? "group \(classGroup.name) has no other members yet: add students to it, then `tmux -S \(shown) server-access -a -r NAME` for each"
            : "\(students.count) member(s) of group \(classGroup.name) may watch: \(named)"
        print("Lecture on \(shown), session \(place.session); \(who).")
        print("Students join with: \(place.joinCommand)")
        let status = tmux.attach(["attach-session", "-t", place.session])
        if tmux(["has-session", "-t", place.session]).status == 0 {
            print("You left the lecture; it goes on. Back: tmux -S \(shown) attach -t \(place.session)   End it: tmux -S \(shown) kill-server")
        } else {
            // tmux leaves its socket behind when the last session ends (the server may still be exiting).
            let left = tmux(["list-sessions"])
            if left.status != 0 || left.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                LectureRoom.removeSocket(place.socket)
            }
            if status == 0 { print("The lecture has ended.") }
        }
        if status != 0 { throw ExitCode(status) }
    }
}

struct LectureJoin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Watch the class's shared session, read-only.",
        discussion: """
        Attaches to the lecturer's session read-only (tmux attach -f read-only, without ignore-size), so the \
        view re-lays itself out for the smallest terminal watching; your keys change nothing. Leave with your \
        tmux prefix and d (C-b d), or close the terminal.
        """)

    @OptionGroup var place: LectureSocketOptions

    func run() throws {
        let shown = Sanitize.terminal(place.socket)
        switch LectureRoom.pathState(place.socket) {
        case .missing: throw CLIError("no lecture is running on \(shown) (no such socket); ask your lecturer for the --socket path")
        case .other: throw CLIError("\(shown) is not a tmux socket; ask your lecturer for the --socket path")
        case .hidden, .socket:
            guard LectureRoom.canConnect(place.socket) else {
                throw CLIError("you may not connect to the lecture on \(shown) (\(LectureRoom.describe(place.socket))): you need to be in its group in this login")
            }
        }
        guard LectureRoom.isTerminal else { throw CLIError("lecture join shows the lecture on your terminal, so it needs one") }
        let tmux = try TmuxClient(socket: place.socket)
        let status = tmux.attach(["attach-session", "-f", "read-only", "-t", place.session])
        if status != 0 {
            throw CLIError("tmux could not attach you (status \(status)); if it said \"access not allowed\", the lecturer lets you in with `tmux -S \(shown) server-access -a -r \(LectureRoom.userName)`")
        }
    }
}
