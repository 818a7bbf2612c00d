/// Low-rank couplings with one shared ±1 factor (Hebb: L = R = Ξ), held as sign bits, with the projections
/// y = Ξᵀs in Int16, a field cache and a ring of recent flips to replay into it (the three ideas are explained in
/// SignKernels.swift). Every field is exact integer arithmetic. Precondition of use: N ≤ 32767 (|y_k| ≤ N).
struct SignMaskStorage: HandleStorage {
    /// Flips remembered for replay (a power of two).
    static let replayCapacity = 16
    /// `signMasks[8 b + j]` = -1 (all bits set) when bit j of the byte b is set, else 0.
    static let signMasks: [Int16] = (0..<2048).map { ($0 >> 3) >> ($0 & 7) & 1 == 1 ? -1 : 0 }

    /// Most flips replayed into a cached field before a fresh computation is cheaper: a replayed flip costs
    /// ⌈r/64⌉ software popcounts (about 15 instructions each on baseline x86-64), a fresh field r/8 masked
    /// vector additions.
    static func replayLimit(rank r: Int) -> Int { min(replayCapacity, max(1, r / 160)) }

    let count: Int
    let rank: Int
    /// Row i of the factor in `words` = ⌈r/64⌉ words, bit k set when L_ik = +1.
    private let bits: [UInt64]
    private let words: Int
    /// Words per column of `columns` (⌈N/64⌉).
    private let columnWords: Int
    let diagonal: [Double]
    /// y = Lᵀs, zero-padded to a whole number of bytes of sign bits (8 lanes each).
    private var y: [Int16]
    private(set) var cache: [CachedField]
    private var ringUnits: [Int]
    private var ringDeltas: [Int]
    let replayLimit: Int
    /// Bytes of masks summed in 16-bit lanes before widening when the lane bound does not allow one block.
    private let smallBlock: Int
    /// The scalars the handle carries through a sweep.
    private(set) var scalars: Scalars
    /// The factor's columns packed as bits (`LowRankCouplings.patternBits`), for loading states.
    private let columns: [UInt64]
    /// yᵀy at the last rebuild (the energy needs it once).
    private(set) var projectionNormSquared: Double?

    struct Scalars {
        /// Flips applied so far (the stamp of a current cached field). It starts beyond the ring's reach, so that
        /// the initial entries (stamp 0) are computed afresh, never replayed.
        var flips = SignMaskStorage.replayCapacity + 1
        /// Σ_k y_k.
        var total = 0
        /// max over the 8 lanes j of Σ_b |y_{8b+j}| when last computed, plus at most ⌈r/8⌉ |δ| per flip since
        /// (`slack`). While their sum is at most 32767 no 16-bit lane can overflow, and a field is summed in one
        /// block with no widening.
        var laneBound = 0
        var slack = 0
    }

    /// Precondition: `bits` are `l.signBits` (L = R, every entry ±1) and N ≤ 32767.
    init(_ l: LowRankCouplings, bits: [UInt64], state: [Double], units: UnitConvention) {
        count = l.count
        rank = l.rank
        self.bits = bits
        words = l.signWords
        columnWords = l.patternWords
        diagonal = l.diagonal
        columns = l.patternBits ?? LowRankCouplings.transposeSigns(bits, count: l.count, rank: l.rank)
        y = []
        cache = [CachedField](repeating: CachedField(stamp: 0, value: 0), count: l.count)
        ringUnits = [Int](repeating: 0, count: Self.replayCapacity)
        ringDeltas = [Int](repeating: 0, count: Self.replayCapacity)
        replayLimit = Self.replayLimit(rank: l.rank)
        smallBlock = max(1, 32767 / max(1, l.count))
        scalars = Scalars()
        rebuild(state: state, units: units)
    }

