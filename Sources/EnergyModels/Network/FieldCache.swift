// The low-rank fast path for ±1 factors (Hebbian weights W = (1/N) Ξ Ξᵀ without the diagonal).
//
// 1. Field cache. Each unit keeps its unscaled field h_k / scale, less its bias (added at each use, so that a
//    field is rounded once whatever the bias), as last computed, and the flip count then.
//    Until another unit changes, the cached field is still exact, so a T = 0 sweep that re-examines a settled
//    unit costs O(1) instead of an O(r) dot product: near a fixed point most units are settled.
// 2. Replay. With ±1 factors (L Rᵀ)_kf = r - 2 popcount(row_k XOR row_f) on the rows packed as bits, so after
//    a few flips a cached field is brought up to date at O(r/64) per flip: a change of unit f ≠ k by δ moves
//    h_k by δ (L Rᵀ)_kf; a change of unit k itself leaves h_k alone (zero self-coupling).
// 3. Sign masks. The fields themselves are read from the bits too: each byte of a row selects an 8-lane mask
//    (lane j all ones when bit j is set), so Σ_k L_ik y_k = 2 Σ_{k: L_ik = +1} y_k - Σ_k y_k is 8 masked
//    16-bit additions per instruction, and a flip adds ±δ to y the same way. The rows take r/8 bytes (56 for
//    p = 409) instead of 2r, so the factor fits the L2 cache where the 16-bit copy (3.3 MB at N = 4096,
//    p = 409) does not.
// Everything is exact integer arithmetic (the bias, possibly fractional, is added once per field), so fields
// and trajectories are bit for bit those of the direct computation (FastPathTests compares them with the dense
// matrix).

/// A unit's unscaled field without its bias, Σ_{j≠k} w_kj s_j / scale, as computed after `stamp` flips (see
/// `EnergyNetwork.fieldCache`). The bias is added at each use, so that a field is rounded once, exactly as a
/// fresh computation rounds it, whatever the bias.
struct CachedField: Sendable {
    var stamp: Int
    var value: Double
}

extension EnergyNetwork {
    /// Flips remembered for replay (a power of two).
    static let replayCapacity = 16
    /// `signMasks[8 b + j]` = -1 (all bits set) when bit j of the byte b is set, else 0.
    static let signMasks: [Int16] = (0..<2048).map { ($0 >> 3) >> ($0 & 7) & 1 == 1 ? -1 : 0 }

    /// Most flips replayed into a cached field before a fresh computation is cheaper: a replayed flip costs
    /// ⌈r/64⌉ software popcounts (about 15 instructions each on baseline x86-64), a fresh field r/8 masked
    /// vector additions.
    static func replayLimit(rank r: Int) -> Int { min(replayCapacity, max(1, r / 160)) }

    /// `unscaledField(k)`, reusing and refreshing unit k's cached field (low rank): O(1) when no unit has
    /// changed since it was computed, O(flips · r/64) for up to `replayLimit` flips with ±1 factors, else O(r).
    @inline(__always)
    internal mutating func trackedUnscaledField(_ k: Int) -> Double {
        guard tracksFields else { return unscaledField(k) }
        let cached = fieldCache[k]
        let age = flipCount &- cached.stamp
        if age == 0 { return cached.value + rawBiases[k] }
        if age > replayLimit && usesSignMasks && SignKernels.laneBoundIsLoose(signLaneBound, slack: signLaneSlack) {
            // Flips since the last bound may have made it too loose for a single block: recompute it (O(r)).
            signLaneBound = projections16.withUnsafeBytes { SignKernels.laneBound(y: $0.baseAddress!, bytes: (hotRank + 7) / 8) }
            signLaneSlack = 0
        }
        let v = age <= replayLimit ? cached.value + Double(replayedChange(k, since: cached.stamp))
            : lowRankSum(k) - hotDiagonal[k] * state[k]
        fieldCache[k] = CachedField(stamp: flipCount, value: v)
        return v + rawBiases[k]
    }

