import EnergyModels
import Foundation

/// A lesson file that could not be read: file, line, and what was expected.
public struct LessonError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// File, line and message, made safe to show (both may echo text from the file).
    public var description: String {
        Sanitize.terminal(line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)")
    }
}

/// The lesson file format: UTF-8 text, one `key: value` per line.
///
/// ```
/// ; a comment
/// title: Storing and recalling
/// summary: Four letters, one corrupted, and the energy sliding down.
///
/// step: Store four letters
/// patterns: letters
/// store: A, C, H, T
/// rule: hebb
/// cue: A
/// noise: 0.3
/// caption: The network holds four letters. One of them has been corrupted.
/// caption: Press space and watch it fall back into its memory.
/// ```
///
/// Lesson keys (before the first `step:`): `title` (required), `summary`. Step keys: `step` (starts a step,
/// its value is the step's title), `caption` (repeatable), `view` (hopfield|rbm), `patterns`, `store`
/// (comma-separated names or 1-based indices, or `all`), `rule` (hebb|storkey|pinv), `units` (spin|binary),
/// `temperature` (≥ 0), `anneal` (on|off), `schedule` (random|sequential|sync), `speed` (sweeps per
/// second, > 0), `panels` (comma-separated: explain, help, capacity, or `none`), `seed`, `cue` (a pattern
/// name, `inverted NAME`, `random`, or `state 0101…`), `noise` (0 to 1), `run` (on|off).
/// RBM steps (`view: rbm`, trained on the `patterns` set) also take `hidden` (units), `training` (`cd-K` or
/// `pcd-K`), `learning-rate`, `pretrain` (epochs trained before the step opens) and `clamp` (on: the dream
/// chains complete the top half of an example); `temperature` is then the dream chains' temperature.
/// Settings carry over to later steps; `cue`, `noise`, `run` and `clamp` apply to their own step only.
public enum LessonFormat {
    /// Lesson files larger than this are refused.
    public static let maxBytes = 1 << 20

    static let lessonKeys = ["title", "summary"]
    static let stepKeys = ["step", "caption", "view", "patterns", "store", "rule", "units", "temperature", "anneal",
                           "schedule", "speed", "panels", "seed", "cue", "noise", "run",
                           "hidden", "training", "learning-rate", "pretrain", "clamp"]

    public static func parse(_ text: String, name: String, file: String) throws -> Lesson {
        var title: String? = nil
        var summary = ""
        var steps: [LessonStep] = []
        var lineNo = 0
        func fail(_ message: String) -> LessonError { LessonError(file: file, line: lineNo, message: message) }

        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix(";") { continue }
            if let (scalar, _) = Sanitize.firstUnsafe(in: trimmed) {
                throw fail("\(Sanitize.describe(scalar)) is not allowed")
            }
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw fail("expected 'key: value' (keys: \((lessonKeys + stepKeys).joined(separator: ", ")))")
            }
            let key = trimmed[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)