    mutating func rebuild(state: [Double], units: UnitConvention) {
        let bytes = (rank + 7) / 8
        let y16 = Self.projections(columns: columns, columnWords: columnWords, rank: rank, state: state, units: units)
        projectionNormSquared = y16.reduce(0.0) { $0 + Double($1) * Double($1) }
        // Zero padding to whole bytes of sign bits, for the 8-lane loads.
        y = y16 + [Int16](repeating: 0, count: 8 * bytes - rank)
        scalars.total = y16.reduce(0) { $0 + Int($1) }
        scalars.laneBound = y.withUnsafeBytes { SignKernels.laneBound(y: $0.baseAddress!, bytes: bytes) }
        scalars.slack = 0
        // Every cached field is now older than the ring remembers: all are computed afresh on first use.
        scalars.flips &+= Self.replayCapacity + 1
    }

    /// y = Rᵀs from ±1 factors packed column by column (`LowRankCouplings.patternBits`): with u the up-bits of s,
    /// y_k = N − 2 popcount(c_k XOR u) for spins (agreements minus disagreements) and 2 popcount(c_k AND u) −
    /// popcount(u) for binary units. Exact; |y_k| ≤ N fits Int16 (N ≤ 32767).
    static func projections(columns: [UInt64], columnWords w: Int, rank r: Int, state: [Double], units: UnitConvention) -> [Int16] {
        let n = state.count
        var up = [UInt64](repeating: 0, count: w)
        for j in 0..<n where state[j] == units.up { up[j >> 6] |= 1 << UInt64(j & 63) }
        let ones = up.reduce(0) { $0 &+ $1.nonzeroBitCount }
        var y = [Int16](repeating: 0, count: r)
        columns.withUnsafeBufferPointer { columns in
            up.withUnsafeBufferPointer { u in
                guard let base = columns.baseAddress, let u = u.baseAddress else { return }
                for k in 0..<r {
                    let c = base + k * w
                    var count = 0
                    if units == .spin {
                        for q in 0..<w { count &+= (c[q] ^ u[q]).nonzeroBitCount }
                        y[k] = Int16(truncatingIfNeeded: n &- 2 &* count)
                    } else {
                        for q in 0..<w { count &+= (c[q] & u[q]).nonzeroBitCount }
                        y[k] = Int16(truncatingIfNeeded: 2 &* count &- ones)
                    }
                }
            }
        }
        return y
    }

    struct Handle: PairwiseHandle {
        let words: Int
        let rank: Int
        let bytes: Int
        let smallBlock: Int
        let limit: Int
        let bits: UnsafePointer<UInt64>
        let masks: UnsafeRawPointer
        let diagonal: UnsafePointer<Double>
        let y: UnsafeMutableRawPointer
        let cache: UnsafeMutablePointer<CachedField>
        let ringUnits: UnsafeMutablePointer<Int>
        let ringDeltas: UnsafeMutablePointer<Int>
        var scalars: Scalars

        @inline(__always)
        func fresh(_ k: Int, _ sk: Double) -> Double {
            SignMaskStorage.fresh(row: UnsafeRawPointer(bits + k &* words), bytes: bytes, y: UnsafeRawPointer(y), masks: masks,
                                  scalars: scalars, smallBlock: smallBlock) - diagonal[k] * sk
        }

        /// The cached field, brought up to date by replaying up to `limit` flips, else computed afresh.
        @inline(__always)
        mutating func sum(_ k: Int, value sk: Double) -> Double {
            let entry = cache[k]
            let age = scalars.flips &- entry.stamp
            if age == 0 { return entry.value }
            let v: Double
            if age <= limit {
                v = entry.value + Double(SignKernels.replayedChange(unit: k, bits: bits, words: words, rank: rank, flips: ringUnits,
                                                                     deltas: ringDeltas, from: entry.stamp, to: scalars.flips))
            } else {
                if SignKernels.laneBoundIsLoose(scalars.laneBound, slack: scalars.slack) {
                    // Flips since the last bound may have made it too loose for a single block: recompute it (O(r)).
                    scalars.laneBound = SignKernels.laneBound(y: UnsafeRawPointer(y), bytes: bytes)
                    scalars.slack = 0
                }
                v = fresh(k, sk)
            }
            cache[k] = CachedField(stamp: scalars.flips, value: v)
            return v
        }

