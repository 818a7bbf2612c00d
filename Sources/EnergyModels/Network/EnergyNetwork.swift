import Foundation

/// A fully connected network of N units with symmetric couplings, zero self-coupling and biases:
/// a Hopfield network at temperature 0 and a Boltzmann machine at T > 0.
///
/// Energy: E(s) = -1/2 Σ_{i≠j} w_ij s_i s_j - Σ_i b_i s_i, with s_i in {-1, +1} (`spin`) or {0, 1} (`binary`).
/// Local field: h_i = Σ_{j≠i} w_ij s_j + b_i. Changing unit k by δ = s_k' - s_k changes the energy by
/// ΔE = -δ h_k, which is what the incremental bookkeeping below relies on.
///
/// The state, the fields (dense) or the projections Rᵀs (low rank), and the energy are kept consistent
/// after every change; `checkInvariants()` recomputes them from scratch.
///
/// Internally fields are kept in the couplings' unscaled units: h_i = scale · (Σ_j v_ij s_j + c_i) with
/// w = scale · v and b = scale · c. For Hebbian weights v and c are integers, so the sign of a field, and
/// a tie h_i = 0, are computed exactly.
public struct EnergyNetwork: EnergyModel {
    public let count: Int
    public let units: UnitConvention
    public private(set) var couplings: Couplings
    /// c_i = b_i / scale.
    internal private(set) var rawBiases: [Double]
    /// b_i.
    public var biases: [Double] {
        let sc = couplings.scale
        return sc == 1 ? rawBiases : rawBiases.map { $0 * sc }
    }
    /// Unit values, each `units.up` or `units.down`.
    public internal(set) var state: [Double]
    /// Dense representation: Σ_j v_ij s_j (unscaled, without bias) for every unit. Empty for low rank.
    internal var denseFields: [Double]
    /// Low-rank representation with non-integer (or large) factors: y = Rᵀ s (length r). Empty otherwise:
    /// compact factors keep y in `projections16`.
    internal var projections: [Double]
    /// E(state), tracked incrementally.
    public internal(set) var energy: Double

    // Hot-path views of `couplings`, refreshed by `recomputeCaches()` whenever the couplings change. They share
    // the couplings' storage (arrays are copy-on-write, nothing is copied) and spare the inner loops a switch
    // over the enum and the reference counting of its payload on every update.
    /// Dense: v (N x N). Low rank: the left factor L (N x r).
    internal var hotRows: [Double] = []
    /// Low rank: the right factor R (N x r), whose row k updates the projections when unit k changes.
    internal var hotRight: [Double] = []
    /// Dense with small integer couplings: the exact `Int16` copy of v (a quarter of the bytes); else empty.
    internal var hotRowsInt16: [Int16] = []
    /// Low rank with small integer factors: exact Int16 copies of L and R, and the projections y = Rᵀs as
    /// Int16, so a field is an integer dot product; else empty.
    internal var hotRowsCompact: [Int16] = []
    internal var hotRightCompact: [Int16] = []
    internal var projections16: [Int16] = []
    /// Dense: whether Σ_j v_ij s_j fits Int32 (N · max|v| < 2^31). Then the fields are kept as Int32 in
    /// `denseFields32` (exact; `denseFields` is empty) and a flip adds a 16-bit row to them in integers.
    internal var denseIntegerSums: Bool = false
    internal var denseFields32: [Int32] = []
    /// Low rank: whether L and R are the same matrix.
    internal var hotFactorsShared: Bool = false
    /// Whether the exact compact copy (`hotRowsInt16` dense, `hotRowsCompact`/`hotRightCompact` low rank) is used.
    internal var isCompact: Bool = false
    /// Low rank: the diagonal of L Rᵀ.
    internal var hotDiagonal: [Double] = []
    /// Low rank: r. Dense: 0.
    internal var hotRank: Int = 0
    internal var isDense: Bool = true
    /// `couplings.scale`.
    internal var hotScale: Double = 1

