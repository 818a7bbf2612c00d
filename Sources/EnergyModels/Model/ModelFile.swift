import Foundation

/// A model file that could not be read, naming the file and the field at fault.
public struct ModelFileError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    public var field: String?
    public var message: String

    public init(path: String, field: String? = nil, message: String) {
        self.path = path
        self.field = field
        self.message = message
    }

    public var description: String {
        if let field { return "\(path): field '\(field)': \(message)" }
        return "\(path): \(message)"
    }
}

/// The JSON model file of a fully connected network (`kind: "boltzmann"`), in one of two forms:
/// - version 1, explicit weights (learned machines, imported weights):
///   `{"format": "hopfield-model", "version": 1, "kind": "boltzmann", "units": "spin" | "binary",
///     "shape": [rows, cols], "visible": v, "weights": [[…] × N], "biases": [N],
///     "patterns": [{"name": "A", "state": "1001…"}]}`;
/// - version 2, a network built by a rule from its patterns: `"rule": "hebb" | "storkey" | "pinv"` and the
///   patterns instead of `weights` and `biases`; loading rebuilds the network with the rule, bit for bit
///   the network `--patterns` builds (a 10,000-unit Hebbian network of 20 patterns is 200 KB, not 1 GB).
/// `shape`, `visible` (units 0..<v are visible, the rest hidden) and, with weights, `patterns` are optional.
public struct NetworkModelFile: Sendable, Equatable {
    public static let format = "hopfield-model"
    /// The version of explicit-weight files (unchanged since version 1, so older programs read them).
    public static let version = 1
    /// The version that adds `rule`.
    public static let ruleVersion = 2
    /// Files larger than this are refused before they are read.
    public static let maxBytes = 1 << 30
    /// Σ|w_ij| + Σ|b_i| bounds every energy, field and energy change; above this they could overflow.
    public static let maxMagnitudeSum = 1e300

    public var units: UnitConvention
    public var shape: [Int]?
    public var visible: Int?
    /// The rule that builds the network from `patterns` (then `weights` and `biases` are empty), or nil.
    public var rule: LearningRule?
    /// Row-major N x N (empty when `rule` is set).
    public var weights: [Double]
    public var biases: [Double]
    public var patterns: [StoredPattern]
    public var count: Int { rule == nil ? biases.count : patterns.first?.spins.count ?? 0 }

    public init(units: UnitConvention, shape: [Int]?, visible: Int? = nil, weights: [Double], biases: [Double], patterns: [StoredPattern]) {
        self.units = units
        self.shape = shape
        self.visible = visible
        self.rule = nil
        self.weights = weights
        self.biases = biases
        self.patterns = patterns
    }

    /// The file of a network with explicit weights (dense whatever the in-memory representation).
    public init(network: EnergyNetwork, shape: [Int]?, patterns: [StoredPattern], visible: Int? = nil) {
        self.init(units: network.units, shape: shape, visible: visible, weights: network.couplings.denseValues(),
                  biases: network.biases, patterns: patterns)
    }

    /// The file of the network `rule` builds from `patterns` (at least one, all of one length).
    public init(rule: LearningRule, units: UnitConvention, shape: [Int]?, patterns: [StoredPattern]) {
        precondition(!patterns.isEmpty, "a rule-built network needs its patterns")
        self.init(units: units, shape: shape, weights: [], biases: [], patterns: patterns)
        self.rule = rule
    }

    /// The network this file describes, in the state of all units down.
    public func makeNetwork() -> EnergyNetwork {
        if let rule { return EnergyNetwork(patterns: patterns.map(\.spins), count: count, rule: rule, units: units) }
        return EnergyNetwork(couplings: .dense(DenseCouplings(count: count, values: weights)), biases: biases, units: units)
    }

    // MARK: - Writing