    /// The change of unit k's unscaled field over the flips numbered `start..<flipCount`.
    private func replayedChange(_ k: Int, since start: Int) -> Int {
        let w = hotSignWords, r = hotRank, end = flipCount
        return hotSignBits.withUnsafeBufferPointer { bits in
            recentFlips.withUnsafeBufferPointer { flips in
                recentDeltas.withUnsafeBufferPointer { deltas in
                    SignKernels.replayedChange(unit: k, bits: bits.baseAddress!, words: w, rank: r,
                                               flips: flips.baseAddress!, deltas: deltas.baseAddress!, from: start, to: end)
                }
            }
        }
    }

    /// Σ_j L_kj y_j from unit k's sign bits and `projections16`. Precondition: `usesSignMasks`.
    @inline(__always)
    func signMaskDot(_ k: Int) -> Int {
        let w = hotSignWords, bytes = (hotRank + 7) / 8
        let block = SignKernels.block(bound: signLaneBound, slack: signLaneSlack, bytes: bytes, small: signMaskBlock)
        let selected = hotSignBits.withUnsafeBytes { bits in
            projections16.withUnsafeBytes { y in
                Self.signMasks.withUnsafeBytes { masks in
                    SignKernels.selectedSum(row: bits.baseAddress! + k &* w &* 8, bytes: bytes, y: y.baseAddress!,
                                            masks: masks.baseAddress!, block: block)
                }
            }
        }
        return 2 &* selected &- projectionTotal
    }

    /// y += δ ξ_f, unit f's row of ±1 factors (δ = ±2 spin, ±1 binary). Precondition: `usesSignMasks`.
    mutating func addSignRow(_ f: Int, delta: Int) {
        let w = hotSignWords, r = hotRank
        let added = hotSignBits.withUnsafeBytes { bits in
            Self.signMasks.withUnsafeBytes { masks in
                projections16.withUnsafeMutableBytes { y in
                    SignKernels.addRow(y: y.baseAddress!, row: bits.baseAddress! + f &* w &* 8, rank: r, delta: delta,
                                       masks: masks.baseAddress!)
                }
            }
        }
        projectionTotal &+= added
        signLaneSlack += (r + 7) / 8 * abs(delta)
    }

    /// Whether `signSweep` applies: low rank with ±1 factors and sign masks.
    var hasSignSweepKernel: Bool { usesSignMasks && tracksFields }