    // Low rank: the field cache and sign masks of FieldCache.swift (the reasons are there).
    /// Whether `fieldCache` is used (low rank, r > 0).
    internal var tracksFields: Bool = false
    /// Unit k's unscaled field h_k / scale as last computed, with `flipCount` at that moment.
    internal var fieldCache: [CachedField] = []
    /// Units changed (through `set`) so far, plus jumps that invalidate every cached field.
    internal var flipCount: Int = 0
    /// The last `replayCapacity` changes: unit and δ, at slot (flip number) mod `replayCapacity`.
    internal var recentFlips: [Int] = []
    internal var recentDeltas: [Int] = []
    /// `LowRankCouplings.signBits` (±1 shared factors as bits), or empty.
    internal var hotSignBits: [UInt64] = []
    internal var hotSignWords: Int = 0
    /// Most flips replayed into a cached field (0 without `hotSignBits`).
    internal var replayLimit: Int = 0
    /// Whether fields and flips use the sign bits with y in `projections16` (±1 shared factors, compact).
    /// `projections16` is then zero-padded to a multiple of 8 and `projectionTotal` = Σ_k y_k.
    internal var usesSignMasks: Bool = false
    internal var projectionTotal: Int = 0
    /// Bytes of sign masks summed in 16-bit lanes before widening: lanes hold sums of up to this many |y_k| ≤ N.
    internal var signMaskBlock: Int = 1
    /// max over the 8 lanes j of Σ_b |y_{8b+j}| when last computed, plus at most ⌈r/8⌉ |δ| per flip since
    /// (`signLaneSlack`). While their sum is at most 32767 no 16-bit lane can overflow, and a field is summed in
    /// one block with no widening.
    internal var signLaneBound: Int = 0
    internal var signLaneSlack: Int = 0

    /// Precondition: `biases.count == couplings.count`; `state`, if given, holds only the convention's values.
    public init(couplings: Couplings, biases: [Double]? = nil, units: UnitConvention, state: [Double]? = nil) {
        let sc = couplings.scale
        self.init(couplings: couplings, unscaledBiases: biases.map { b in sc == 1 ? b : b.map { $0 / sc } }, units: units, state: state)
    }

    /// As `init(couplings:biases:units:state:)` with biases given in the couplings' unscaled units (b = scale · c).
    public init(couplings: Couplings, unscaledBiases: [Double]?, units: UnitConvention, state: [Double]? = nil) {
        let n = couplings.count
        let b = unscaledBiases ?? [Double](repeating: 0, count: n)
        precondition(b.count == n, "one bias per unit")
        self.count = n
        self.units = units
        self.couplings = couplings
        self.rawBiases = b
        self.state = state ?? [Double](repeating: units.down, count: n)
        self.denseFields = []
        self.projections = []
        self.energy = 0
        precondition(self.state.count == n, "one value per unit")
        recomputeCaches()
    }

    public var representation: CouplingRepresentation { couplings.representation }

    // MARK: - State

    /// Replaces the whole state (values must be the convention's up/down values) and recomputes caches.
    public mutating func setState(_ newState: [Double]) {
        precondition(newState.count == count, "one value per unit")
        state = newState.map { $0 > (units.up + units.down) / 2 ? units.up : units.down }
        recomputeCaches()
    }

    /// Sets unit k to `value`, updating fields (or projections) and energy incrementally.
    /// Cost: O(N) dense, O(r) low rank.

    @inline(__always)
    public mutating func set(_ k: Int, to value: Double) {
        let old = state[k]
        let delta = value - old
        if delta == 0 { return }
        energy -= delta * (hotScale * trackedUnscaledField(k))
        state[k] = value
        if tracksFields {
            let slot = flipCount & (Self.replayCapacity - 1)
            recentFlips[slot] = k
            // States are ±1 or 0/1, so δ is an integer.
            recentDeltas[slot] = Int(delta)
            flipCount &+= 1
        }
        if isDense && denseIntegerSums {
            let n = count
            // delta is ±2 (spin) or ±1 (binary), exact as an Int32.
            let delta32 = Int32(delta)
            hotRowsInt16.withUnsafeBufferPointer { w in
                denseFields32.withUnsafeMutableBufferPointer { f in
                    Kernels.axpy(f.baseAddress!, w.baseAddress! + k * n, delta32, n)
                }
            }
        } else if isDense && isCompact {
            let n = count
            hotRowsInt16.withUnsafeBufferPointer { w in
                denseFields.withUnsafeMutableBufferPointer { f in
                    Kernels.axpy(f.baseAddress!, w.baseAddress! + k * n, delta, n)
                }
            }
        } else if isDense {
            let n = count
            hotRows.withUnsafeBufferPointer { w in
                denseFields.withUnsafeMutableBufferPointer { f in
                    Kernels.axpy(f.baseAddress!, w.baseAddress! + k * n, delta, n)
                }
            }
        } else if usesSignMasks {
            addSignRow(k, delta: Int(delta))
        } else if hotRank > 0 && isCompact {
            let r = hotRank
            // delta is ±2 (spin) or ±1 (binary), so it is exact as an Int16.
            let delta16 = Int16(delta)
            hotRightCompact.withUnsafeBufferPointer { right in
                projections16.withUnsafeMutableBufferPointer { y in
                    Kernels.axpy(y.baseAddress!, right.baseAddress! + k * r, delta16, r)
                }
            }
        } else if hotRank > 0 {
            let r = hotRank
            hotRight.withUnsafeBufferPointer { right in
                projections.withUnsafeMutableBufferPointer { y in
                    Kernels.axpy(y.baseAddress!, right.baseAddress! + k * r, delta, r)
                }
            }
        }
    }

