/// How the symmetric, zero-diagonal weight matrix of a network is stored.
public enum CouplingRepresentation: String, Sendable, Codable, CaseIterable {
    /// A full N x N matrix: O(N²) memory, a flip costs O(N) (every local field is kept up to date).
    case dense
    /// W = L Rᵀ with the diagonal removed, L and R of size N x r: O(N r) memory, a field costs O(r).
    /// Hebbian and pseudo-inverse weights have rank p, so this is exact for them.
    case lowRank = "low-rank"
}

/// A full symmetric weight matrix w_ij = scale · v_ij, row-major, with zero diagonal.
///
/// The common factor `scale` > 0 lets Hebbian weights keep integer entries v_ij = Σ_μ ξ_i^μ ξ_j^μ, so that
/// local fields are sums of integers, exact in floating point: a tie h_i = 0 is then a real tie, not
/// rounding noise, and the T = 0 rule "a tie leaves the unit unchanged" means what it says.
public struct DenseCouplings: Sendable, Equatable {
    public let count: Int
    /// `values[i * count + j]` is v_ij (w_ij / scale).
    public internal(set) var values: [Double] {
        didSet {
            let small = Kernels.exactInt16(values)
            compactValues = small?.values
            compactBound = small?.bound ?? 0
        }
    }
    /// `values` as 16-bit integers when every v_ij is an integer with |v_ij| ≤ 32767 (Hebbian weights with
    /// p < 32768), nil otherwise. The copy is exact; the inner loops read a quarter of the bytes from it and
    /// still compute in `Double`, so every field is bit-identical. Costs N² · 2 bytes beside `values`.
    internal private(set) var compactValues: [Int16]?
    /// max |v_ij| when `compactValues` exists (0 otherwise).
    internal private(set) var compactBound: Int = 0
    /// The common factor; w_ij = scale · v_ij.
    public let scale: Double

    /// Precondition: `values.count == count * count`, `scale > 0`. Symmetry and the zero diagonal are the
    /// caller's promise (model files are validated before they get here).
    public init(count: Int, values: [Double], scale: Double = 1) {
        precondition(values.count == count * count, "dense couplings need N*N values")
        precondition(scale > 0 && scale.isFinite, "scale must be positive")
        self.count = count
        self.values = values
        self.scale = scale
        let small = Kernels.exactInt16(values)
        self.compactValues = small?.values
        self.compactBound = small?.bound ?? 0
    }

    /// As the public initialiser, with the exact Int16 copy already made by the caller (`Learning.hebbianDense`
    /// fills both at once). Precondition: `compactValues` is nil or equal to `values` entry by entry.
    init(count: Int, values: [Double], scale: Double, compactValues: [Int16]?, bound: Int) {
        precondition(values.count == count * count, "dense couplings need N*N values")
        precondition(scale > 0 && scale.isFinite, "scale must be positive")
        self.count = count
        self.values = values
        self.scale = scale
        self.compactValues = compactValues
        self.compactBound = bound
    }

    public subscript(i: Int, j: Int) -> Double { scale * values[i * count + j] }
}

/// A weight matrix of the form w_ij = scale · Σ_k L_ik R_jk for i ≠ j and w_ii = 0, where L Rᵀ is symmetric.
/// (Hebb: L = R = Ξ, scale = 1/N, integer entries as in `DenseCouplings`.)
public struct LowRankCouplings: Sendable, Equatable {
    public let count: Int
    public let rank: Int
    public let scale: Double
    /// N x r, row-major.
    public let left: [Double]
    /// N x r, row-major.
    public let right: [Double]
    /// d_i = Σ_k L_ik R_ik, the diagonal of L Rᵀ (unscaled) that the zero-diagonal convention removes.
    public let diagonal: [Double]
    /// L and R as 16-bit integers when every entry is an integer of magnitude at most 32767 (Hebbian ±1
    /// patterns), nil otherwise. Exact copies: a network whose projections also fit 16 bits computes its
    /// fields from them in integer arithmetic (8 products per SSE2 instruction), bit-identical to `Double`.
    internal let compactLeft: [Int16]?
    internal let compactRight: [Int16]?
    /// The largest |entry| of L and R when the compact copies exist (0 otherwise).
    internal let compactBound: Int
    /// Whether `left` and `right` are the same matrix (Hebb: L = R = Ξ), held once.
    internal let factorsShared: Bool
    /// When L = R and every entry is ±1 (Hebb): row i packed into `signWords` 64-bit words, bit k set when
    /// L_ik = +1, padding bits zero; else nil. Then (L Rᵀ)_ij = r - 2 · popcount(row_i XOR row_j), which
    /// lets a network bring a cached field up to date after a few flips without an r-long dot product.
    internal let signBits: [UInt64]?
    /// ⌈r / 64⌉.
    internal var signWords: Int { (rank + 63) / 64 }
    /// With `signBits`: the same signs column by column, column k (pattern k for Hebb) packed into
    /// `patternWords` words, bit i set when L_ik = +1. Then y_k = (Rᵀs)_k for spins is
    /// N - 2 popcount(column_k XOR up-bits of s): loading a state costs r N/64 word operations, not r N.
    internal let patternBits: [UInt64]?
    /// ⌈N / 64⌉.
    internal var patternWords: Int { (count + 63) / 64 }

