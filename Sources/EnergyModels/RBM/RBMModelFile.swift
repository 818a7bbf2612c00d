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
        try validate(try ModelJSON.decode(path: path, maxBytes: NetworkModelFile.maxBytes), path: path)
    }

    /// |a_i| + |b_j| + |W_ij| summed over a layer bounds every layer input; above this the Float kernels
    /// could overflow (Float's range is 3.4e38).
    public static let maxMagnitudeSum = 1e30

    /// Checks a decoded document of kind "rbm" or "dbn": header, sizes, magnitudes within Float range.
    static func validate(_ doc: ModelDocument, path: String) throws -> RBMModelFile {
        let r = ModelJSON.Validator(path: path)
        let kind = doc.kind == "dbn" ? "dbn" : "rbm"
        _ = try r.header(doc, kind: kind, versions: [NetworkModelFile.version])
        var layers: [RBM] = []
        if kind == "rbm" {
            layers.append(try layer(ModelDocument.Layer(weights: doc.weights, visibleBias: doc.visibleBias, hiddenBias: doc.hiddenBias), r, prefix: ""))
        } else {
            guard let list = doc.layers else { throw r.error("layers", "missing") }
            guard !list.isEmpty else { throw r.error("layers", "expected at least one layer") }
            for (l, entry) in list.enumerated() {
                let layer = try layer(entry, r, prefix: "layers[\(l)].")
                if let below = layers.last, below.hiddenCount != layer.visibleCount {
                    throw r.error("layers[\(l)].weights", "expected \(below.hiddenCount) rows (the hidden units of layers[\(l - 1)]), found \(layer.visibleCount)")
                }
                layers.append(layer)
            }
        }
        let shape = try r.shape(doc.visibleShape, field: "visibleShape", units: layers[0].visibleCount, what: "the model has")
        var file = RBMModelFile(rbm: layers[0], visibleShape: shape)
        file.layers = layers
        file.kind = kind
        return file
    }

    private static func layer(_ entry: ModelDocument.Layer, _ r: ModelJSON.Validator, prefix: String) throws -> RBM {
        func err(_ field: String, _ message: String) -> ModelFileError { r.error(prefix + field, message) }
        guard let matrix = entry.weights else { throw err("weights", "missing") }
        let m = matrix.rows
        guard m >= 1 else { throw err("weights", "expected at least one row (one per visible unit)") }
        let n = matrix.columns
        guard n >= 1 else { throw err("weights[0]", "expected at least one value (one per hidden unit)") }
        if let (row, found) = matrix.firstRowOfOtherLength(than: n) {
            throw err("weights[\(row)]", "expected \(n) values (one per hidden unit, as weights[0] has), found \(found)")
        }
        guard let a = entry.visibleBias else { throw err("visibleBias", "missing") }
        guard a.count == m else { throw err("visibleBias", "expected \(m) values (one per visible unit, as weights has \(m) rows), found \(a.count)") }
        guard let b = entry.hiddenBias else { throw err("hiddenBias", "missing") }
        guard b.count == n else { throw err("hiddenBias", "expected \(n) values (one per hidden unit, as weights rows have \(n)), found \(b.count)") }
        try r.magnitudes([(prefix + "weights", matrix.matrix.values, n), (prefix + "visibleBias", a, 0), (prefix + "hiddenBias", b, 0)],
                         limit: maxMagnitudeSum, what: "the sum of |W_ij|, |a_i| and |b_j|, which bounds every layer input")
        return RBM(visibleCount: m, hiddenCount: n, weights: matrix.matrix.values.map { Float($0) }, visibleBias: a.map { Float($0) },
                   hiddenBias: b.map { Float($0) })
    }
}