    /// h_k = Σ_{j≠k} w_kj s_j + b_k. O(1) dense, O(r) low rank.

    @inline(__always)
    public func field(_ k: Int) -> Double {
        hotScale * unscaledField(k)
    }

    /// h_k / scale, exact for integer couplings and biases.
    @inline(__always)
    public func unscaledField(_ k: Int) -> Double {
        if isDense { return (denseIntegerSums ? Double(denseFields32[k]) : denseFields[k]) + rawBiases[k] }
        if tracksFields {
            let cached = fieldCache[k]
            if cached.stamp == flipCount { return cached.value + rawBiases[k] }
        }
        return lowRankSum(k) - hotDiagonal[k] * state[k] + rawBiases[k]
    }

    /// Low rank: Σ_j L_kj y_j computed from the projections (O(r)).
    @inline(__always)
    internal func lowRankSum(_ k: Int) -> Double {
        let r = hotRank
        if usesSignMasks { return Double(signMaskDot(k)) }
        if r > 0 && isCompact {
            return Double(hotRowsCompact.withUnsafeBufferPointer { left in
                projections16.withUnsafeBufferPointer { y in
                    Kernels.dot(left.baseAddress! + k * r, y.baseAddress!, r)
                }
            })
        } else if r > 0 {
            return hotRows.withUnsafeBufferPointer { left in
                projections.withUnsafeBufferPointer { y in
                    Kernels.dot(left.baseAddress! + k * r, y.baseAddress!, r)
                }
            }
        }
        return 0
    }

    /// All local fields (O(N) dense, O(N r) low rank).
    public func fields() -> [Double] {
        (0..<count).map { field($0) }
    }

    // MARK: - Changing the model

    /// Replaces couplings and biases, keeping the state.
    public mutating func setCouplings(_ newCouplings: Couplings, biases newBiases: [Double]? = nil) {
        precondition(newCouplings.count == count, "same number of units")
        let b = newBiases ?? biases
        precondition(b.count == count, "one bias per unit")
        couplings = newCouplings
        let sc = newCouplings.scale
        rawBiases = sc == 1 ? b : b.map { $0 / sc }
        recomputeCaches()
    }

    /// Replaces couplings and biases given in the couplings' unscaled units, keeping the state.
    public mutating func setCouplings(_ newCouplings: Couplings, unscaledBiases: [Double]) {
        precondition(newCouplings.count == count && unscaledBiases.count == count, "same number of units")
        couplings = newCouplings
        rawBiases = unscaledBiases
        recomputeCaches()
    }

    // MARK: - Consistency

