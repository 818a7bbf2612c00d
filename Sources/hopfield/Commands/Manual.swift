import ArgumentParser
import Foundation
import Visualizer

/// `hopfield generate-man` (hidden): the manual page, hopfield(1), in man(7) roff.
///
/// Built from the same definitions as `--help` (argument-parser's description of every command, decoded
/// from `_dumpHelp()`) and the live views' key tables, so it cannot drift from the program. (The
/// argument-parser's `generate-manual` plugin drops every non-ASCII character, as in ±1 and σ, fills
/// preformatted text, and has no place for keys or files; see DECISIONS.md.)
struct GenerateManual: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-man",
        abstract: "Print the manual page hopfield(1) in roff.",
        shouldDisplay: false)

    func run() throws {
        print(try Self.page(), terminator: "")
    }

    static func page() throws -> String {
        let info = try JSONDecoder().decode(DumpedTool.self, from: Data(Hopfield._dumpHelp().utf8))
        let root = info.command
        let version = Hopfield.configuration.version
        var out = """
        .TH HOPFIELD 1 "" "hopfield \(version)" "User Commands"
        .nh
        .ad l
        .SH NAME
        hopfield \\- \(Roff.text(root.abstract ?? ""))
        .SH SYNOPSIS
        .B hopfield
        [\\fIcommand\\fR] [\\fIoptions\\fR] [\\fIarguments\\fR]

        """
        out += ".SH DESCRIPTION\n" + Roff.text(root.abstract ?? "") + "\n"
        if let name = root.defaultSubcommand {
            out += ".PP\nWithout a command, \\fBhopfield\\fR runs \\fBhopfield \(name)\\fR. Every command takes \\fB\\-\\-help\\fR.\n"
        }
        out += options(of: root, root: true)
        out += ".SH COMMANDS\n"
        for sub in root.visibleSubcommands { out += command(sub, path: ["hopfield"]) }
        out += keys()
        out += files + environment + exitStatus
        out += ".SH SEE ALSO\n.BR tmux (1)\n"
        return out
    }

    /// One command's section, then its subcommands'.
    static func command(_ c: DumpedCommand, path: [String]) -> String {
        let name = (path + [c.commandName]).joined(separator: " ")
        var out = ".SS \"\(Roff.text(name))\"\n"
        if let abstract = c.abstract { out += Roff.text(abstract) + "\n" }
        let subs = c.visibleSubcommands
        out += ".PP\n.B \(Roff.text(name))\n" + (subs.isEmpty ? synopsis(c) : "\\fIcommand\\fR") + "\n"
        if let discussion = c.discussion { out += ".PP\n" + Roff.discussion(discussion) }
        out += options(of: c)
        for sub in subs { out += command(sub, path: path + [c.commandName]) }
        return out
    }

    static func synopsis(_ c: DumpedCommand) -> String {
        c.visibleArguments.filter { $0.preferredName?.name != "version" }.map { a in
            let usage = a.usage
            return a.isOptional || a.kind == .flag ? "[\(usage)]" : usage
        }.joined(separator: " ")
    }

    /// The option list; `--version` only at the root (argument-parser repeats it on every command).
    static func options(of c: DumpedCommand, root: Bool = false) -> String {
        var out = ""
        for a in c.visibleArguments where root || a.preferredName?.name != "version" {
            out += ".TP\n" + a.usage + "\n" + Roff.text(a.abstract ?? "")
            if let values = a.allValues, let first = values.first, a.kind != .flag, !(a.abstract ?? "").contains(first) {
                out += " (one of: " + Roff.text(values.joined(separator: ", ")) + ")"
            }
            if let value = a.defaultValue, !value.isEmpty, a.kind != .flag { out += " (default: " + Roff.text(value) + ")" }
            out += "\n"
        }
        return out
    }

    /// Every live view's keys, from the tables the views themselves use.
    static func keys() -> String {
        func table(_ title: String, _ rows: [ViewKeyTables.Row]) -> String {
            ".SS \"\(Roff.text(title))\"\n.PD 0\n" + rows.map { ".TP 12\n.B \(Roff.text($0.label))\n\(Roff.text($0.help))\n" }.joined() + ".PD\n"
        }
        return ".SH KEYS\n"
            + "In the live views; \\fB?\\fR shows them on screen too.\n"
            + table("hopfield, hopfield tui", ViewKeyTables.hopfield)
            + table("hopfield lesson (every other key as in the step's view)", ViewKeyTables.lesson)
            + table("hopfield rbm live", ViewKeyTables.rbm)
            + table("hopfield bm live", ViewKeyTables.bm)
    }

    static var files: String { """
    .SH FILES
    .TP
    Pattern files (read)
    \\fB\\-\\-patterns\\fR, \\fB\\-\\-data\\fR and \\fBhopfield patterns\\fR read text (\\fB#\\fR and \\fB.\\fR \
    per cell), PBM (P1, P4) and CSV files of 0/1, or a directory of them; a name without a file is one of the \
    built-in sets (\\fBhopfield patterns list\\fR). \\fBhopfield patterns convert\\fR writes them.
    .TP
    Model files (written and read)
    JSON written by \\fBhopfield store\\fR, \\fBrbm train\\fR, \\fBbm train\\fR (\\fB\\-\\-output\\fR) and read with \
    \\fB\\-\\-model\\fR.
    .TP
    Lesson files (read)
    \\fBhopfield lesson\\fR \\fIFILE\\fR; the bundled lessons are built in.
    .TP
    Recordings (written and read)
    \\fB\\-\\-record\\fR \\fIFILE\\fR in any live view writes one; \\fBhopfield replay\\fR \\fIFILE\\fR reads it.
    .TP
    hopfield\\-state\\-\\fIN\\fR.txt, hopfield\\-view\\-\\fIN\\fR.svg, rbm\\-live\\-\\fIN\\fR.json
    Written in the current directory by the \\fBw\\fR and \\fBp\\fR keys of the live view and \\fBw\\fR of the RBM \
    view (unless \\fB\\-\\-output\\fR names the model file). \\fBhopfield snapshot\\fR writes its \\fB\\-\\-output\\fR.
    Every file is written atomically (a temporary file, then a rename).
    .TP
    \(Roff.text(LectureRoom.defaultSocket))
    The default tmux socket of \\fBhopfield lecture start\\fR and \\fBjoin\\fR, in a directory owned by the \
    lecturer (mode 750, the class's group).

    """ }

    static let environment = """
    .SH ENVIRONMENT
    .TP
    .B NO_COLOR
    When set and not empty, the live views are monochrome.
    .TP
    .B HOPFIELD_THEME
    The live views' colours when \\fB\\-\\-theme\\fR is not given: \\fBdark\\fR, \\fBlight\\fR or \\fBmono\\fR \
    (also the default of \\fBhopfield snapshot\\fR).
    .TP
    .B COLORFGBG
    Without \\fB\\-\\-theme\\fR and \\fBHOPFIELD_THEME\\fR, a light background colour here selects the light \
    theme.
    .TP
    .B TERM
    The terminal type; it must be able to position the cursor.
    .TP
    .BR LC_ALL ", " LC_CTYPE ", " LANG
    A locale that is not UTF\\-8 selects the ASCII glyphs (\\fB\\-\\-unicode\\fR overrides it).
    .TP
    .B PATH
    \\fBhopfield lecture\\fR runs the first \\fBtmux\\fR (3.3 or later) found on it.

    """

    static let exitStatus = """
    .SH EXIT STATUS
    0 on success; 1 on an error (with a message naming the problem); 64 for a bad command line; 128 plus the \
    signal's number when a live view ends on a signal, after putting the terminal back (129 SIGHUP, 130 SIGINT, \
    131 SIGQUIT, 143 SIGTERM; SIGPIPE is ignored).

    """
}