    /// `updateUnit(k, temperature: t, inverseTemperature: beta, rng: &rng)` for each of `order`'s units in turn
    /// (the T = 0 rule, or a heat-bath draw for T > 0), with the same decisions, random draws, energy, cache
    /// and flip bookkeeping, in one loop. Returns the number of units changed.
    /// Preconditions: `hasSignSweepKernel`; T ≥ 0 and not NaN, `beta` = 1/T for T > 0.
    mutating func signSweep(_ order: UnsafeBufferPointer<Int>, temperature t: Double, inverseTemperature beta: Double,
                            rng: inout Xoshiro256) -> Int {
        precondition(hasSignSweepKernel, "the sweep kernel needs ±1 low-rank factors")
        // The mutable buffers move out of self for the loop (O(1) swaps) and back after it, so that the loop
        // writes through pointers without a uniqueness check per access.
        var cache: [CachedField] = [], values: [Double] = [], y: [Int16] = [], ringUnits: [Int] = [], ringDeltas: [Int] = []
        swap(&cache, &fieldCache)
        swap(&values, &state)
        swap(&y, &projections16)
        swap(&ringUnits, &recentFlips)
        swap(&ringDeltas, &recentDeltas)
        defer {
            swap(&cache, &fieldCache)
            swap(&values, &state)
            swap(&y, &projections16)
            swap(&ringUnits, &recentFlips)
            swap(&ringDeltas, &recentDeltas)
        }
        let w = hotSignWords, r = hotRank, bytes = (r + 7) / 8, smallBlock = signMaskBlock, limit = replayLimit, scale = hotScale
        let up = units.up, down = units.down, convention = units, step = units.step
        var stamp = flipCount, e = energy, total = projectionTotal, changed = 0
        var laneBound = signLaneBound, laneSlack = signLaneSlack
        cache.withUnsafeMutableBufferPointer { cache in
        values.withUnsafeMutableBufferPointer { s in
        y.withUnsafeMutableBytes { y in
        ringUnits.withUnsafeMutableBufferPointer { ringUnits in
        ringDeltas.withUnsafeMutableBufferPointer { ringDeltas in
        hotSignBits.withUnsafeBufferPointer { bits in
        hotDiagonal.withUnsafeBufferPointer { diagonal in
        rawBiases.withUnsafeBufferPointer { biases in
        Self.signMasks.withUnsafeBytes { masks in
            let c = cache.baseAddress!, s = s.baseAddress!, y = y.baseAddress!, b = bits.baseAddress!, m = masks.baseAddress!
            let ru = ringUnits.baseAddress!, rd = ringDeltas.baseAddress!
            for k in order {
                let entry = c[k]
                let age = stamp &- entry.stamp
                var v = entry.value // the field without the bias, an exact integer here
                if age != 0 {
                    if age <= limit {
                        v += Double(SignKernels.replayedChange(unit: k, bits: b, words: w, rank: r, flips: ru, deltas: rd,
                                                               from: entry.stamp, to: stamp))
                    } else {
                        if SignKernels.laneBoundIsLoose(laneBound, slack: laneSlack) {
                            laneBound = SignKernels.laneBound(y: UnsafeRawPointer(y), bytes: bytes)
                            laneSlack = 0
                        }
                        let block = SignKernels.block(bound: laneBound, slack: laneSlack, bytes: bytes, small: smallBlock)
                        let selected = SignKernels.selectedSum(row: UnsafeRawPointer(b + k &* w), bytes: bytes, y: UnsafeRawPointer(y),
                                                               masks: m, block: block)
                        v = Double(2 &* selected &- total) - diagonal[k] * s[k]
                    }
                    c[k] = CachedField(stamp: stamp, value: v)
                }
                let h = v + biases[k]
                let old = s[k]
                let new: Double
                if t <= 0 {
                    new = ZeroTemperatureRule.next(old, gap: h, units: convention)
                } else {
                    new = HeatBath.drawsUp(rng.nextUnit(), gap: step * (scale * h), temperature: t, inverseTemperature: beta)
                        ? up : down
                }
                if new == old { continue }
                let delta = new - old
                e -= delta * (scale * h)
                s[k] = new
                let slot = stamp & (Self.replayCapacity - 1)
                ru[slot] = k
                rd[slot] = Int(delta)
                stamp &+= 1
                total &+= SignKernels.addRow(y: y, row: UnsafeRawPointer(b + k &* w), rank: r, delta: Int(delta), masks: m)
                laneSlack &+= bytes &* (delta < 0 ? -Int(delta) : Int(delta))
                changed &+= 1
            }
        }}}}}}}}}
        flipCount = stamp
        energy = e
        projectionTotal = total
        signLaneBound = laneBound
        signLaneSlack = laneSlack
        return changed
    }
}

/// Pointer-level loops of the ±1 fast path.
enum SignKernels {
    /// Bytes summed in one 16-bit block: all `bytes` while the lane bound plus its slack (see
    /// `EnergyNetwork.signLaneBound`) rules out overflow, else `small` (⌊32767/N⌋).
    @inline(__always)
    static func block(bound: Int, slack: Int, bytes: Int, small: Int) -> Int {
        bound + slack <= 32767 ? bytes : small
    }

    /// Whether flips since the lane bound was computed have made it too loose for one block, so that
    /// recomputing it (O(r)) may restore single-block sums.
    @inline(__always)
    static func laneBoundIsLoose(_ bound: Int, slack: Int) -> Bool {
        bound + slack > 32767 && slack > 0
    }