    /// JSON text, one weight row per line so that large files stay readable in an editor.
    public func jsonText() -> String {
        var out = "{\"format\": \"\(Self.format)\", \"version\": \(rule == nil ? Self.version : Self.ruleVersion), \"kind\": \"boltzmann\", \"units\": \"\(units.rawValue)\""
        if let shape { out += ", \"shape\": [\(shape.map(String.init).joined(separator: ", "))]" }
        if let visible { out += ", \"visible\": \(visible)" }
        if let rule {
            out += ", \"rule\": \"\(rule.rawValue)\""
        } else {
            out += ",\n\"weights\": [\n"
            let n = count
            for i in 0..<n {
                out += "  [" + (0..<n).map { JSONNumber.format(weights[i * n + $0]) }.joined(separator: ", ") + "]"
                out += i == n - 1 ? "\n" : ",\n"
            }
            out += "],\n\"biases\": [" + biases.map(JSONNumber.format).joined(separator: ", ") + "]"
        }
        out += ",\n\"patterns\": ["
        out += patterns.map { "\n  {\"name\": \(JSONNumber.quote($0.name)), \"state\": \"\($0.stateString)\"}" }.joined(separator: ",")
        out += patterns.isEmpty ? "]\n}\n" : "\n]\n}\n"
        return out
    }

    public func write(to path: String) throws {
        try AtomicFile.write(jsonText(), to: path)
    }

    // MARK: - Reading

    public static func read(path: String) throws -> NetworkModelFile {
        try validate(try ModelJSON.decode(path: path, maxBytes: maxBytes), path: path)
    }

    /// Checks a decoded document: header, sizes, symmetry, zero diagonal, magnitudes, state strings.
    static func validate(_ doc: ModelDocument, path: String) throws -> NetworkModelFile {
        let r = ModelJSON.Validator(path: path)
        let version = try r.header(doc, kind: "boltzmann", versions: [Self.version, Self.ruleVersion])
        guard let unitsName = doc.units else { throw r.error("units", "missing; expected \"spin\" or \"binary\"") }
        guard let units = UnitConvention(rawValue: unitsName) else {
            throw r.error("units", "expected \"spin\" or \"binary\", found \(ModelJSON.quoteForMessage(unitsName))")
        }
        var file: NetworkModelFile
        if let ruleName = doc.rule {
            guard version == Self.ruleVersion else { throw r.error("rule", "needs version \(Self.ruleVersion) (found version \(version))") }
            guard let rule = LearningRule(rawValue: ruleName) else {
                throw r.error("rule", "expected one of \(LearningRule.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), found \(ModelJSON.quoteForMessage(ruleName))")
            }
            if doc.weights != nil { throw r.error("weights", "a file with a rule has no weights (they are rebuilt from the patterns)") }
            if doc.biases != nil { throw r.error("biases", "a file with a rule has no biases (they are rebuilt from the patterns)") }
            guard let first = doc.patterns?.first?.state else { throw r.error("patterns", "missing; a rule builds the network from at least one pattern") }
            let patterns = try r.patterns(doc.patterns ?? [], units: first.utf8.count)
            guard patterns[0].spins.count >= 1 else { throw r.error("patterns[0].state", "expected at least one unit") }
            // Loading rebuilds the network: refuse one this machine cannot hold before anything is built.
            do { try NetworkBudget.check(count: patterns[0].spins.count, patterns: patterns.count, rule: rule, units: units) }
            catch { throw r.error("patterns", "\(error)") }
            file = NetworkModelFile(rule: rule, units: units, shape: nil, patterns: patterns)
        } else {
            guard let matrix = doc.weights else { throw r.error("weights", "missing") }
            let n = matrix.rows
            guard n >= 1 else { throw r.error("weights", "the network needs at least one unit (an empty matrix)") }
            if let (row, found) = matrix.firstRowOfOtherLength(than: n) {
                throw r.error("weights[\(row)]", "expected \(n) values (a square matrix), found \(found)")
            }
            guard let biases = doc.biases else { throw r.error("biases", "missing") }
            guard biases.count == n else {
                throw r.error("biases", "expected \(n) values (one per unit, as weights has \(n) rows), found \(biases.count)")
            }
            var weights = matrix.matrix.values
            var maxAbs = 0.0
            for w in weights { maxAbs = max(maxAbs, abs(w)) }
            let tol = 1e-9 * max(1, maxAbs)
            for i in 0..<n {
                if abs(weights[i * n + i]) > tol {
                    throw r.error("weights[\(i)][\(i)]", "the diagonal must be zero (no self-coupling), found \(weights[i * n + i])")
                }
                for j in (i + 1)..<max(n, i + 1) where abs(weights[i * n + j] - weights[j * n + i]) > tol {
                    throw r.error("weights[\(i)][\(j)]", "the matrix must be symmetric: w[\(i)][\(j)] = \(weights[i * n + j]) but w[\(j)][\(i)] = \(weights[j * n + i])")
                }
                if weights[i * n + i] != 0 { weights[i * n + i] = 0 }
            }
            try r.magnitudes([("weights", weights, n), ("biases", biases, 0)], limit: maxMagnitudeSum,
                             what: "Σ|w_ij| + Σ|b_i|, which bounds every energy")
            let patterns = try r.patterns(doc.patterns ?? [], units: n)
            file = NetworkModelFile(units: units, shape: nil, weights: weights, biases: biases, patterns: patterns)
        }
        file.shape = try r.shape(doc.shape, field: "shape", units: file.count, what: "the network has")
        if let v = doc.visible {
            let n = file.count
            guard v == v.rounded(), v >= 1, v <= Double(n) else { throw r.error("visible", "expected a count from 1 to \(n), found \(JSONNumber.format(v))") }
            file.visible = Int(v)
        }
        return file
    }
}