/// Roff quoting for man(7) text.
enum Roff {
    /// Escapes backslashes, a leading dot or quote, hyphens and any non-ASCII character (`\[uXXXX]`, which
    /// groff and mandoc both read whatever the locale).
    static func text(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\e"
            case "-": out += "\\-"
            case _ where scalar.isASCII: out.unicodeScalars.append(scalar)
            default: out += "\\[u" + String(format: "%04X", scalar.value) + "]"
            }
        }
        return out.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") || $0.hasPrefix("'") ? "\\&" + $0 : String($0) }
            .joined(separator: "\n")
    }

    /// A discussion: text wrapped by hand (several lines, none over 80 columns) stays as it is, moved 4
    /// columns left so that its lines fit an 80-column page; otherwise each line is a filled paragraph.
    static func discussion(_ s: String) -> String {
        let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 1, lines.allSatisfy({ $0.count <= 80 }) { return ".in -4\n.nf\n" + text(s) + "\n.fi\n.in +4\n" }
        return lines.filter { !$0.isEmpty }.map { text(String($0)) }.joined(separator: "\n.PP\n") + "\n"
    }
}

/// The part of argument-parser's `--experimental-dump-help` description (ToolInfo, serialization
/// version 0) the manual uses.
struct DumpedTool: Decodable {
    var command: DumpedCommand
}

struct DumpedCommand: Decodable {
    var commandName: String
    var abstract: String?
    var discussion: String?
    var defaultSubcommand: String?
    var shouldDisplay: Bool?
    var subcommands: [DumpedCommand]?
    var arguments: [DumpedArgument]?

    var visibleSubcommands: [DumpedCommand] {
        (subcommands ?? []).filter { $0.shouldDisplay != false && $0.commandName != "help" }
    }

    /// Displayed arguments, without the help flag every command has.
    var visibleArguments: [DumpedArgument] {
        (arguments ?? []).filter { $0.shouldDisplay && $0.preferredName?.name != "help" }
    }
}

struct DumpedArgument: Decodable {
    enum Kind: String, Decodable { case positional, option, flag }
    struct Name: Decodable {
        var kind: String
        var name: String
        var spelled: String { (kind == "short" ? "-" : kind == "longWithSingleDash" ? "-" : "--") + name }
    }

    var kind: Kind
    var shouldDisplay: Bool
    var isOptional: Bool
    var isRepeating: Bool
    var names: [Name]?
    var preferredName: Name?
    var valueName: String?
    var defaultValue: String?
    var allValues: [String]?
    var parsingStrategy: String?
    var abstract: String?

    /// How the argument is written, in roff: bold names, italic values.
    var usage: String {
        let value = "\\fI" + Roff.text(valueName ?? "value") + "\\fR" + (isRepeating ? " ..." : "")
        switch kind {
        case .positional: return (parsingStrategy == "postTerminator" ? "\\-\\- " : "") + value
        case .flag: return (names ?? []).map { "\\fB" + Roff.text($0.spelled) + "\\fR" }.joined(separator: ", ")
        case .option: return (names ?? []).map { "\\fB" + Roff.text($0.spelled) + "\\fR" }.joined(separator: ", ") + " " + value
        }
    }
}