    public init(count: Int, rank: Int, left: [Double], right: [Double], scale: Double = 1) {
        self.init(count: count, rank: rank, left: left, right: right, scale: scale, compactFactor: nil)
    }

    /// As the public initialiser; `compactFactor`, when given, is the exact Int16 copy of `left` with largest
    /// |entry| `bound`, and `left` must then be the same array as `right` (Hebb: L = R = Ξ); `signBits`, when
    /// given with it, is `compactFactor` packed as `signBits` describes (every entry ±1).
    init(count: Int, rank: Int, left: [Double], right: [Double], scale: Double,
         compactFactor: [Int16]?, bound: Int = 0, signBits packed: [UInt64]? = nil, patternBits columns: [UInt64]? = nil) {
        precondition(left.count == count * rank && right.count == count * rank, "low-rank factors need N*r values")
        precondition(scale > 0 && scale.isFinite, "scale must be positive")
        self.count = count
        self.rank = rank
        self.scale = scale
        self.left = left
        self.right = right
        // Array equality first compares storage identity, so L = R passed as one array costs O(1) here.
        factorsShared = left == right
        if packed != nil && compactFactor != nil && factorsShared {
            // ±1 entries: Σ_k L_ik² = r exactly.
            self.diagonal = [Double](repeating: Double(rank), count: count)
        } else {
            var d = [Double](repeating: 0, count: count)
            left.withUnsafeBufferPointer { l in
                right.withUnsafeBufferPointer { r in
                    for i in 0..<count { d[i] = Kernels.dot(l.baseAddress! + i * rank, r.baseAddress! + i * rank, rank) }
                }
            }
            self.diagonal = d
        }
        if let compactFactor, factorsShared {
            compactLeft = compactFactor
            compactRight = compactFactor
            compactBound = bound
        } else {
            let l = Kernels.exactInt16(left)
            let r = factorsShared ? l : Kernels.exactInt16(right)
            if let l, let r {
                compactLeft = l.values
                compactRight = r.values
                compactBound = max(l.bound, r.bound)
            } else {
                compactLeft = nil
                compactRight = nil
                compactBound = 0
            }
        }
        #if _endian(little)
        if factorsShared && compactBound == 1 {
            signBits = packed ?? compactLeft.flatMap { Self.packSigns($0, count: count, rank: rank) }
        } else {
            signBits = nil
        }
        if let signBits {
            patternBits = columns ?? Self.transposeSigns(signBits, count: count, rank: rank)
        } else {
            patternBits = nil
        }
        #else
        signBits = nil // the fast path reads the words' bytes in little-endian order
        patternBits = nil
        #endif
    }

    /// Row-packed sign bits (`signBits`) repacked column by column (`patternBits`).
    static func transposeSigns(_ rows: [UInt64], count n: Int, rank r: Int) -> [UInt64] {
        let words = (r + 63) / 64, columnWords = (n + 63) / 64
        var columns = [UInt64](repeating: 0, count: r * columnWords)
        for i in 0..<n {
            for k in 0..<r where rows[i * words + (k >> 6)] >> UInt64(k & 63) & 1 == 1 {
                columns[k * columnWords + (i >> 6)] |= 1 << UInt64(i & 63)
            }
        }
        return columns
    }

    /// The rows of an N x r matrix of ±1 entries as bits (see `signBits`); nil if an entry is not ±1.
    static func packSigns(_ m: [Int16], count n: Int, rank r: Int) -> [UInt64]? {
        let words = (r + 63) / 64
        var bits = [UInt64](repeating: 0, count: n * words)
        var allSigns = true
        m.withUnsafeBufferPointer { m in
            bits.withUnsafeMutableBufferPointer { bits in
                for i in 0..<n {
                    let row = m.baseAddress! + i * r
                    for q in 0..<words {
                        var word: UInt64 = 0
                        var notSign: Int16 = 0
                        for k in (64 * q)..<min(r, 64 * q + 64) {
                            let v = row[k]
                            // v² = 1 exactly for ±1 (and |v| ≤ 1 here, since the caller checked the bound).
                            notSign |= v &* v ^ 1
                            word |= UInt64(truncatingIfNeeded: (v &+ 1) &>> 1) &<< UInt64(k & 63)
                        }
                        if notSign != 0 { allSigns = false; return }
                        bits[i * words + q] = word
                    }
                }
            }
        }
        return allSigns ? bits : nil
    }