        /// Records the flip in the ring and adds ±δ ξ_k to y.
        @inline(__always)
        mutating func apply(flip k: Int, delta: Double) {
            let d = Int(delta)
            let slot = scalars.flips & (SignMaskStorage.replayCapacity - 1)
            ringUnits[slot] = k
            ringDeltas[slot] = d
            scalars.flips &+= 1
            scalars.total &+= SignKernels.addRow(y: y, row: UnsafeRawPointer(bits + k &* words), rank: rank, delta: d, masks: masks)
            scalars.slack &+= bytes &* (d < 0 ? -d : d)
        }
    }

    /// Runs `body` with every pointer of the representation, then keeps the handle's scalars.
    @inline(__always)
    mutating func withHandle<R>(_ body: (inout Handle) -> R) -> R {
        var after = scalars
        let (w, r, small, limit, start) = (words, rank, smallBlock, replayLimit, scalars)
        let result = bits.withUnsafeBufferPointer { bits in
            Self.signMasks.withUnsafeBytes { masks in
                diagonal.withUnsafeBufferPointer { diagonal in
                    y.withUnsafeMutableBytes { y in
                        cache.withUnsafeMutableBufferPointer { cache in
                            ringUnits.withUnsafeMutableBufferPointer { ringUnits in
                                ringDeltas.withUnsafeMutableBufferPointer { ringDeltas in
                                    var h = Handle(words: w, rank: r, bytes: (r + 7) / 8, smallBlock: small, limit: limit,
                                                   bits: bits.baseAddress!, masks: masks.baseAddress!, diagonal: diagonal.baseAddress!,
                                                   y: y.baseAddress!, cache: cache.baseAddress!, ringUnits: ringUnits.baseAddress!,
                                                   ringDeltas: ringDeltas.baseAddress!, scalars: start)
                                    defer { after = h.scalars }
                                    return body(&h)
                                }
                            }
                        }
                    }
                }
            }
        }
        scalars = after
        return result
    }

    /// Σ_j L_kj y_j = 2 Σ_{j: L_kj = +1} y_j − Σ_j y_j from a row of sign bits (exact; summed in one 16-bit block
    /// while the lane bound allows).
    @inline(__always)
    static func fresh(row: UnsafeRawPointer, bytes: Int, y: UnsafeRawPointer, masks: UnsafeRawPointer, scalars: Scalars,
                      smallBlock: Int) -> Double {
        let block = SignKernels.block(bound: scalars.laneBound, slack: scalars.slack, bytes: bytes, small: smallBlock)
        let selected = SignKernels.selectedSum(row: row, bytes: bytes, y: y, masks: masks, block: block)
        return Double(2 &* selected &- scalars.total)
    }

    func sum(_ k: Int, value sk: Double) -> Double {
        let entry = cache[k]
        if entry.stamp == scalars.flips { return entry.value }
        return freshSum(k, value: sk)
    }

    /// Σ_j L_kj y_j − d_k s_k from the sign masks, ignoring the cache.
    func freshSum(_ k: Int, value sk: Double) -> Double {
        let w = words, bytes = (rank + 7) / 8
        let selected = bits.withUnsafeBytes { bits in
            y.withUnsafeBytes { y in
                Self.signMasks.withUnsafeBytes { masks in
                    Self.fresh(row: bits.baseAddress! + k &* w &* 8, bytes: bytes, y: y.baseAddress!, masks: masks.baseAddress!,
                               scalars: scalars, smallBlock: smallBlock)
                }
            }
        }
        return selected - diagonal[k] * sk
    }

    func _checkInvariants(state: [Double]) {
        #if DEBUG
        let r = rank, w = words
        for m in 0..<r {
            assertKeptSum(Double(y[m]), count: count, state: state, "projection \(m)") {
                bits[$0 * w + (m >> 6)] >> UInt64(m & 63) & 1 == 1 ? 1 : -1
            }
        }
        assert(y[r...].allSatisfy { $0 == 0 }, "padding of y must stay zero")
        assert(scalars.total == y.reduce(0) { $0 + Int($1) }, "Σ y drifted")
        let bound = y.withUnsafeBytes { SignKernels.laneBound(y: $0.baseAddress!, bytes: (r + 7) / 8) }
        assert(bound <= scalars.laneBound + scalars.slack, "the lane bound no longer bounds the lanes")
        #endif
    }
}
