/// Hebb in exact 32-bit integers: fields are N h, the relaxation matrix 2 N w.
struct HebbKernel: CapacityKernel {
    let n: Int
    let p: Int
    let spins: [Int8]                   // pattern-major p x N
    private let overlapCounts: [Int32]  // C = ΞᵀΞ, p x p
    private let signMasks: [Int32]      // unit-major N x p: -1 where ξ_i^μ = -1, else 0
    private let negatives: [Int32]      // per unit: number of μ with ξ_i^μ = -1
    private var weights: [Int32] = []   // 2 Σ_μ ξ_i^μ ξ_j^μ, N x N, zero diagonal (built on first relaxation)
    private var fields: [Int32]
    private var state: [Int32]
    private var order: [Int32]
    private var pattern = 0

    /// Precondition: N p < 2^30 (32-bit fields and doubled weights).
    init(_ packed: PackedPatterns) {
        let n = packed.neurons, p = packed.count, words = packed.words
        let bits = packed.bits, spins = packed.spins
        precondition(n * p < 1 << 30, "N and p too large for the integer Hebb kernel")
        self.n = n
        self.p = p
        self.spins = spins
        var c = [Int32](repeating: 0, count: p * p)
        for a in 0..<p {
            for b in a..<p {
                var differ = 0
                for w in 0..<words { differ &+= (bits[a * words + w] ^ bits[b * words + w]).nonzeroBitCount }
                let v = Int32(n - 2 * differ)
                c[a * p + b] = v
                c[b * p + a] = v
            }
        }
        overlapCounts = c
        var masks = [Int32](repeating: 0, count: n * p)
        var neg = [Int32](repeating: 0, count: n)
        for mu in 0..<p {
            for i in 0..<n where spins[mu * n + i] < 0 {
                masks[i * p + mu] = -1
                neg[i] += 1
            }
        }
        signMasks = masks
        negatives = neg
        fields = [Int32](repeating: 0, count: n)
        state = [Int32](repeating: 0, count: n)
        order = (0..<Int32(n)).map { $0 }
    }

    var currentState: [Int8] { state.map { Int8($0) } }

    mutating func load(pattern nu: Int) -> Int {
        pattern = nu
        let n = self.n, p = self.p
        var unstable = 0
        overlapCounts.withUnsafeBufferPointer { cBuf in
            signMasks.withUnsafeBufferPointer { mBuf in
                negatives.withUnsafeBufferPointer { negBuf in
                    spins.withUnsafeBufferPointer { xBuf in
                        fields.withUnsafeMutableBufferPointer { hBuf in
                            state.withUnsafeMutableBufferPointer { sBuf in
                                guard let c = cBuf.baseAddress, let m = mBuf.baseAddress, let neg = negBuf.baseAddress,
                                      let x = xBuf.baseAddress, let h = hBuf.baseAddress, let s = sBuf.baseAddress else { return }
                                let column = c + nu * p // row ν of the symmetric C
                                let xi = x + nu * n
                                for i in 0..<n {
                                    // Σ_μ ξ_i^μ C_μν with ξ = ±1 as a sign mask: x·ξ = (x XOR mask) − mask.
                                    let row = m + i * p
                                    var acc: Int32 = 0
                                    for mu in 0..<p { acc &+= column[mu] ^ row[mu] }
                                    let si = Int32(xi[i])
                                    let hi = acc &+ neg[i] &- Int32(p) &* si
                                    h[i] = hi
                                    s[i] = si
                                    if ZeroTemperatureRule.changes(spin: si, field: hi) { unstable += 1 }
                                }
                            }
                        }
                    }
                }
            }
        }
        return unstable
    }

    mutating func relax(rng: inout Xoshiro256) -> (dot: Int, converged: Bool) {
        if weights.isEmpty { buildWeights() }
        let n = self.n
        let converged = CapacityTrial.relax(weights: weights, fields: &fields, state: &state, order: &order, rng: &rng)
        var dot = 0
        for i in 0..<n { dot += Int(state[i]) * Int(spins[pattern * n + i]) }
        return (dot, converged)
    }

    /// 2 v_ij = 2 Σ_μ ξ_i^μ ξ_j^μ = 2(p − 2·popcount(x_i XOR x_j)) over unit-major bits: the upper triangle
    /// row by row, then mirrored in 64 x 64 blocks so that the transposed writes stay in cache. (16-bit
    /// weights and fields execute fewer instructions but measured slower here, so both are 32-bit.)
    private mutating func buildWeights() {
        let n = self.n, p = self.p
        let words = (p + 63) / 64
        var unitBits = [UInt64](repeating: 0, count: n * words)
        for mu in 0..<p {
            for i in 0..<n where spins[mu * n + i] > 0 { unitBits[i * words + (mu >> 6)] |= UInt64(1) << UInt64(mu & 63) }
        }
        var w = [Int32](repeating: 0, count: n * n)
        unitBits.withUnsafeBufferPointer { bBuf in
            w.withUnsafeMutableBufferPointer { wBuf in
                guard let b = bBuf.baseAddress, let out = wBuf.baseAddress else { return }
                for i in 0..<n {
                    let bi = b + i * words
                    let row = out + i * n
                    var j = i + 1
                    while j < n {
                        let bj = b + j * words
                        var differ = 0
                        for k in 0..<words { differ &+= (bi[k] ^ bj[k]).nonzeroBitCount }
                        row[j] = Int32(truncatingIfNeeded: 2 * (p - 2 * differ))
                        j += 1
                    }
                }
                let block = 64
                var ib = 0
                while ib < n {
                    var jb = ib
                    while jb < n {
                        for i in ib..<min(ib + block, n) {
                            for j in max(jb, i + 1)..<max(min(jb + block, n), i + 1) { out[j * n + i] = out[i * n + j] }
                        }
                        jb += block
                    }
                    ib += block
                }
            }
        }
        weights = w
    }
}
