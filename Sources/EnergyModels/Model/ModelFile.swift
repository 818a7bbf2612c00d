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

/// The JSON model file of a fully connected network (`kind: "boltzmann"`):
/// `{"format": "hopfield-model", "version": 1, "kind": "boltzmann", "units": "spin" | "binary",
///   "shape": [rows, cols], "visible": v, "weights": [[…] × N], "biases": [N],
///   "patterns": [{"name": "A", "state": "1001…"}]}`.
/// `shape`, `visible` (units 0..<v are visible, the rest hidden) and `patterns` are optional.
public struct NetworkModelFile: Sendable, Equatable {
    public static let format = "hopfield-model"
    public static let version = 1
    /// Files larger than this are refused before they are read.
    public static let maxBytes = 1 << 30

    public var units: UnitConvention
    public var shape: [Int]?
    public var visible: Int?
    /// Row-major N x N.
    public var weights: [Double]
    public var biases: [Double]
    public var patterns: [StoredPattern]
    public var count: Int { biases.count }

    public init(units: UnitConvention, shape: [Int]?, visible: Int? = nil, weights: [Double], biases: [Double], patterns: [StoredPattern]) {
        self.units = units
        self.shape = shape
        self.visible = visible
        self.weights = weights
        self.biases = biases
        self.patterns = patterns
    }

    /// The file of a network (dense weights whatever the in-memory representation).
    public init(network: EnergyNetwork, shape: [Int]?, patterns: [StoredPattern], visible: Int? = nil) {
        self.init(units: network.units, shape: shape, visible: visible, weights: network.couplings.denseValues(),
                  biases: network.biases, patterns: patterns)
    }

    /// The network this file describes, in the state of all units down.
    public func makeNetwork() -> EnergyNetwork {
        EnergyNetwork(couplings: .dense(DenseCouplings(count: count, values: weights)), biases: biases, units: units)
    }

    // MARK: - Writing

    /// JSON text, one weight row per line so that large files stay readable in an editor.
    public func jsonText() -> String {
        var out = "{\"format\": \"\(Self.format)\", \"version\": \(Self.version), \"kind\": \"boltzmann\", \"units\": \"\(units.rawValue)\""
        if let shape { out += ", \"shape\": [\(shape.map(String.init).joined(separator: ", "))]" }
        if let visible { out += ", \"visible\": \(visible)" }
        out += ",\n\"weights\": [\n"
        let n = count
        for i in 0..<n {
            out += "  [" + (0..<n).map { JSONNumber.format(weights[i * n + $0]) }.joined(separator: ", ") + "]"
            out += i == n - 1 ? "\n" : ",\n"
        }
        out += "],\n\"biases\": [" + biases.map(JSONNumber.format).joined(separator: ", ") + "]"
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
        let object = try ModelJSON.readObject(path: path, maxBytes: maxBytes)
        return try parse(object, path: path)
    }

    /// Validates a decoded JSON object: sizes, symmetry, zero diagonal, finite numbers, state strings.
    public static func parse(_ object: [String: Any], path: String) throws -> NetworkModelFile {
        let r = ModelJSON.Reader(path: path, object: object)
        try r.checkHeader(kind: "boltzmann")
        let unitsName = try r.string("units")
        guard let units = UnitConvention(rawValue: unitsName) else {
            throw r.error("units", "expected \"spin\" or \"binary\", found \(ModelJSON.quoteForMessage(unitsName))")
        }
        let rows = try r.matrix("weights")
        let n = rows.count
        guard n >= 1 else { throw r.error("weights", "the network needs at least one unit (an empty matrix)") }
        let biases = try r.numbers("biases")
        guard biases.count == n else {
            throw r.error("biases", "expected \(n) values (one per unit, as weights has \(n) rows), found \(biases.count)")
        }
        var weights = [Double](repeating: 0, count: n * n)
        for (i, row) in rows.enumerated() {
            guard row.count == n else { throw r.error("weights[\(i)]", "expected \(n) values (a square matrix), found \(row.count)") }
            for j in 0..<n { weights[i * n + j] = row[j] }
        }
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
            weights[i * n + i] = 0
        }
        var shape: [Int]? = nil
        if r.has("shape") {
            let s = try r.integers("shape")
            guard s.count == 2, s[0] > 0, s[1] > 0 else { throw r.error("shape", "expected [rows, cols] with both positive") }
            guard s[0] * s[1] == n else { throw r.error("shape", "rows x cols = \(s[0] * s[1]) but the network has \(n) units") }
            shape = s
        }
        var visible: Int? = nil
        if r.has("visible") {
            let v = try r.integer("visible")
            guard v >= 1 && v <= n else { throw r.error("visible", "expected a count from 1 to \(n), found \(v)") }
            visible = v
        }
        let patterns = try r.patterns(count: n)
        return NetworkModelFile(units: units, shape: shape, visible: visible, weights: weights, biases: biases, patterns: patterns)
    }
}

