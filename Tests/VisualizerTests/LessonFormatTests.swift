import EnergyModels
import Foundation
import Patterns
import Visualizer
import XCTest

final class LessonFormatTests: XCTestCase {
    static let lessonsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("patterns/lessons")

    func bundledLessonFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Self.lessonsDirectory.path)
            .filter { $0.hasSuffix(".txt") }.sorted()
            .map { Self.lessonsDirectory.appendingPathComponent($0).path }
    }

    /// Every bundled lesson parses, names pattern sets that exist, and stores and cues patterns that exist.
    func testBundledLessonsParseAndReferToRealPatterns() throws {
        let files = try bundledLessonFiles()
        XCTAssertGreaterThanOrEqual(files.count, 9)
        for file in files {
            let lesson = try LessonFormat.load(path: file)
            XCTAssertFalse(lesson.steps.isEmpty)
            for (k, step) in lesson.steps.enumerated() {
                XCTAssertFalse(step.caption.isEmpty, "\(file) step \(k + 1) has no caption")
                let settings = lesson.settings(at: k)
                guard settings.view ?? .hopfield == .hopfield else { continue }
                let setName = try XCTUnwrap(settings.patterns, "\(file) step \(k + 1): no pattern set")
                let set = try PatternLoader.resolve(setName)
                let names = Set(set.patterns.map(\.name))
                for name in settings.store ?? [] {
                    XCTAssertTrue(names.contains(name) || Int(name) != nil, "\(file) step \(k + 1): no pattern \(name) in \(setName)")
                }
                let stored = (settings.store ?? []).isEmpty ? names : Set(settings.store ?? [])
                switch step.cue {
                case .pattern(let n), .inverted(let n):
                    XCTAssertTrue(stored.contains(n), "\(file) step \(k + 1): cue \(n) is not stored")
                case .state(let s):
                    XCTAssertEqual(s.count, set.unitCount, "\(file) step \(k + 1): cue state length")
                default: break
                }
            }
        }
    }

    func testSettingsCarryOverAndActionsDoNot() throws {
        let lesson = try LessonFormat.parse("""
            title: T
            step: one
            patterns: letters
            temperature: 0.5
            cue: A
            noise: 0.2
            run: on
            caption: first
            step: two
            rule: pinv
            caption: second
            caption: more
            """, name: "t", file: "t.txt")
        XCTAssertEqual(lesson.steps.count, 2)
        XCTAssertEqual(lesson.steps[1].caption, ["second", "more"])
        let s = lesson.settings(at: 1)
        XCTAssertEqual(s.patterns, "letters")
        XCTAssertEqual(s.temperature, 0.5)
        XCTAssertEqual(s.rule, .pinv)
        XCTAssertEqual(lesson.settings(at: 0).rule, nil)
        XCTAssertEqual(lesson.steps[0].cue, .pattern("A"))
        XCTAssertNil(lesson.steps[1].cue)
        XCTAssertNil(lesson.steps[1].noise)
        XCTAssertNil(lesson.steps[1].run)
    }

    func testMalformedLessonsGiveLineNumberedErrors() {
        let cases: [(String, Int?, String)] = [
            ("", nil, "no 'title:'"),
            ("title: x", nil, "no steps"),
            ("title: x\nstep: a\nfoo: 1", 3, "unknown key 'foo'"),
            ("title: x\nstep: a\njust text", 3, "expected 'key: value'"),
            ("title: x\ntemperature: 1", 2, "after a 'step:'"),
            ("title: x\nstep: a\ntemperature: -1", 3, "≥ 0"),
            ("title: x\nstep: a\ntemperature: nan", 3, "≥ 0"),
            ("title: x\nstep: a\nnoise: 1.5", 3, "0 to 1"),
            ("title: x\nstep: a\nrule: magic", 3, "hebb"),
            ("title: x\nstep: a\nschedule: often", 3, "random"),
            ("title: x\nstep: a\npanels: explain, nope", 3, "unknown panel"),
            ("title: x\nstep: a\nrun: maybe", 3, "on or off"),
            ("title: x\nstep: a\ncue: state 01x", 3, "0 and 1"),
            ("title: x\nstep: a\nseed: -3", 3, "seed"),
            ("title: x\nstep:", 2, "needs a title"),
            ("title: x\ntitle: y", 2, "second 'title'"),
            ("title: x\nstep: a\ncaption: bad \u{1B}[2J", 3, "control character"),
            ("title: x\nstep: a\nspeed: 0", 3, "speed"),
        ]
        for (text, line, message) in cases {
            XCTAssertThrowsError(try LessonFormat.parse(text, name: "bad", file: "bad.txt"), text) { error in
                guard let e = error as? LessonError else { return XCTFail("\(error)") }
                XCTAssertEqual(e.line, line, "\(text): \(e)")
                XCTAssertTrue(e.description.contains(message), "\(text): \(e)")
                XCTAssertTrue(e.description.hasPrefix("bad.txt"), "\(e)")
                XCTAssertFalse(e.description.contains("\u{1B}"))
            }
        }
    }
}

final class BuiltinLessonLibraryTests: XCTestCase {
    /// The binary carries exactly the files of patterns/lessons (rerun Scripts/generate-builtins.sh after edits).
    func testEmbeddedLessonsMatchTheFolder() throws {
        let dir = LessonFormatTests.lessonsDirectory
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertEqual(BuiltinLessonLibrary.names, onDisk.map { String($0.dropLast(4)) }, "run Scripts/generate-builtins.sh")
        for file in onDisk {
            let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent(file)))
            XCTAssertEqual(BuiltinLessonLibrary.source(named: String(file.dropLast(4))), bytes, "\(file) differs: run Scripts/generate-builtins.sh")
        }
    }

    func testLookupByShortName() throws {
        XCTAssertEqual(try BuiltinLessonLibrary.lesson(named: "capacity")?.name, "04-capacity")
        XCTAssertEqual(try BuiltinLessonLibrary.lesson(named: "01")?.name, "01-storing-and-recalling")
        XCTAssertNil(try BuiltinLessonLibrary.lesson(named: "0"))
        XCTAssertThrowsError(try BuiltinLessonLibrary.resolve("no-such-lesson"))
    }

    /// `hopfield lesson 1` … `11` open the same lessons as `01` … `11`.
    func testLookupByNumber() throws {
        XCTAssertEqual(BuiltinLessonLibrary.names.count, 11)
        for (k, name) in BuiltinLessonLibrary.names.enumerated() {
            XCTAssertEqual(try BuiltinLessonLibrary.lesson(named: "\(k + 1)")?.name, name)
            XCTAssertEqual(try BuiltinLessonLibrary.lesson(named: String(name.prefix(2)))?.name, name)
        }
        XCTAssertNil(try BuiltinLessonLibrary.lesson(named: "12"))
        XCTAssertThrowsError(try BuiltinLessonLibrary.resolve("12"))
    }
}
