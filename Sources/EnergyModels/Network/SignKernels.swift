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

/// Pointer-level loops of the ±1 fast path.
enum SignKernels {
    /// Bytes summed in one 16-bit block: all `bytes` while the lane bound plus its slack (see
    /// `SignMaskStorage.laneBound`) rules out overflow, else `small` (⌊32767/N⌋).
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
            let slot = n & (SignMaskStorage.replayCapacity - 1)
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
