import ArgumentParser
import Foundation
import Patterns

/// Shell completion (argument-parser's `--generate-completion-script bash|zsh|fish`) for arguments that
/// take a built-in name or a file.
extension CompletionKind {
    /// Built-in pattern sets, or files, for `--patterns` and `--data`.
    static var patternSets: CompletionKind { namesAndFiles(PatternLoader.builtinNames) }

    /// The given names and the files and directories that start with the word typed so far. Evaluated
    /// when the user presses TAB (the script calls this program back), so it never lists a stale set.
    static func namesAndFiles(_ names: @escaping @autoclosure @Sendable () -> [String]) -> CompletionKind {
        .custom { _, _, prefix in names().filter { $0.hasPrefix(prefix) } + pathCompletions(prefix) }
    }

    /// Entries of the directory part of `prefix` whose names start with its last part (hidden ones only when
    /// that part starts with a dot), each with the directory part in front, as a shell completes paths.
    private static func pathCompletions(_ prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let dirPart = slash.map { String(prefix[...$0]) } ?? ""
        let namePart = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dirPart.isEmpty ? "." : dirPart) else { return [] }
        return entries
            .filter { $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix(".")) }
            .sorted()
            .map { dirPart + $0 }
    }
}
