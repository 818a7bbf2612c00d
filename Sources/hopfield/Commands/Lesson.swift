import ArgumentParser
import EnergyModels
import Foundation
import Patterns
import TerminalIO
import Visualizer

struct LessonCommand: LiveViewCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "List the guided lessons, or run one in the live view.",
        discussion: """
        Without NAME, lists the bundled lessons. With NAME (a bundled lesson by name, number or the name \
        without its number: `01-storing-and-recalling`, `1` and `storing-and-recalling` are the same lesson; or \
        the path of your own lesson file) opens the live view at its first \
        step. PageDown or > goes to the next step, PageUp or < to the previous one; every other key works as \
        in `hopfield tui`, so you can improvise and come back. The lesson file format is described in \
        patterns/lessons/README.md.
        """)

    @Argument(help: "A bundled lesson name or number, or a lesson file.", completion: .namesAndFiles(BuiltinLessonLibrary.names))
    var name: String?

    @Option(name: .long, help: "Open at this step (1-based).")
    var step: Int = 1

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        guard step >= 1 else { throw ValidationError("--step must be at least 1") }
    }

    func run() throws {
        guard name != nil else {
            var out = ""
            for lessonName in BuiltinLessonLibrary.names {
                guard let lesson = try? BuiltinLessonLibrary.lesson(named: lessonName) else { continue }
                out += "\(lessonName)  (\(lesson.steps.count) steps)\n    \(lesson.title)\n"
                if !lesson.summary.isEmpty { out += "    \(lesson.summary)\n" }
            }
            out += "\nRun one with: hopfield lesson NAME   (NAME may also be the number, e.g. 4, or the part after it, e.g. capacity)\n"
            print(out, terminator: "")
            return
        }
        try runLive()
    }

    func makeApp(writes: FileWrites) throws -> any TerminalApp {
        let lesson: Lesson
        do { lesson = try BuiltinLessonLibrary.resolve(name ?? "") } catch let e as LessonError { throw CLIError(e.description) }
        guard step <= lesson.steps.count else { throw CLIError("--step \(step): the lesson has \(lesson.steps.count) steps") }
        do { return try LessonApp(lesson: lesson, startAt: step - 1, writes: writes) } catch let e as LessonError { throw CLIError(e.description) }
    }
}
