/// How the symmetric, zero-diagonal weight matrix of a network is stored.
public enum CouplingRepresentation: String, Sendable, Codable, CaseIterable {
    /// A full N x N matrix: O(N²) memory, a flip costs O(N) (every local field is kept up to date).
    case dense
    /// W = L Rᵀ with the diagonal removed, L and R of size N x r: O(N r) memory, a field costs O(r).
    /// Hebbian and pseudo-inverse weights have rank p, so this is exact for them.
    case lowRank = "low-rank"
}

/// A full symmetric weight matrix, row-major, with zero diagonal.
public struct DenseCouplings: Sendable, Equatable {
    public let count: Int
    /// `values[i * count + j]` is w_ij.
    public internal(set) var values: [Double]

    /// Precondition: `values.count == count * count`. Symmetry and the zero diagonal are the caller's
    /// promise (model files are validated before they get here).
    public init(count: Int, values: [Double]) {
        precondition(values.count == count * count, "dense couplings need N*N values")
        self.count = count
        self.values = values
    }

    public subscript(i: Int, j: Int) -> Double { values[i * count + j] }
}

/// A weight matrix of the form w_ij = Σ_k L_ik R_jk for i ≠ j and w_ii = 0, where L Rᵀ is symmetric.
public struct LowRankCouplings: Sendable, Equatable {
    public let count: Int
    public let rank: Int
    /// N x r, row-major.
    public let left: [Double]
    /// N x r, row-major.
    public let right: [Double]
    /// d_i = Σ_k L_ik R_ik, the diagonal of L Rᵀ that the zero-diagonal convention removes.
    public let diagonal: [Double]

    public init(count: Int, rank: Int, left: [Double], right: [Double]) {
        precondition(left.count == count * rank && right.count == count * rank, "low-rank factors need N*r values")
        self.count = count
        self.rank = rank
        self.left = left
        self.right = right
        var d = [Double](repeating: 0, count: count)
        for i in 0..<count {
            var sum = 0.0
            for k in 0..<rank { sum += left[i * rank + k] * right[i * rank + k] }
            d[i] = sum
        }
        self.diagonal = d
    }

    /// The same couplings multiplied by `factor` (used by the spin → binary mapping, w01 = 4 w).
    public func scaled(by factor: Double) -> LowRankCouplings {
        LowRankCouplings(count: count, rank: rank, left: left.map { $0 * factor }, right: right)
    }

    public subscript(i: Int, j: Int) -> Double {
        if i == j { return 0 }
        var sum = 0.0
        for k in 0..<rank { sum += left[i * rank + k] * right[j * rank + k] }
        return sum
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
            return d.values
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

    /// The same couplings as a dense matrix.
    public func densified() -> Couplings {
        if case .dense = self { return self }
        return .dense(DenseCouplings(count: count, values: denseValues()))
    }

    /// Row sums Σ_j w_ij.
    public func rowSums() -> [Double] {
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
        case .dense(let d): .dense(DenseCouplings(count: d.count, values: d.values.map { $0 * factor }))
        case .lowRank(let l): .lowRank(l.scaled(by: factor))
        }
    }

    /// Bytes held by the representation (for the status line and the benchmarks).
    public var memoryBytes: Int {
        switch self {
        case .dense(let d): d.values.count * MemoryLayout<Double>.stride
        case .lowRank(let l): (l.left.count + l.right.count + l.diagonal.count) * MemoryLayout<Double>.stride
        }
    }
}
