import Foundation

/// Learning rules: ±1 patterns in, spin couplings out (zero diagonal, symmetric, no biases).
public enum Learning {
    /// Picks the cheaper exact representation for a matrix of rank `rank` on `count` units: low rank when
    /// a field costs clearly less than a dense row update, or when the dense matrix would not fit comfortably.
    ///
    /// A dense update costs O(1) plus O(N) when the unit flips; a low-rank one O(r), plus O(r) on a flip. So
    /// the break-even r depends on the flip fraction f: measured (`hopfield bench --neurons N --patterns p`,
    /// N = 256…4096), Gibbs at T = 0.5 (f ≈ 0.1) breaks even near r = N/8, at T = 1.5 (f ≈ 0.4) low rank wins
    /// up to r ≈ N/4, and T = 0 recall (few flips) favours dense above r ≈ N/8. Hence r ≤ N/8. Dense holds
    /// N² Doubles plus, for integer weights, an N² Int16 copy; above 512 MiB low rank is used regardless.
    public static func preferredRepresentation(count: Int, rank: Int) -> CouplingRepresentation {
        if 8 * rank <= count { return .lowRank }
        if count * count * (MemoryLayout<Double>.stride + MemoryLayout<Int16>.stride) > 512 << 20 { return .lowRank }
        return .dense
    }

    /// Couplings storing `patterns` (each of length N, entries ±1) with `rule`.
    /// `representation` nil chooses automatically; Storkey weights are always dense (they are not low rank).
    public static func couplings(for patterns: [[Int8]], count n: Int, rule: LearningRule,
                                 representation: CouplingRepresentation? = nil) -> Couplings {
        precondition(patterns.allSatisfy { $0.count == n }, "every pattern has N entries")
        switch rule {
        case .hebb:
            let rep = representation ?? preferredRepresentation(count: n, rank: patterns.count)
            return rep == .lowRank ? .lowRank(hebbianLowRank(patterns, count: n)) : .dense(hebbianDense(patterns, count: n))
        case .storkey:
            return .dense(storkey(patterns, count: n))
        case .pinv:
            let basis = projectionFactor(patterns, count: n)
            let low = LowRankCouplings(count: n, rank: basis.rank, left: basis.rows, right: basis.rows)
            let rep = representation ?? preferredRepresentation(count: n, rank: basis.rank)
            return rep == .lowRank ? .lowRank(low) : Couplings.lowRank(low).densified()
        }
    }

    /// Hebb as W = (1/N) Ξ Ξᵀ (Ξ is N x p) in low-rank form, L = R = Ξ with scale 1/N.
    public static func hebbianLowRank(_ patterns: [[Int8]], count n: Int) -> LowRankCouplings {
        let p = patterns.count
        let words = (p + 63) / 64
        var xi = [Double](repeating: 0, count: n * p)
        var compact = [Int16](repeating: 0, count: n * p)
        var bits = [UInt64](repeating: 0, count: n * words)
        // Ξ is the transpose of the pattern list. Blocks of 64 units keep the rows being written (64 · p
        // entries) in cache while each pattern is read 64 bytes at a time.
        let block = 64
        xi.withUnsafeMutableBufferPointer { xi in
            compact.withUnsafeMutableBufferPointer { compact in
                bits.withUnsafeMutableBufferPointer { bits in
                    for start in stride(from: 0, to: n, by: block) {
                        let end = min(n, start + block)
                        for (mu, pattern) in patterns.enumerated() {
                            let word = mu >> 6, bit = UInt64(1) << UInt64(mu & 63)
                            pattern.withUnsafeBufferPointer { x in
                                for i in start..<end {
                                    let up = x[i] > 0
                                    xi[i * p + mu] = up ? 1 : -1
                                    compact[i * p + mu] = up ? 1 : -1
                                    bits[i * words + word] |= up ? bit : 0
                                }
                            }
                        }
                    }
                }
            }
        }
        // The patterns themselves as bits, for loading states (see `LowRankCouplings.patternBits`).
        let columnWords = (n + 63) / 64
        var columns = [UInt64](repeating: 0, count: p * columnWords)
        columns.withUnsafeMutableBufferPointer { columns in
            for (mu, pattern) in patterns.enumerated() {
                pattern.withUnsafeBufferPointer { x in
                    for q in 0..<columnWords {
                        var word: UInt64 = 0
                        for i in (64 * q)..<min(n, 64 * q + 64) {
                            word |= UInt64(truncatingIfNeeded: (x[i] &+ 1) &>> 1) &<< UInt64(i & 63) // x = ±1
                        }
                        columns[mu * columnWords + q] = word
                    }
                }
            }
        }
        return LowRankCouplings(count: n, rank: p, left: xi, right: xi, scale: n > 0 ? 1 / Double(n) : 1,
                                compactFactor: compact, bound: 1, signBits: bits, patternBits: columns)
    }

