import Foundation

/// The built-in library: the `.txt` files of the repository's `patterns/` folder, embedded in the binary
/// by `Scripts/generate-builtins.sh` (so the program works when copied alone) and tested byte for byte
/// against the folder (so the two cannot drift).
extension PatternLoader {
    /// Names of the built-in sets (the file stems), in name order.
    public static var builtinNames: [String] { BuiltinLibrary.files.map(\.name) }

    /// The exact bytes of a built-in set's file.
    public static func builtinSource(named name: String) -> [UInt8]? {
        guard let entry = BuiltinLibrary.files.first(where: { $0.name == name }),
              let data = Data(base64Encoded: entry.base64, options: .ignoreUnknownCharacters) else { return nil }
        return [UInt8](data)
    }

    /// A built-in set by name (nil if there is none, or if it does not parse, which the tests rule out).
    public static func builtin(named name: String) -> PatternSet? {
        guard let bytes = builtinSource(named: name) else { return nil }
        return try? TextPatternFormat.parse(bytes: bytes, file: name, name: name)
    }

    /// The first comment line of a built-in set's file (its one-line description), without the `;`.
    public static func builtinSummary(named name: String) -> String? {
        guard let bytes = builtinSource(named: name) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(";") }) else { return nil }
        return line.dropFirst().trimmingCharacters(in: .whitespaces)
    }
}