    /// The same couplings multiplied by `factor` (used by the spin → binary mapping, w01 = 4 w).
    public func scaled(by factor: Double) -> LowRankCouplings {
        LowRankCouplings(count: count, rank: rank, left: left, right: right, scale: scale * factor,
                         compactFactor: factorsShared ? compactLeft : nil, bound: compactBound, signBits: signBits,
                         patternBits: patternBits)
    }

    public subscript(i: Int, j: Int) -> Double {
        if i == j { return 0 }
        var sum = 0.0
        for k in 0..<rank { sum += left[i * rank + k] * right[j * rank + k] }
        return scale * sum
    }
}

/// The couplings of a network in one of two exact representations.
public enum Couplings: Sendable, Equatable {
    case dense(DenseCouplings)
    case lowRank(LowRankCouplings)

    public var count: Int {
        switch self {
        case .dense(let d): d.count
        case .lowRank(let l): l.count
        }
    }

    public var representation: CouplingRepresentation {
        switch self {
        case .dense: .dense
        case .lowRank: .lowRank
        }
    }

    /// The common factor of the weights.
    public var scale: Double {
        switch self {
        case .dense(let d): d.scale
        case .lowRank(let l): l.scale
        }
    }

    /// w_ij (zero on the diagonal).
    public func weight(_ i: Int, _ j: Int) -> Double {
        switch self {
        case .dense(let d): d[i, j]
        case .lowRank(let l): l[i, j]
        }
    }

    /// The full matrix, row-major (O(N²) memory: for files and tests, not for large networks).
    public func denseValues() -> [Double] {
        switch self {
        case .dense(let d):
            return d.scale == 1 ? d.values : d.values.map { $0 * d.scale }
        case .lowRank(let l):
            let n = l.count
            var out = [Double](repeating: 0, count: n * n)
            for i in 0..<n {
                for j in (i + 1)..<max(n, i + 1) {
                    let w = l[i, j]
                    out[i * n + j] = w
                    out[j * n + i] = w
                }
            }
            return out
        }
    }

    /// The same couplings as a dense matrix (keeping the factorisation into scale · integers).
    public func densified() -> Couplings {
        switch self {
        case .dense:
            return self
        case .lowRank(let l):
            let n = l.count, r = l.rank
            var out = [Double](repeating: 0, count: n * n)
            for i in 0..<n {
                for j in (i + 1)..<max(n, i + 1) {
                    var sum = 0.0
                    for k in 0..<r { sum += l.left[i * r + k] * l.right[j * r + k] }
                    out[i * n + j] = sum
                    out[j * n + i] = sum
                }
            }
            return .dense(DenseCouplings(count: n, values: out, scale: l.scale))
        }
    }

    /// Row sums Σ_j w_ij / scale (in the unscaled units, exact for integer couplings).
    public func unscaledRowSums() -> [Double] {
        switch self {
        case .dense(let d):
            let n = d.count
            return (0..<n).map { i in
                var s = 0.0
                for j in 0..<n { s += d.values[i * n + j] }
                return s
            }
        case .lowRank(let l):
            let n = l.count, r = l.rank
            var colSum = [Double](repeating: 0, count: r)
            for j in 0..<n { for k in 0..<r { colSum[k] += l.right[j * r + k] } }
            return (0..<n).map { i in
                var s = 0.0
                for k in 0..<r { s += l.left[i * r + k] * colSum[k] }
                return s - l.diagonal[i]
            }
        }
    }

    /// Every coupling multiplied by `factor`.
    public func scaled(by factor: Double) -> Couplings {
        switch self {
        case .dense(let d): .dense(DenseCouplings(count: d.count, values: d.values, scale: d.scale * factor, compactValues: d.compactValues, bound: d.compactBound))
        case .lowRank(let l): .lowRank(l.scaled(by: factor))
        }
    }

    /// Bytes held by the representation (for the status line and the benchmarks).
    public var memoryBytes: Int {
        switch self {
        case .dense(let d):
            d.values.count * MemoryLayout<Double>.stride + (d.compactValues?.count ?? 0) * MemoryLayout<Int16>.stride
        case .lowRank(let l):
            (l.left.count + (l.factorsShared ? 0 : l.right.count) + l.diagonal.count) * MemoryLayout<Double>.stride
                + ((l.compactLeft?.count ?? 0) + (l.factorsShared ? 0 : l.compactRight?.count ?? 0)) * MemoryLayout<Int16>.stride
                + ((l.signBits?.count ?? 0) + (l.patternBits?.count ?? 0)) * MemoryLayout<UInt64>.stride
        }
    }
}
