import Foundation

/// The bundled lessons: `patterns/lessons/*.txt`, embedded by `Scripts/generate-builtins.sh` and tested
/// byte for byte against the folder.
public enum BuiltinLessonLibrary {
    /// Names (file stems) in order.
    public static var names: [String] { BuiltinLessons.files.map(\.name) }

    /// The exact bytes of a bundled lesson.
    public static func source(named name: String) -> [UInt8]? {
        guard let entry = BuiltinLessons.files.first(where: { $0.name == name }),
              let data = Data(base64Encoded: entry.base64, options: .ignoreUnknownCharacters) else { return nil }
        return [UInt8](data)
    }

    /// A bundled lesson by name; also accepts its number (`4` or `04`), a unique prefix or the name without
    /// its number (`capacity` finds `04-capacity`).
    public static func lesson(named name: String) throws -> Lesson? {
        let match = names.first { $0 == name }
            ?? Int(name).flatMap { n in names.first { Int($0.prefix { $0.isNumber }) == n } }
            ?? names.first { $0.split(separator: "-", maxSplits: 1).last.map(String.init) == name }
            ?? { let p = names.filter { $0.hasPrefix(name) }; return p.count == 1 ? p[0] : nil }()
        guard let match, let bytes = source(named: match) else { return nil }
        return try LessonFormat.parse(String(decoding: bytes, as: UTF8.self), name: match, file: "lessons/\(match).txt")
    }

    /// A lesson from a path if a file exists there, else a bundled lesson.
    public static func resolve(_ argument: String) throws -> Lesson {
        if FileManager.default.fileExists(atPath: argument) { return try LessonFormat.load(path: argument) }
        if let lesson = try lesson(named: argument) { return lesson }
        throw LessonError(file: argument, message: "no such file, and no bundled lesson of that name (bundled: \(names.joined(separator: ", ")))")
    }
}