/// Every field a model file of any kind may have, as `JSONDecoder` reads it: all optional, numbers as
/// Double, so that `validate` can say which field is missing or what a wrong one holds. A new kind adds its
/// fields here and a validate function of its own; unknown fields are ignored.
struct ModelDocument: Decodable {
    var format: String?
    var version: Double?
    var kind: String?
    // kind "boltzmann"
    var units: String?
    var shape: [Double]?
    var visible: Double?
    var rule: String?
    var weights: ModelMatrix?
    var biases: [Double]?
    var patterns: [Pattern]?
    // kind "dense"
    var interaction: String?
    var count: Double?
    // kinds "rbm" and "dbn"
    var visibleShape: [Double]?
    var visibleBias: [Double]?
    var hiddenBias: [Double]?
    var layers: [Layer]?

    struct Pattern: Decodable {
        var name: String?
        var state: String?
    }

    struct Layer: Decodable {
        var weights: ModelMatrix?
        var visibleBias: [Double]?
        var hiddenBias: [Double]?
    }
}

/// A JSON array of number arrays: taken from the matrices `JSONSyntax.extractMatrices` read beforehand
/// (passed in the decoder's user info under `preread`, by coding path), else decoded element by element.
struct ModelMatrix: Decodable {
    var matrix: NumberMatrix

    static let preread = CodingUserInfoKey(rawValue: "hopfield.prereadMatrices")!

    /// The matrices read before decoding, handed out once each (so their buffers are not shared).
    final class Preread: @unchecked Sendable {
        var matrices: [String: NumberMatrix]
        init(_ matrices: [String: NumberMatrix]) { self.matrices = matrices }
    }

    init(from decoder: Decoder) throws {
        let path = ModelJSON.fieldName(decoder.codingPath) ?? ""
        if let box = decoder.userInfo[Self.preread] as? Preread, let m = box.matrices.removeValue(forKey: path) {
            matrix = m
            return
        }
        matrix = NumberMatrix()
        var outer = try decoder.unkeyedContainer()
        while !outer.isAtEnd {
            var row = try outer.nestedUnkeyedContainer()
            var length = 0
            while !row.isAtEnd {
                matrix.values.append(try row.decode(Double.self))
                length += 1
            }
            matrix.appendRow(length: length)
        }
    }

    var rows: Int { matrix.rows }
    var columns: Int { matrix.columns }
    func firstRowOfOtherLength(than columns: Int) -> (row: Int, length: Int)? { matrix.firstRowOfOtherLength(than: columns) }
}

/// Shared helpers for reading and writing the JSON model files of every kind.
public enum ModelJSON {
    /// The bytes of a model file through the capped reader (missing files, directories, devices and files
    /// larger than `maxBytes` are refused before anything is read). Every model file is read through here.
    static func readData(path: String, maxBytes: Int) throws -> Data {
        do { return try BoundedFile.read(path: path, limit: maxBytes) } catch { throw ModelFileError(path: path, message: error.problem) }
    }