            if lessonKeys.contains(key) {
                guard steps.isEmpty else { throw fail("'\(key)' belongs before the first step") }
                if key == "title" {
                    guard title == nil else { throw fail("a second 'title'") }
                    guard !value.isEmpty else { throw fail("'title' needs a value") }
                    title = value
                } else {
                    summary = summary.isEmpty ? value : summary + " " + value
                }
                continue
            }
            guard stepKeys.contains(key) else {
                throw fail("unknown key '\(Self.visible(key))' (expected one of: \((lessonKeys + stepKeys).joined(separator: ", ")))")
            }
            if key == "step" {
                guard !value.isEmpty else { throw fail("'step' needs a title") }
                steps.append(LessonStep(title: value, line: lineNo))
                continue
            }
            guard !steps.isEmpty else { throw fail("'\(key)' must come after a 'step:' line") }
            var step = steps[steps.count - 1]
            switch key {
            case "caption":
                step.caption.append(value)
            case "view":
                guard let v = LessonView(rawValue: value.lowercased()) else { throw fail("view must be one of: \(LessonView.allCases.map(\.rawValue).joined(separator: ", "))") }
                step.settings.view = v
            case "patterns":
                guard !value.isEmpty else { throw fail("'patterns' needs a set name or a path") }
                step.settings.patterns = value
            case "store":
                if value.lowercased() == "all" {
                    step.settings.store = []
                } else {
                    let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty }) else { throw fail("'store' needs comma-separated pattern names, or 'all'") }
                    step.settings.store = names
                }
            case "rule":
                guard let r = LearningRule(rawValue: value.lowercased()) else { throw fail("rule must be hebb, storkey or pinv") }
                step.settings.rule = r
            case "units":
                guard let u = UnitConvention(rawValue: value.lowercased()) else { throw fail("units must be spin or binary") }
                step.settings.units = u
            case "temperature":
                guard let t = Double(value), t.isFinite, t >= 0 else { throw fail("temperature must be a number ≥ 0") }
                step.settings.temperature = t
            case "anneal":
                step.settings.anneal = try onOff(value, key: key, fail: fail)
            case "schedule":
                guard let s = UpdateSchedule(name: value) else { throw fail("schedule must be random, sequential or sync") }
                step.settings.schedule = s
            case "speed":
                guard let s = Double(value), s.isFinite, s > 0, s <= 100_000 else { throw fail("speed must be a number of sweeps per second, above 0") }
                step.settings.speed = s
            case "panels":
                if value.lowercased() == "none" {
                    step.settings.panels = []
                } else {
                    var panels: [LessonPanel] = []
                    for part in value.split(separator: ",") {
                        let p = part.trimmingCharacters(in: .whitespaces).lowercased()
                        guard let panel = LessonPanel(rawValue: p) else {
                            throw fail("unknown panel '\(Self.visible(p))' (expected: \(LessonPanel.allCases.map(\.rawValue).joined(separator: ", ")), or none)")
                        }
                        panels.append(panel)
                    }
                    step.settings.panels = panels
                }
            case "seed":
                guard let s = UInt64(value) else { throw fail("seed must be a whole number from 0 to \(UInt64.max)") }
                step.settings.seed = s
            case "cue":
                let lower = value.lowercased()
                if lower == "random" {
                    step.cue = .random
                } else if lower.hasPrefix("inverted ") {
                    step.cue = .inverted(String(value.dropFirst("inverted ".count)).trimmingCharacters(in: .whitespaces))
                } else if lower.hasPrefix("state ") {
                    let s = String(value.dropFirst("state ".count)).trimmingCharacters(in: .whitespaces)
                    guard !s.isEmpty, s.allSatisfy({ $0 == "0" || $0 == "1" }) else { throw fail("'cue: state' needs a string of 0 and 1") }
                    step.cue = .state(s)
                } else {
                    guard !value.isEmpty else { throw fail("'cue' needs a pattern name, 'inverted NAME', 'random' or 'state 0101…'") }
                    step.cue = .pattern(value)
                }
            case "noise":
                guard let f = Double(value), f.isFinite, f >= 0, f <= 1 else { throw fail("noise must be a fraction from 0 to 1") }
                step.noise = f
            case "run":
                step.run = try onOff(value, key: key, fail: fail)
            case "clamp":
                step.clamp = try onOff(value, key: key, fail: fail)
            case "hidden":
                guard let h = Int(value), h >= 1, h <= 1024 else { throw fail("hidden must be a whole number from 1 to 1024") }
                step.settings.hidden = h
            case "training":
                let parts = value.lowercased().split(separator: "-")
                guard parts.count == 2, let k = Int(parts[1]), (1...9).contains(k), parts[0] == "cd" || parts[0] == "pcd" else {
                    throw fail("training must be cd-K or pcd-K with K from 1 to 9")
                }
                step.settings.training = parts[0] == "cd" ? .contrastiveDivergence(steps: k) : .persistent(steps: k)
            case "learning-rate":
                guard let x = Double(value), x.isFinite, x > 0, x <= 10 else { throw fail("learning-rate must be a number in (0, 10]") }
                step.settings.learningRate = x
            case "pretrain":
                guard let e = Int(value), e >= 0, e <= 200 else { throw fail("pretrain must be a number of epochs from 0 to 200") }
                step.settings.pretrain = e
            default:
                throw fail("unknown key '\(key)'")
            }
            steps[steps.count - 1] = step
        }
        lineNo = 0
        guard let title else { throw LessonError(file: file, message: "no 'title:' line") }
        guard !steps.isEmpty else { throw LessonError(file: file, message: "no steps (a step starts with 'step: TITLE')") }
        return Lesson(name: name, title: title, summary: summary, steps: steps)
    }

    private static func onOff(_ value: String, key: String, fail: (String) -> LessonError) throws -> Bool {
        switch value.lowercased() {
        case "on", "yes", "true": return true
        case "off", "no", "false": return false
        default: throw fail("\(key) must be on or off")
        }
    }

    /// Reads a lesson file.
    public static func load(path: String) throws -> Lesson {
        let text: String
        do { text = try BoundedFile.readText(path: path, limit: maxBytes) } catch {
            throw LessonError(file: path, message: error.problem)
        }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(text, name: stem, file: path)
    }

    private static func visible(_ s: String) -> String {
        Sanitize.terminal(String(String.UnicodeScalarView(s.unicodeScalars.prefix(40))))
    }
}