    /// Recomputes fields/projections and energy from the state: O(N²) dense, O(N r) low rank.
    public mutating func recomputeCaches() {
        hotScale = couplings.scale
        // Low rank, compact: yᵀy, which the energy needs once (the Double projections are not kept then).
        var projectionsSquared = 0.0
        switch couplings {
        case .dense(let d):
            isDense = true
            hotRows = d.values
            hotRight = []
            hotDiagonal = []
            hotRank = 0
            hotRowsCompact = []
            hotRightCompact = []
            hotRowsInt16 = d.compactValues ?? []
            projections16 = []
            tracksFields = false
            usesSignMasks = false
            hotSignBits = []
            hotSignWords = 0
            replayLimit = 0
            isCompact = d.compactValues != nil
            let n = count
            denseIntegerSums = isCompact && Double(n) * Double(d.compactBound) < 2_147_483_648
            var f = [Double](repeating: 0, count: denseIntegerSums ? 0 : n)
            var f32 = [Int32](repeating: 0, count: denseIntegerSums ? n : 0)
            if n > 0, denseIntegerSums, let small = d.compactValues {
                // States are ±1 or 0/1, exact as Int16.
                let s16 = state.map { Int16($0) }
                small.withUnsafeBufferPointer { w in
                    s16.withUnsafeBufferPointer { s in
                        f32.withUnsafeMutableBufferPointer { f in
                            for i in 0..<n { f[i] = Kernels.dot(w.baseAddress! + i * n, s.baseAddress!, n) }
                        }
                    }
                }
            } else if n > 0, let small = d.compactValues {
                small.withUnsafeBufferPointer { w in
                    state.withUnsafeBufferPointer { s in
                        f.withUnsafeMutableBufferPointer { f in
                            for i in 0..<n { f[i] = Kernels.dot(w.baseAddress! + i * n, s.baseAddress!, n) }
                        }
                    }
                }
            } else if n > 0 {
                d.values.withUnsafeBufferPointer { w in
                    state.withUnsafeBufferPointer { s in
                        f.withUnsafeMutableBufferPointer { f in
                            for i in 0..<n { f[i] = Kernels.dot(w.baseAddress! + i * n, s.baseAddress!, n) }
                        }
                    }
                }
            }
            denseFields = f
            denseFields32 = f32
            projections = []
        case .lowRank(let l):
            isDense = false
            hotRows = l.left
            hotRight = l.right
            hotDiagonal = l.diagonal
            hotRank = l.rank
            hotRowsInt16 = []
            denseIntegerSums = false
            denseFields32 = []
            // |y_k| ≤ bound · N must fit Int16, and a field's sum r · bound · |y|max must fit Int32.
            let b = Double(l.compactBound), n = Double(count)
            if let cl = l.compactLeft, let cr = l.compactRight, b * n <= 32767, Double(l.rank) * b * b * n < 2_147_483_648 {
                hotRowsCompact = cl
                hotRightCompact = cr
                isCompact = true
            } else {
                hotRowsCompact = []
                hotRightCompact = []
                isCompact = false
            }
            let r = l.rank
            hotFactorsShared = l.factorsShared
            tracksFields = r > 0
            hotSignBits = l.signBits ?? []
            hotSignWords = l.signWords
            replayLimit = l.signBits == nil ? 0 : Self.replayLimit(rank: r)
            if fieldCache.count != count {
                fieldCache = [CachedField](repeating: CachedField(stamp: 0, value: 0), count: count)
            }
            if recentFlips.count != Self.replayCapacity {
                recentFlips = [Int](repeating: 0, count: Self.replayCapacity)
                recentDeltas = [Int](repeating: 0, count: Self.replayCapacity)
            }
            // Every cached field is now older than the ring remembers: all are recomputed on first use.
            flipCount &+= Self.replayCapacity + 1
            if isCompact {
                // y = Rᵀs in 16-bit integers (|y_k| ≤ bound · N ≤ 32767 at every step), then widened.
                var y16 = [Int16](repeating: 0, count: r)
                if r > 0, let columns = l.patternBits {
                    y16 = Self.projections(columns: columns, columnWords: l.patternWords, rank: r, state: state, units: units)
                } else if r > 0 {
                    hotRightCompact.withUnsafeBufferPointer { right in
                        y16.withUnsafeMutableBufferPointer { y in
                            for j in 0..<count where state[j] != 0 {
                                Kernels.axpy(y.baseAddress!, right.baseAddress! + j * r, Int16(state[j]), r)
                            }
                        }
                    }
                }
                projections = []
                projectionsSquared = y16.reduce(0.0) { $0 + Double($1) * Double($1) }
                usesSignMasks = l.signBits != nil
                if usesSignMasks {
                    // Zero padding to whole bytes of sign bits, for the 8-lane loads.
                    projections16 = y16 + [Int16](repeating: 0, count: 8 * ((r + 7) / 8) - r)
                    projectionTotal = y16.reduce(0) { $0 + Int($1) }
                    signMaskBlock = max(1, 32767 / max(1, count))
                    signLaneBound = projections16.withUnsafeBytes { SignKernels.laneBound(y: $0.baseAddress!, bytes: (r + 7) / 8) }
                    signLaneSlack = 0
                } else {
                    projections16 = y16
                }
            } else {
                var y = [Double](repeating: 0, count: r)
                if r > 0 {
                    l.right.withUnsafeBufferPointer { right in
                        y.withUnsafeMutableBufferPointer { y in
                            for j in 0..<count where state[j] != 0 {
                                Kernels.axpy(y.baseAddress!, right.baseAddress! + j * r, state[j], r)
                            }
                        }
                    }
                }
                projections = y
                projections16 = []
                usesSignMasks = false
            }
            denseFields = []
        }
        energy = computeEnergy(compactProjectionsSquared: projectionsSquared)
    }