    /// Reads and decodes a model file with `JSONDecoder`. A decoding failure names the field and what it
    /// found; a text the decoder refuses as JSON is explained by `JSONSyntax` (line, column, field).
    /// The weight matrices, which make up nearly all of a large file, are read first in one pass into flat
    /// buffers (`JSONSyntax.extractMatrices`), so that peak memory is the file plus the numbers, not a
    /// decoder tree of every number.
    static func decode(path: String, maxBytes: Int) throws -> ModelDocument {
        var data = try readData(path: path, maxBytes: maxBytes)
        let original = data
        let decoder = JSONDecoder()
        if let (rest, matrices) = JSONSyntax.extractMatrices(from: data, key: "weights") {
            data = rest
            decoder.userInfo[ModelMatrix.preread] = ModelMatrix.Preread(matrices)
        }
        do {
            return try decoder.decode(ModelDocument.self, from: data)
        } catch let error as DecodingError {
            throw modelError(error, data: original, path: path)
        }
    }

    /// A coding path as a field name: `layers[0].weights[3][1]`; nil at the top level.
    static func fieldName(_ codingPath: [CodingKey]) -> String? {
        let text = codingPath.reduce("") { s, key in
            if let i = key.intValue { return s + "[\(i)]" }
            return s.isEmpty ? key.stringValue : s + "." + key.stringValue
        }
        return text.isEmpty ? nil : text
    }

    /// A model-file error for a decoding error: the coding path as a field (`layers[0].weights[3][1]`).
    static func modelError(_ error: DecodingError, data: Data, path: String) -> ModelFileError {
        let field = fieldName
        func found(_ description: String) -> String {
            // Foundation says "… but found number instead." / "… but found a string instead."
            guard let r = description.range(of: "found ") else { return "something else" }
            let rest = description[r.upperBound...].replacingOccurrences(of: " instead.", with: "")
            return ["number": "a number", "bool": "a boolean", "null": "null"][rest] ?? rest
        }
        func expected(_ type: Any.Type) -> String {
            if type == Double.self { return "a number" }
            if type == String.self { return "a string" }
            let name = "\(type)"
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return name
        }
        switch error {
        case .typeMismatch(let type, let context):
            guard let f = field(context.codingPath) else {
                return ModelFileError(path: path, message: "expected a JSON object at the top level, found \(found(context.debugDescription))")
            }
            return ModelFileError(path: path, field: f, message: "expected \(expected(type)), found \(found(context.debugDescription))")
        case .valueNotFound(let type, let context):
            return ModelFileError(path: path, field: field(context.codingPath), message: "expected \(expected(type)), found null")
        case .keyNotFound(let key, let context):
            return ModelFileError(path: path, field: field(context.codingPath + [key]), message: "missing")
        case .dataCorrupted(let context):
            if let e = JSONSyntax.firstError(in: data) {
                return ModelFileError(path: path, field: e.path.isEmpty ? nil : Sanitize.terminal(e.path), message: "not valid JSON (\(Sanitize.terminal(e.description)))")
            }
            return ModelFileError(path: path, field: field(context.codingPath), message: "not valid JSON (\(context.debugDescription))")
        @unknown default:
            return ModelFileError(path: path, message: "\(error)")
        }
    }

    /// A reason a name is unacceptable (unsafe characters, by `Sanitize`'s rule, reach terminals raw), or nil.
    public static func controlCharacterProblem(_ name: String) -> String? {
        Sanitize.firstUnsafe(in: name).map { "name contains \(Sanitize.describe($0.scalar))" }
    }

    /// A string quoted for an error message, at most 80 characters, made safe by `Sanitize`.
    public static func quoteForMessage(_ s: String) -> String {
        let head = String(String.UnicodeScalarView(s.unicodeScalars.prefix(80)))
        return "\"" + Sanitize.terminal(head) + (s.unicodeScalars.count > 80 ? "…\"" : "\"")
    }

    /// The checks every kind shares, with messages that name the field.
    struct Validator {
        let path: String

        func error(_ field: String, _ message: String) -> ModelFileError {
            ModelFileError(path: path, field: field, message: message)
        }