    /// Hebb as a dense matrix. Since entries are ±1, Σ_μ ξ_i^μ ξ_j^μ = p - 2·(number of μ where they differ):
    /// each unit's p signs are packed into bits and pairs are compared by XOR and popcount, so the cost is
    /// O(N² p / 64) rather than O(N² p).
    public static func hebbianDense(_ patterns: [[Int8]], count n: Int) -> DenseCouplings {
        let p = patterns.count
        let words = max(1, (p + 63) / 64)
        var bits = [UInt64](repeating: 0, count: n * words)
        for (mu, xi) in patterns.enumerated() {
            let w = mu >> 6, b = UInt64(1) << UInt64(mu & 63)
            for i in 0..<n where xi[i] > 0 { bits[i * words + w] |= b }
        }
        var values = [Double](repeating: 0, count: n * n)
        // |v_ij| ≤ p, so with p ≤ 32767 the exact Int16 copy the inner loops use is filled in the same pass.
        let small = p <= 32767
        var compact = [Int16](repeating: 0, count: small ? n * n : 0)
        bits.withUnsafeBufferPointer { bits in
            values.withUnsafeMutableBufferPointer { out in
                compact.withUnsafeMutableBufferPointer { out16 in
                    for i in 0..<n {
                        let bi = bits.baseAddress! + i * words
                        for j in (i + 1)..<max(n, i + 1) {
                            let bj = bits.baseAddress! + j * words
                            var differ = 0
                            for w in 0..<words { differ &+= (bi[w] ^ bj[w]).nonzeroBitCount }
                            let v = p - 2 * differ
                            out[i * n + j] = Double(v)
                            out[j * n + i] = Double(v)
                            if small {
                                out16[i * n + j] = Int16(truncatingIfNeeded: v)
                                out16[j * n + i] = Int16(truncatingIfNeeded: v)
                            }
                        }
                    }
                }
            }
        }
        return DenseCouplings(count: n, values: values, scale: n > 0 ? 1 / Double(n) : 1, compactValues: small ? compact : nil, bound: p)
    }

    /// Storkey (1997): patterns are added one at a time,
    /// w_ij ← w_ij + (1/N)(ξ_i ξ_j - ξ_i h_ji - h_ij ξ_j), with h_ij = Σ_{k≠i,j} w_ik ξ_k.
    /// Since w_ii = 0, h_ij = h_i - w_ij ξ_j where h_i = Σ_k w_ik ξ_k. O(N²) per pattern.
    public static func storkey(_ patterns: [[Int8]], count n: Int) -> DenseCouplings {
        var w = [Double](repeating: 0, count: n * n)
        var h = [Double](repeating: 0, count: n)
        let inv = n > 0 ? 1 / Double(n) : 0
        for xiInt in patterns {
            let xi = xiInt.map(Double.init)
            w.withUnsafeMutableBufferPointer { w in
                for i in 0..<n {
                    var s = 0.0
                    let row = w.baseAddress! + i * n
                    for k in 0..<n { s += row[k] * xi[k] }
                    h[i] = s
                }
                for i in 0..<n {
                    for j in (i + 1)..<max(n, i + 1) {
                        let wij = w[i * n + j]
                        let hij = h[i] - wij * xi[j]
                        let hji = h[j] - wij * xi[i]
                        let v = wij + inv * (xi[i] * xi[j] - xi[i] * hji - hij * xi[j])
                        w[i * n + j] = v
                        w[j * n + i] = v
                    }
                }
            }
        }
        return DenseCouplings(count: n, values: w)
    }

    /// The factor Q of the pseudo-inverse weights W = Q Qᵀ − diag(Q Qᵀ): an orthonormal basis of the span of the
    /// patterns, except at full rank (r = N), where Q Qᵀ = I and so W = 0 exactly: then no factor at all (r = 0).
    /// Rounding would otherwise leave weights of order 1e-16 whose signs decide every (mathematically tied) unit.
    public static func projectionFactor(_ patterns: [[Int8]], count n: Int) -> (rows: [Double], rank: Int) {
        let basis = orthonormalBasis(patterns, count: n)
        return basis.rank == n ? ([], 0) : basis
    }

    /// An orthonormal basis Q (N x r, row-major) of the span of the patterns, by modified Gram-Schmidt
    /// applied twice ("twice is enough", Giraud et al. 2005). Linearly dependent patterns add nothing,
    /// so Q Qᵀ is the Moore-Penrose projection Ξ Ξ⁺ even when Ξ is rank deficient.
    public static func orthonormalBasis(_ patterns: [[Int8]], count n: Int) -> (rows: [Double], rank: Int) {
        var basis: [[Double]] = []
        for xi in patterns {
            var v = xi.map(Double.init)
            let originalNorm = (v.reduce(0) { $0 + $1 * $1 }).squareRoot()
            for _ in 0..<2 {
                for q in basis {
                    var dot = 0.0
                    for i in 0..<n { dot += q[i] * v[i] }
                    for i in 0..<n { v[i] -= dot * q[i] }
                }
            }
            let norm = (v.reduce(0) { $0 + $1 * $1 }).squareRoot()
            if norm > 1e-9 * max(1, originalNorm) {
                basis.append(v.map { $0 / norm })
            }
        }
        let r = basis.count
        var rows = [Double](repeating: 0, count: n * r)
        for (k, q) in basis.enumerated() { for i in 0..<n { rows[i * r + k] = q[i] } }
        return (rows, r)
    }
}

extension EnergyNetwork {
    /// A network storing ±1 `patterns` with `rule`, in either convention. For binary units the spin
    /// network is mapped exactly (s = 2x - 1): w01 = 4 w, b01 = 2 b - 2 Σ_j w_ij, which has the same
    /// dynamics (h01 = 2 h) and energies that differ by a constant, so the same memories are stored.
    public init(patterns: [[Int8]], count n: Int, rule: LearningRule, units: UnitConvention,
                representation: CouplingRepresentation? = nil) {
        let spin = Learning.couplings(for: patterns, count: n, rule: rule, representation: representation)
        switch units {
        case .spin:
            self.init(couplings: spin, biases: nil, units: .spin)
        case .binary:
            // In unscaled units: v01 = 4 v, c01 = -2 Σ_j v_ij (exact for integer Hebbian couplings).
            let sums = spin.unscaledRowSums()
            self.init(couplings: spin.scaled(by: 4), unscaledBiases: sums.map { -$0 / 2 }, units: .binary)
        }
    }

    /// Values of a ±1 pattern in this network's convention.
    public func values(of pattern: [Int8]) -> [Double] {
        pattern.map { units.value($0 > 0) }
    }
}