    /// y = Rᵀs from ±1 factors packed column by column (`LowRankCouplings.patternBits`): with u the up-bits of s,
    /// y_k = N - 2 popcount(c_k XOR u) for spins (agreements minus disagreements) and 2 popcount(c_k AND u) -
    /// popcount(u) for binary units. Exact; |y_k| ≤ N fits Int16 where the caller uses it (N ≤ 32767).
    static func projections(columns: [UInt64], columnWords w: Int, rank r: Int, state: [Double], units: UnitConvention) -> [Int16] {
        let n = state.count
        var up = [UInt64](repeating: 0, count: w)
        for j in 0..<n where state[j] == units.up { up[j >> 6] |= 1 << UInt64(j & 63) }
        var ones = 0
        for word in up { ones &+= word.nonzeroBitCount }
        var y = [Int16](repeating: 0, count: r)
        columns.withUnsafeBufferPointer { columns in
            up.withUnsafeBufferPointer { u in
                for k in 0..<r {
                    let c = columns.baseAddress! + k * w
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

    /// E(s) from the current caches: -1/2 Σ_i s_i (h_i - b_i) - Σ_i b_i s_i = -1/2 Σ_i s_i (h_i + b_i).
    private func computeEnergy(compactProjectionsSquared yy: Double) -> Double {
        if !isDense && isCompact && hotFactorsShared {
            // L = R: Σ_i s_i (L y)_i = yᵀ(Lᵀs) = yᵀy, so E needs O(N + r) instead of every field. All terms
            // are integers for integer biases, exact in any order.
            var diag = 0.0, bias = 0.0
            for i in 0..<count where state[i] != 0 {
                diag += hotDiagonal[i] * state[i] * state[i]
                bias += rawBiases[i] * state[i]
            }
            return -0.5 * (yy - diag + 2 * bias) * hotScale
        }
        var e = 0.0
        for i in 0..<count where state[i] != 0 {
            e -= 0.5 * state[i] * (unscaledField(i) + rawBiases[i])
        }
        return e * hotScale
    }

    /// E(s) computed from the weights directly, O(N²): independent of every cache.
    public func recomputedEnergy() -> Double {
        Self.energy(of: state, couplings: couplings, biases: biases)
    }

    /// E(s) = -1/2 Σ_{i≠j} w_ij s_i s_j - Σ_i b_i s_i for any state, from the weights directly.
    public static func energy(of s: [Double], couplings: Couplings, biases: [Double]) -> Double {
        let n = couplings.count
        var e = 0.0
        for i in 0..<n where s[i] != 0 {
            var sum = 0.0
            for j in 0..<n where j != i && s[j] != 0 { sum += couplings.weight(i, j) * s[j] }
            e -= 0.5 * s[i] * sum + biases[i] * s[i]
        }
        return e
    }

    /// Largest disagreement between the tracked energy/fields and a full recomputation.
    public func invariantError() -> Double {
        var copy = self
        copy.recomputeCaches()
        var err = abs(copy.energy - energy)
        for i in 0..<count { err = max(err, abs(copy.field(i) - field(i))) }
        return err
    }

    /// In debug builds, traps if the incremental bookkeeping has drifted from a recomputation.
    public func checkInvariants(tolerance: Double = 1e-6) {
        #if DEBUG
        let scale = max(1, abs(energy))
        assert(invariantError() <= tolerance * scale, "incremental energy/fields drifted from recomputation")
        #endif
    }

    // MARK: - Fixed points

    /// Whether unit i would change under the T = 0 rule, decided on the exact unscaled field.
    public func isUnstable(_ i: Int) -> Bool {
        ZeroTemperatureRule.changes(isUp: isUp(i), gap: unscaledField(i))
    }
}
