/// The model file of a dense associative memory or softmax network (`kind: "dense"`): the memories and the
/// interaction, no weight matrix (the energy is computed from the memories):
/// `{"format": "hopfield-model", "version": 1, "kind": "dense", "interaction": "poly:3" | "rpoly:n" | "exp" |
///   "softmax", "units": "spin", "count": N, "shape": [rows, cols], "patterns": [{"name": "A", "state": "1001…"}]}`.
/// `shape` is optional; `patterns` must hold at least one memory; units are always spin (±1).
public struct MemoryModelFile: Sendable, Equatable {
    public static let kind = "dense"

    public var interaction: Interaction
    public var count: Int
    public var shape: [Int]?
    public var patterns: [StoredPattern]

    /// Preconditions: `interaction` is not quadratic, every pattern has `count` entries.
    public init(interaction: Interaction, count: Int, shape: [Int]?, patterns: [StoredPattern]) {
        self.interaction = interaction
        self.count = count
        self.shape = shape
        self.patterns = patterns
    }

    public var kind: NetworkKind { NetworkKind(interaction: interaction) }

    public func jsonText() -> String {
        var out = "{\"format\": \"\(NetworkModelFile.format)\", \"version\": \(NetworkModelFile.version), \"kind\": \"\(Self.kind)\", "
        out += "\"interaction\": \"\(interaction.name)\", \"units\": \"spin\", \"count\": \(count)"
        if let shape { out += ", \"shape\": [\(shape.map(String.init).joined(separator: ", "))]" }
        out += ",\n\"patterns\": ["
        out += patterns.map { "\n  {\"name\": \(JSONNumber.quote($0.name)), \"state\": \"\($0.stateString)\"}" }.joined(separator: ",")
        return out + "\n]\n}\n"
    }

    public func write(to path: String) throws {
        try AtomicFile.write(jsonText(), to: path)
    }

    /// Whether a parsed model file is of this kind (so the caller reads it here rather than as a weight matrix).
    public static func isDense(_ object: [String: Any]) -> Bool { object["kind"] as? String == kind }

    public static func read(path: String) throws -> MemoryModelFile {
        try parse(ModelJSON.readObject(path: path, maxBytes: NetworkModelFile.maxBytes), path: path)
    }

    public static func parse(_ object: [String: Any], path: String) throws -> MemoryModelFile {
        let r = ModelJSON.Reader(path: path, object: object)
        try r.checkHeader(kind: kind)
        let name = try r.string("interaction")
        guard let interaction = Interaction(name: name), interaction != .quadratic else {
            throw r.error("interaction", "expected poly:n, rpoly:n, exp or softmax, found \(ModelJSON.quoteForMessage(name))")
        }
        if r.has("units") {
            let units = try r.string("units")
            guard units == "spin" else { throw r.error("units", "dense memories have spin units only, found \(ModelJSON.quoteForMessage(units))") }
        }
        let n = try r.integer("count")
        guard (1...1_000_000).contains(n) else { throw r.error("count", "expected 1 to 1000000 units, found \(n)") }
        var shape: [Int]? = nil
        if r.has("shape") {
            let s = try r.integers("shape")
            guard s.count == 2, s[0] > 0, s[1] > 0, s[0] * s[1] == n else {
                throw r.error("shape", "expected [rows, cols] with rows x cols = count = \(n)")
            }
            shape = s
        }
        let patterns = try r.patterns(count: n)
        guard !patterns.isEmpty else { throw r.error("patterns", "a dense memory needs at least one stored pattern") }
        do {
            try NetworkKind(interaction: interaction).validate(count: n, memories: patterns.count, units: .spin)
        } catch {
            throw r.error("interaction", "\(error)")
        }
        return MemoryModelFile(interaction: interaction, count: n, shape: shape, patterns: patterns)
    }
}
