/// The file formats, chosen by file extension.
public enum PatternFormat: String, Sendable, CaseIterable {
    case text = "txt"
    case pbm
    case csv

    /// The format for a path's extension (case-insensitive), or nil for an unknown extension.
    public init?(path: String) {
        let ext = PatternLoader.fileExtension(of: path).lowercased()
        guard let format = PatternFormat(rawValue: ext) else { return nil }
        self = format
    }
}
