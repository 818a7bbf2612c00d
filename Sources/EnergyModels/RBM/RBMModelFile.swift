import Foundation

/// The JSON model file of an RBM:
/// `{"format": "hopfield-model", "version": 1, "kind": "rbm", "visibleShape": [rows, cols],
///   "weights": [[…n values…] × m rows], "visibleBias": [m], "hiddenBias": [n]}`,
/// weights indexed [visible][hidden]. `visibleShape` (how to draw the visible layer) is optional.
///
/// A deep belief net uses `"kind": "dbn"` with the layers bottom first, each hidden layer the next one's
/// visible layer: `{"format": …, "version": 1, "kind": "dbn", "visibleShape": [rows, cols],
///   "layers": [{"weights": …, "visibleBias": …, "hiddenBias": …}, …]}`.
///
/// Numbers are written as the shortest decimal that reads back to the same Float (parameters are
/// Float in memory), and read as any finite JSON number within Float range.
public struct RBMModelFile: Sendable, Equatable {
    public var layers: [RBM]
    public var visibleShape: [Int]?

    public init(rbm: RBM, visibleShape: [Int]?) {
        layers = [rbm]
        self.visibleShape = visibleShape
    }

    public init(dbn: DeepBeliefNet, visibleShape: [Int]?) {
        layers = dbn.layers
        self.visibleShape = visibleShape
    }

    /// True for a `kind: "dbn"` file (more than one layer, or read from one).
    public var isDeepBeliefNet: Bool { layers.count > 1 || kind == "dbn" }
    private var kind = "rbm"

    public var rbm: RBM { layers[0] }
    public var dbn: DeepBeliefNet { DeepBeliefNet(layers: layers) }

    // MARK: - Writing

    static func number(_ x: Float) -> String {
        if x == x.rounded() && abs(x) < 1e7 { return String(Int(x)) }
        return "\(x)"
    }

    static func layerText(_ rbm: RBM, indent: String) -> String {
        let n = rbm.hiddenCount
        var out = "\(indent)\"weights\": [\n"
        for i in 0..<rbm.visibleCount {
            out += "\(indent)  [" + (0..<n).map { number(rbm.weights[i * n + $0]) }.joined(separator: ", ") + "]"
            out += i == rbm.visibleCount - 1 ? "\n" : ",\n"
        }
        out += "\(indent)],\n\(indent)\"visibleBias\": [" + rbm.visibleBias.map(number).joined(separator: ", ") + "],\n"
        out += "\(indent)\"hiddenBias\": [" + rbm.hiddenBias.map(number).joined(separator: ", ") + "]"
        return out
    }

    /// JSON text, one weight row per line.
    public func jsonText() -> String {
        let dbnFile = isDeepBeliefNet
        var out = "{\"format\": \"\(NetworkModelFile.format)\", \"version\": \(NetworkModelFile.version), \"kind\": \"\(dbnFile ? "dbn" : "rbm")\""
        if let visibleShape { out += ", \"visibleShape\": [\(visibleShape.map(String.init).joined(separator: ", "))]" }
        if dbnFile {
            out += ",\n\"layers\": [\n"
            for (l, layer) in layers.enumerated() {
                out += "  {\n" + Self.layerText(layer, indent: "    ") + "\n  }" + (l == layers.count - 1 ? "\n" : ",\n")
            }
            out += "]\n}\n"
        } else {
            out += ",\n" + Self.layerText(layers[0], indent: "") + "\n}\n"
        }
        return out
    }

    /// Writes atomically. Refuses non-finite parameters (a diverged training run), naming the layer.
    public func write(to path: String) throws {
        for (l, layer) in layers.enumerated() where !layer.isFinite {
            throw FileWriteError(path: path, reason: "layer \(l) has non-finite parameters (training diverged; lower the learning rate)")
        }
        try AtomicFile.write(jsonText(), to: path)
    }

    // MARK: - Reading

    public static func read(path: String) throws -> RBMModelFile {
        let object = try ModelJSON.readObject(path: path, maxBytes: NetworkModelFile.maxBytes)
        return try parse(object, path: path)
    }