    /// Σ over the flips numbered `start..<end` (still in the ring) of δ_f (r - 2 popcount(row_k XOR row_f)),
    /// skipping flips of unit k itself: the change of h_k / scale.
    @inline(__always)
    static func replayedChange(unit k: Int, bits: UnsafePointer<UInt64>, words w: Int, rank r: Int,
                               flips: UnsafePointer<Int>, deltas: UnsafePointer<Int>, from start: Int, to end: Int) -> Int {
        let row = bits + k &* w
        var change = 0
        var n = start
        while n != end {
            let slot = n & (EnergyNetwork.replayCapacity - 1)
            let f = flips[slot]
            if f != k {
                let other = bits + f &* w
                var differ = 0
                for q in 0..<w { differ &+= (row[q] ^ other[q]).nonzeroBitCount }
                change &+= deltas[slot] &* (r &- 2 &* differ)
            }
            n &+= 1
        }
        return change
    }

    /// Σ of y_k over the set bits k of `row` (`bytes` bytes; y zero-padded to 8 · bytes Int16 values). Lanes
    /// add `block` bytes in 16 bits, then widen. Precondition: `block` · max|y_k| ≤ 32767; the sum fits Int32.
    @inline(__always)
    static func selectedSum(row: UnsafeRawPointer, bytes: Int, y: UnsafeRawPointer, masks: UnsafeRawPointer, block: Int) -> Int {
        var total = SIMD8<Int32>()
        var b = 0
        while b < bytes {
            let end = min(bytes, b &+ block)
            var lanes = SIMD8<Int16>()
            while b < end {
                let mask = masks.loadUnaligned(fromByteOffset: Int(row.load(fromByteOffset: b, as: UInt8.self)) &* 16, as: SIMD8<Int16>.self)
                lanes &+= y.loadUnaligned(fromByteOffset: b &* 16, as: SIMD8<Int16>.self) & mask
                b &+= 1
            }
            total &+= SIMD8<Int32>(truncatingIfNeeded: lanes)
        }
        return Int(total.wrappedSum())
    }

    /// max over the lanes j < 8 of Σ_b |y_{8b+j}| for y of `bytes` · 8 Int16 values.
    static func laneBound(y: UnsafeRawPointer, bytes: Int) -> Int {
        var sums = SIMD8<Int32>()
        for b in 0..<bytes {
            let v = SIMD8<Int32>(truncatingIfNeeded: y.loadUnaligned(fromByteOffset: b &* 16, as: SIMD8<Int16>.self))
            let sign = v &>> 31
            sums &+= (v ^ sign) &- sign
        }
        return Int(sums.max())
    }

    /// y_k += δ (bit k of `row` ? +1 : -1) for k < r, leaving the padding past r at zero; returns the change of
    /// Σ_k y_k. Precondition: every y_k stays within Int16 (|y_k| ≤ N ≤ 32767).
    @inline(__always)
    static func addRow(y: UnsafeMutableRawPointer, row: UnsafeRawPointer, rank r: Int, delta: Int, masks: UnsafeRawPointer) -> Int {
        let d = Int16(truncatingIfNeeded: delta)
        let twice = SIMD8<Int16>(repeating: d &* 2), once = SIMD8<Int16>(repeating: d)
        var added = SIMD8<Int16>()
        let whole = r / 8
        for b in 0..<whole {
            let mask = masks.loadUnaligned(fromByteOffset: Int(row.load(fromByteOffset: b, as: UInt8.self)) &* 16, as: SIMD8<Int16>.self)
            // δ where the bit is set, -δ where it is clear.
            let change = (mask & twice) &- once
            y.storeBytes(of: y.loadUnaligned(fromByteOffset: b &* 16, as: SIMD8<Int16>.self) &+ change, toByteOffset: b &* 16,
                         as: SIMD8<Int16>.self)
            added &+= change
        }
        var total = Int(SIMD8<Int32>(truncatingIfNeeded: added).wrappedSum())
        let rest = r - 8 * whole
        if rest > 0 {
            let bitsByte = Int(row.load(fromByteOffset: whole, as: UInt8.self))
            let lanes = y.advanced(by: whole * 16).assumingMemoryBound(to: Int16.self)
            for j in 0..<rest {
                let change = (bitsByte >> j) & 1 == 1 ? delta : -delta
                lanes[j] &+= Int16(truncatingIfNeeded: change)
                total += change
            }
        }
        return total
    }
}
