/// A named ±1 pattern stored in a network.
public struct StoredPattern: Sendable, Equatable, Codable {
    public var name: String
    /// Entries +1 (up) or -1 (down).
    public var spins: [Int8]

    public init(name: String, spins: [Int8]) {
        self.name = name
        self.spins = spins
    }

    public init(name: String, up flags: [Bool]) {
        self.name = name
        self.spins = flags.map { $0 ? 1 : -1 }
    }

    /// `1` for up, `0` for down, one character per unit (the model file's state string).
    public var stateString: String { String(spins.map { $0 > 0 ? "1" : "0" }) }
}

/// What a state is, relative to the stored memories.
public enum StateClass: String, Sendable, Codable {
    /// Equal to a stored pattern.
    case stored
    /// Equal to the mirror image of a stored pattern (s → -s in spin terms), which is also a minimum of a
    /// Hebbian energy since E(-s) = E(s) without biases.
    case inverted
    /// Neither: a mixture state, a spin-glass state, or a state that is not a fixed point.
    case spurious
}

/// Overlaps and classification of states against a list of memories.
public enum Overlaps {
    /// m_μ = (1/N) Σ_i ξ_i^μ σ_i, with σ_i = ±1 the unit's up/down value (so binary states are read
    /// through σ = 2x - 1). m = 1 is the pattern itself, m = -1 its mirror image.
    public static func overlaps(of up: [Bool], with patterns: [StoredPattern]) -> [Double] {
        let n = up.count
        guard n > 0 else { return patterns.map { _ in 0 } }
        // σ as ±1 bytes once, then an Int8 dot product per pattern, which the compiler vectorises.
        let sigma = up.map { $0 ? Int8(1) : -1 }
        return sigma.withUnsafeBufferPointer { sigma in
            patterns.map { p in
                p.spins.withUnsafeBufferPointer { xi in
                    var s = 0
                    for i in 0..<min(n, xi.count) { s &+= Int(xi[i]) &* Int(sigma[i]) }
                    return Double(s) / Double(n)
                }
            }
        }
    }

    /// The stored pattern the state equals, or whose mirror image it equals; otherwise spurious.
    public static func classify(_ up: [Bool], patterns: [StoredPattern]) -> (StateClass, Int?) {
        classify(overlaps(of: up, with: patterns))
    }

    /// The class of a state from its overlaps m_μ: stored where some m_μ = 1, inverted where some m_μ = −1.
    public static func classify(_ m: [Double]) -> (StateClass, Int?) {
        if let k = m.firstIndex(where: { $0 == 1 }) { return (.stored, k) }
        if let k = m.firstIndex(where: { $0 == -1 }) { return (.inverted, k) }
        return (.spurious, nil)
    }
}