/// Shared helpers for reading and writing the JSON model files of every kind.
public enum ModelJSON {
    /// Reads a file into a JSON object, refusing files that are missing, too large or not JSON objects.
    public static func readObject(path: String, maxBytes: Int) throws -> [String: Any] {
        let data: Data
        do { data = try BoundedFile.read(path: path, limit: maxBytes) } catch { throw ModelFileError(path: path, message: error.problem) }
        let json: Any
        do {
            json = try JSONParser.parse(data)
        } catch let e as JSONParseError {
            throw ModelFileError(path: path, message: "not valid JSON (\(e))")
        }
        guard let object = json as? [String: Any] else {
            throw ModelFileError(path: path, message: "expected a JSON object at the top level")
        }
        return object
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

    /// Field access with messages that name the field.
    public struct Reader {
        public let path: String
        public let object: [String: Any]

        public init(path: String, object: [String: Any]) {
            self.path = path
            self.object = object
        }

        public func error(_ field: String, _ message: String) -> ModelFileError {
            ModelFileError(path: path, field: field, message: message)
        }

        public func has(_ key: String) -> Bool { object[key] != nil && !(object[key] is NSNull) }

        public func checkHeader(kind: String) throws {
            guard let format = object["format"] as? String else { throw error("format", "missing; expected \"\(NetworkModelFile.format)\"") }
            guard format == NetworkModelFile.format else { throw error("format", "expected \"\(NetworkModelFile.format)\", found \(quoteForMessage(format))") }
            guard let version = object["version"] as? Double else { throw error("version", "missing; expected 1") }
            guard version == Double(NetworkModelFile.version) else {
                throw error("version", "this program reads version \(NetworkModelFile.version), found \(JSONNumber.format(version))")
            }
            guard let k = object["kind"] as? String else { throw error("kind", "missing; expected \"\(kind)\"") }
            guard k == kind else { throw error("kind", "expected \"\(kind)\", found \(quoteForMessage(k))") }
        }

        public func string(_ key: String) throws -> String {
            guard let v = object[key] else { throw error(key, "missing") }
            guard let s = v as? String else { throw error(key, "expected a string") }
            return s
        }

        public func array(_ key: String) throws -> [Any] {
            guard let v = object[key] else { throw error(key, "missing") }
            guard let a = v as? [Any] else { throw error(key, "expected an array") }
            return a
        }

        public func number(_ value: Any, field: String) throws -> Double {
            guard let d = value as? Double else { throw error(field, "expected a number") }
            guard d.isFinite else { throw error(field, "expected a finite number, found \(d)") }
            return d
        }

        public func numbers(_ key: String) throws -> [Double] {
            try array(key).enumerated().map { try number($0.element, field: "\(key)[\($0.offset)]") }
        }

        public func matrix(_ key: String) throws -> [[Double]] {
            try array(key).enumerated().map { (i, row) in
                guard let row = row as? [Any] else { throw error("\(key)[\(i)]", "expected an array of numbers") }
                return try row.enumerated().map { try number($0.element, field: "\(key)[\(i)][\($0.offset)]") }
            }
        }

        public func integer(_ key: String) throws -> Int {
            guard let v = object[key] else { throw error(key, "missing") }
            let d = try number(v, field: key)
            guard d == d.rounded(), abs(d) < 1e15 else { throw error(key, "expected a whole number, found \(d)") }
            return Int(d)
        }

        /// The optional `patterns` list: `[{"name": …, "state": "1001…"}]`, each state of `count` characters,
        /// names unique and free of control characters; empty when absent.
        public func patterns(count n: Int) throws -> [StoredPattern] {
            let r = self
            var patterns: [StoredPattern] = []
            if r.has("patterns") {
                let list = try r.array("patterns")
                var seen = Set<String>()
                for (k, item) in list.enumerated() {
                    guard let entry = item as? [String: Any] else { throw r.error("patterns[\(k)]", "expected an object with name and state") }
                    guard let name = entry["name"] as? String else { throw r.error("patterns[\(k)].name", "expected a string") }
                    if let bad = ModelJSON.controlCharacterProblem(name) { throw r.error("patterns[\(k)].name", bad) }
                    guard !seen.contains(name) else { throw r.error("patterns[\(k)].name", "duplicate name \(ModelJSON.quoteForMessage(name))") }
                    seen.insert(name)
                    guard let state = entry["state"] as? String else { throw r.error("patterns[\(k)].state", "expected a string of 0 and 1") }
                    var spins: [Int8] = []
                    spins.reserveCapacity(n)
                    for ch in state.utf8 {
                        switch ch {
                        case UInt8(ascii: "1"): spins.append(1)
                        case UInt8(ascii: "0"): spins.append(-1)
                        default: throw r.error("patterns[\(k)].state", "only '0' and '1' are allowed")
                        }
                    }
                    guard spins.count == n else { throw r.error("patterns[\(k)].state", "expected \(n) characters, found \(spins.count)") }
                    patterns.append(StoredPattern(name: name, spins: spins))
                }
            }
            return patterns
        }

        public func integers(_ key: String) throws -> [Int] {
            try numbers(key).enumerated().map { (i, d) in
                guard d == d.rounded(), abs(d) < 1e15 else { throw error("\(key)[\(i)]", "expected a whole number, found \(d)") }
                return Int(d)
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
