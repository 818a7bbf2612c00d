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

    /// Reads a dense model file (any other kind is refused by the header check).
    public static func read(path: String) throws -> MemoryModelFile {
        try validate(try ModelJSON.decode(path: path, maxBytes: NetworkModelFile.maxBytes), path: path)
    }

    static func validate(_ doc: ModelDocument, path: String) throws -> MemoryModelFile {
        let r = ModelJSON.Validator(path: path)
        _ = try r.header(doc, kind: kind, versions: [NetworkModelFile.version])
        guard let name = doc.interaction else { throw r.error("interaction", "missing; expected poly:n, rpoly:n, exp or softmax") }
        guard let interaction = Interaction(name: name), interaction != .quadratic else {
            throw r.error("interaction", "expected poly:n, rpoly:n, exp or softmax, found \(ModelJSON.quoteForMessage(name))")
        }
        if let units = doc.units, units != "spin" {
            throw r.error("units", "dense memories have spin units only, found \(ModelJSON.quoteForMessage(units))")
        }
        guard let c = doc.count else { throw r.error("count", "missing") }
        guard c == c.rounded(), c >= 1, c <= 1_000_000 else { throw r.error("count", "expected 1 to 1000000 units, found \(JSONNumber.format(c))") }
        let n = Int(c)
        let shape = try r.shape(doc.shape, field: "shape", units: n, what: "count gives")
        let patterns = try r.patterns(doc.patterns ?? [], units: n)
        guard !patterns.isEmpty else { throw r.error("patterns", "a dense memory needs at least one stored pattern") }
        do {
            try NetworkKind(interaction: interaction).validate(count: n, memories: patterns.count, units: .spin)
        } catch {
            throw r.error("interaction", "\(error)")
        }
        return MemoryModelFile(interaction: interaction, count: n, shape: shape, patterns: patterns)
    }
}

/// A model file of the kinds the Hopfield commands run: a network (rule or weights) or a dense memory.
public enum HopfieldModelFile: Sendable {
    case network(NetworkModelFile)
    case dense(MemoryModelFile)

    /// Reads the file once and validates it as the kind it declares.
    public static func read(path: String) throws -> HopfieldModelFile {
        let doc = try ModelJSON.decode(path: path, maxBytes: NetworkModelFile.maxBytes)
        if doc.kind == MemoryModelFile.kind { return .dense(try MemoryModelFile.validate(doc, path: path)) }
        return .network(try NetworkModelFile.validate(doc, path: path))
    }
}