        /// Checks format, version (one of `versions`) and kind; returns the version.
        func header(_ doc: ModelDocument, kind: String, versions: [Int]) throws -> Int {
            let expectedVersions = versions.map(String.init).joined(separator: " or ")
            guard let format = doc.format else { throw error("format", "missing; expected \"\(NetworkModelFile.format)\"") }
            guard format == NetworkModelFile.format else { throw error("format", "expected \"\(NetworkModelFile.format)\", found \(quoteForMessage(format))") }
            guard let version = doc.version else { throw error("version", "missing; expected \(expectedVersions)") }
            guard let v = versions.first(where: { Double($0) == version }) else {
                throw error("version", "this program reads version \(expectedVersions) of \(kind) files, found \(JSONNumber.format(version))")
            }
            guard let k = doc.kind else { throw error("kind", "missing; expected \"\(kind)\"") }
            guard k == kind else { throw error("kind", "expected \"\(kind)\", found \(quoteForMessage(k))") }
            return v
        }

        /// An optional [rows, cols] whose product must be `units` (checked without overflow).
        func shape(_ values: [Double]?, field: String, units: Int, what: String) throws -> [Int]? {
            guard let values else { return nil }
            guard values.count == 2, values.allSatisfy({ $0 == $0.rounded() && $0 >= 1 && $0 <= Double(Int32.max) }) else {
                throw error(field, "expected [rows, cols], two whole numbers from 1 to \(Int32.max), found [\(values.prefix(3).map(JSONNumber.format).joined(separator: ", "))\(values.count > 3 ? ", …" : "")]")
            }
            let (rows, cols) = (Int(values[0]), Int(values[1]))
            guard rows * cols == units else { throw error(field, "rows x cols = \(rows) x \(cols) = \(rows * cols) but \(what) \(units) units") }
            return [rows, cols]
        }

        /// Refuses parameters whose magnitudes add up to more than `limit`, naming the largest one.
        /// `arrays`: (field, values, columns; 0 for a vector).
        func magnitudes(_ arrays: [(String, [Double], Int)], limit: Double, what: String) throws {
            var total = 0.0
            var largest = (field: "", value: 0.0)
            for (name, values, columns) in arrays {
                for (k, x) in values.enumerated() {
                    total += abs(x)
                    if abs(x) > abs(largest.value) {
                        largest = (columns > 0 ? "\(name)[\(k / columns)][\(k % columns)]" : "\(name)[\(k)]", x)
                    }
                }
            }
            guard total <= limit else {
                throw error(largest.field, "magnitude \(JSONNumber.format(largest.value)) is too large: \(what), would be \(total.isFinite ? JSONNumber.format(total) : "beyond the range of a double"), more than the \(JSONNumber.format(limit)) allowed")
            }
        }

        /// Named state strings of `units` characters each, names unique and free of control characters.
        func patterns(_ list: [ModelDocument.Pattern], units n: Int) throws -> [StoredPattern] {
            var seen = Set<String>()
            return try list.enumerated().map { k, entry in
                guard let name = entry.name else { throw error("patterns[\(k)].name", "missing; expected a string") }
                if let bad = controlCharacterProblem(name) { throw error("patterns[\(k)].name", bad) }
                guard !seen.contains(name) else { throw error("patterns[\(k)].name", "duplicate name \(quoteForMessage(name))") }
                seen.insert(name)
                guard let state = entry.state else { throw error("patterns[\(k)].state", "missing; expected a string of 0 and 1") }
                var spins: [Int8] = []
                spins.reserveCapacity(n)
                for ch in state.utf8 {
                    switch ch {
                    case UInt8(ascii: "1"): spins.append(1)
                    case UInt8(ascii: "0"): spins.append(-1)
                    default: throw error("patterns[\(k)].state", "only '0' and '1' are allowed")
                    }
                }
                guard spins.count == n else { throw error("patterns[\(k)].state", "expected \(n) characters, found \(spins.count)") }
                return StoredPattern(name: name, spins: spins)
            }
        }
    }
}

/// Number and string formatting for hand-written JSON (shortest round-trip decimal, escaped strings).
public enum JSONNumber {
    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
