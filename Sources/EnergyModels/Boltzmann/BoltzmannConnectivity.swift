/// Which pairs of units of a Boltzmann machine may have a weight: a symmetric n x n mask with a false
/// diagonal. A pair outside the mask has w_ij = 0 for ever (learning never touches it). Every unit also has
/// a bias, the weight to an always-on unit, which is always present and always learned.
public struct BoltzmannConnectivity: Sendable, Equatable {
    /// Number of units (the always-on bias unit not included).
    public let count: Int
    /// A short name for messages and files: "full", "bipartite", "layered", "encoder" or "custom".
    public let name: String
    /// Row-major n x n; mask[i*n+j] == mask[j*n+i], mask[i*n+i] == false.
    public let mask: [Bool]

    /// A mask from a predicate, made symmetric (i, j connected if the predicate holds either way round)
    /// and with the diagonal removed.
    public init(count: Int, name: String = "custom", connected: (Int, Int) -> Bool) {
        precondition(count >= 0, "count must be ≥ 0")
        var m = [Bool](repeating: false, count: count * count)
        for i in 0..<count {
            for j in (i + 1)..<max(count, i + 1) where connected(i, j) || connected(j, i) {
                m[i * count + j] = true
                m[j * count + i] = true
            }
        }
        self.count = count
        self.name = name
        self.mask = m
    }

    @inlinable
    public func isConnected(_ i: Int, _ j: Int) -> Bool { mask[i * count + j] }

    /// The connected pairs (i, j) with i < j, in row order.
    public var pairs: [(Int, Int)] {
        var out: [(Int, Int)] = []
        for i in 0..<count {
            for j in (i + 1)..<max(count, i + 1) where mask[i * count + j] { out.append((i, j)) }
        }
        return out
    }

    /// Number of weights (pairs), biases not counted.
    public var connectionCount: Int { mask.lazy.filter { $0 }.count / 2 }

    /// Every pair connected: the general Boltzmann machine.
    public static func full(count: Int) -> BoltzmannConnectivity {
        BoltzmannConnectivity(count: count, name: "full") { _, _ in true }
    }

    /// Visible units 0..<visible, hidden units after them; only visible–hidden pairs connected (the
    /// restricted Boltzmann machine's graph).
    public static func bipartite(visible: Int, hidden: Int) -> BoltzmannConnectivity {
        BoltzmannConnectivity(count: visible + hidden, name: "bipartite") { i, j in (i < visible) != (j < visible) }
    }

    /// Consecutive layers of the given sizes (units numbered layer by layer); adjacent layers fully
    /// connected, and units within a layer connected too when `withinLayers` is true.
    public static func layered(sizes: [Int], withinLayers: Bool = false) -> BoltzmannConnectivity {
        var layerOf: [Int] = []
        for (k, size) in sizes.enumerated() { layerOf += [Int](repeating: k, count: max(0, size)) }
        return BoltzmannConnectivity(count: layerOf.count, name: "layered") { i, j in
            let d = abs(layerOf[i] - layerOf[j])
            return d == 1 || (withinLayers && d == 0)
        }
    }

    /// The v-h-v encoder of Ackley, Hinton and Sejnowski (1985). Units 0..<v are the input group V1,
    /// v..<2v the output group V2 (so the 2v visible units come first), 2v..<2v+h the hidden group H.
    /// V1–H and H–V2 are fully connected; V1 and V2 are never connected to each other, so everything
    /// V2 learns about V1 passes through H. `withinGroups` connects the units inside V1 and inside V2
    /// (the paper's set-up, as we read it); `hiddenLinks` connects the hidden units to each other.
    public static func encoder(groupSize v: Int, hidden h: Int, withinGroups: Bool = true, hiddenLinks: Bool = false) -> BoltzmannConnectivity {
        func group(_ i: Int) -> Int { i < v ? 1 : (i < 2 * v ? 2 : 0) }  // 1 = V1, 2 = V2, 0 = H
        return BoltzmannConnectivity(count: 2 * v + h, name: "encoder") { i, j in
            let (a, b) = (group(i), group(j))
            if a == 0 && b == 0 { return hiddenLinks }
            if a == 0 || b == 0 { return true }
            return a == b && withinGroups
        }
    }
}