    /// Validates a decoded object of kind "rbm" or "dbn": header, sizes, finite numbers in Float range.
    public static func parse(_ object: [String: Any], path: String) throws -> RBMModelFile {
        let r = ModelJSON.Reader(path: path, object: object)
        let kind = (object["kind"] as? String) == "dbn" ? "dbn" : "rbm"
        try r.checkHeader(kind: kind)
        var layers: [RBM] = []
        if kind == "rbm" {
            layers.append(try parseLayer(r, prefix: ""))
        } else {
            let list = try r.array("layers")
            guard !list.isEmpty else { throw r.error("layers", "expected at least one layer") }
            for (l, item) in list.enumerated() {
                guard let entry = item as? [String: Any] else { throw r.error("layers[\(l)]", "expected an object with weights, visibleBias and hiddenBias") }
                let sub = ModelJSON.Reader(path: path, object: entry)
                let layer = try parseLayer(sub, prefix: "layers[\(l)].")
                if let below = layers.last, below.hiddenCount != layer.visibleCount {
                    throw r.error("layers[\(l)].weights", "expected \(below.hiddenCount) rows (the hidden units of layers[\(l - 1)]), found \(layer.visibleCount)")
                }
                layers.append(layer)
            }
        }
        var shape: [Int]? = nil
        if r.has("visibleShape") {
            let s = try r.integers("visibleShape")
            guard s.count == 2, s[0] > 0, s[1] > 0 else { throw r.error("visibleShape", "expected [rows, cols] with both positive") }
            guard s[0] * s[1] == layers[0].visibleCount else {
                throw r.error("visibleShape", "rows x cols = \(s[0] * s[1]) but the model has \(layers[0].visibleCount) visible units")
            }
            shape = s
        }
        var file = RBMModelFile(rbm: layers[0], visibleShape: shape)
        file.layers = layers
        file.kind = kind
        return file
    }

    private static func parseLayer(_ r: ModelJSON.Reader, prefix: String) throws -> RBM {
        func err(_ field: String, _ message: String) -> ModelFileError { r.error(prefix + field, message) }
        func floats(_ values: [Double], field: String) throws -> [Float] {
            try values.enumerated().map { (k, x) in
                guard abs(x) <= Double(Float.greatestFiniteMagnitude) else { throw err("\(field)[\(k)]", "\(x) is outside the Float range") }
                return Float(x)
            }
        }
        let rows: [[Double]]
        do { rows = try r.matrix("weights") } catch let e as ModelFileError { throw err(e.field ?? "weights", e.message) }
        let m = rows.count
        guard m >= 1 else { throw err("weights", "expected at least one row (one per visible unit)") }
        let n = rows[0].count
        guard n >= 1 else { throw err("weights[0]", "expected at least one value (one per hidden unit)") }
        var w: [Float] = []
        w.reserveCapacity(m * n)
        for (i, row) in rows.enumerated() {
            guard row.count == n else { throw err("weights[\(i)]", "expected \(n) values (one per hidden unit, as weights[0] has), found \(row.count)") }
            for (j, x) in row.enumerated() {
                guard abs(x) <= Double(Float.greatestFiniteMagnitude) else { throw err("weights[\(i)][\(j)]", "\(x) is outside the Float range") }
                w.append(Float(x))
            }
        }
        let aD: [Double], bD: [Double]
        do { aD = try r.numbers("visibleBias") } catch let e as ModelFileError { throw err(e.field ?? "visibleBias", e.message) }
        guard aD.count == m else { throw err("visibleBias", "expected \(m) values (one per visible unit, as weights has \(m) rows), found \(aD.count)") }
        do { bD = try r.numbers("hiddenBias") } catch let e as ModelFileError { throw err(e.field ?? "hiddenBias", e.message) }
        guard bD.count == n else { throw err("hiddenBias", "expected \(n) values (one per hidden unit, as weights rows have \(n)), found \(bD.count)") }
        return RBM(visibleCount: m, hiddenCount: n, weights: w, visibleBias: try floats(aD, field: "visibleBias"),
                   hiddenBias: try floats(bD, field: "hiddenBias"))
    }
}
