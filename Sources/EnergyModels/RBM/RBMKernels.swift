import Foundation

/// Scalar helpers shared by the RBM code, in Double (the precision of every likelihood figure).
public enum RBMMath {
    /// softplus(x) = log(1 + e^x), stable for any finite x: max(x, 0) + log(1 + e^-|x|).
    /// log(1 + t) rather than log1p(t): for t = e^-|x| in (0, 1] rounding 1 + t costs at most 1.2e-16 in
    /// absolute terms, which is what sums of softplus terms care about, and glibc's log is several times
    /// faster than its log1p (this is the inner loop of exact log Z and the pseudo-likelihood).
    @inlinable
    public static func softplus(_ x: Double) -> Double {
        max(x, 0) + log(1 + exp(-abs(x)))
    }

    /// log σ(x) = -softplus(-x).
    @inlinable
    public static func logSigmoid(_ x: Double) -> Double { -softplus(-x) }

    /// log Σ_k e^(x_k), stable (shifted by the maximum); -∞ for an empty list.
    public static func logSumExp(_ xs: [Double]) -> Double {
        guard let m = xs.max(), m.isFinite else { return xs.max() ?? -.infinity }
        var s = 0.0
        for x in xs { s += exp(x - m) }
        return m + log(s)
    }
}

/// Streaming log-sum-exp: add terms one at a time, read `value` at the end.
struct LogSumExpAccumulator {
    private(set) var maximum = -Double.infinity
    private var sum = 0.0

    init() {}

    /// The accumulator of terms whose largest is `maximum` and whose Σ e^(t - maximum) is `sum`.
    init(maximum: Double, sum: Double) {
        self.maximum = maximum
        self.sum = sum
    }

    @inline(__always)
    mutating func add(_ x: Double) {
        if x <= maximum {
            sum += exp(x - maximum)
        } else {
            sum = sum * exp(maximum - x) + 1
            maximum = x
        }
    }

    var value: Double { maximum == -.infinity ? -.infinity : maximum + log(sum) }

    /// Adds every term another accumulator has seen.
    mutating func merge(_ other: LogSumExpAccumulator) {
        guard other.maximum > -.infinity else { return }
        if other.maximum <= maximum {
            sum += other.sum * exp(other.maximum - maximum)
        } else {
            sum = sum * exp(maximum - other.maximum) + other.sum
            maximum = other.maximum
        }
    }
}

/// The batch kernels of RBM training and sampling, in Float on raw buffers (no allocation).
///
/// Matrices are row-major: a batch of visible vectors is `rows x m` (`v[r*m + i]`), hidden `rows x n`,
/// the weights `m x n` (`W[i*n + j]`). Inner loops run along the contiguous hidden index in 8-wide
/// SIMD. Binary visible vectors are mostly zeros (about 70% for the digits), so the products that take a
/// visible vector skip its zero entries: the work scales with the number of active pixels.
enum RBMKernels {
    @inline(__always)
    static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func store8(_ x: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: x, as: SIMD8<Float>.self)
    }

    /// y[0..<n] += alpha * x[0..<n].
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var j = 0
        let a = SIMD8<Float>(repeating: alpha)
        while j + 8 <= n {
            store8(load8(y + j) + a * load8(x + j), y + j)
            j += 8
        }
        while j < n {
            y[j] += alpha * x[j]
            j += 1
        }
    }

    /// y[0..<n] += x[0..<n].
    @inline(__always)
    static func add(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var j = 0
        while j + 8 <= n {
            store8(load8(y + j) + load8(x + j), y + j)
            j += 8
        }
        while j < n {
            y[j] += x[j]
            j += 1
        }
    }

    /// Σ_j x[j] y[j] with two 8-wide accumulators (the order of summation is free).
    @inline(__always)
    static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc0 = SIMD8<Float>()
        var acc1 = SIMD8<Float>()
        var j = 0
        while j + 16 <= n {
            acc0 += load8(x + j) * load8(y + j)
            acc1 += load8(x + j + 8) * load8(y + j + 8)
            j += 16
        }
        if j + 8 <= n {
            acc0 += load8(x + j) * load8(y + j)
            j += 8
        }
        var s = (acc0 + acc1).sum()
        while j < n {
            s += x[j] * y[j]
            j += 1
        }
        return s
    }

    /// Hidden inputs of a batch: out[r][j] = bias[j] + Σ_i v[r][i] W[i][j] (zero v entries skipped).
    static func hiddenInputs(v: UnsafePointer<Float>, rows: Int, m: Int, n: Int,
                             weights w: UnsafePointer<Float>, bias: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let o = out + r * n
            o.update(from: bias, count: n)
            let vr = v + r * m
            for i in 0..<m {
                let x = vr[i]
                if x == 0 { continue }
                if x == 1 { add(w + i * n, o, n) } else { axpy(x, w + i * n, o, n) }
            }
        }
    }

    /// Visible inputs of a batch: out[r][i] = bias[i] + Σ_j W[i][j] h[r][j].
    static func visibleInputs(h: UnsafePointer<Float>, rows: Int, m: Int, n: Int,
                              weights w: UnsafePointer<Float>, bias: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>) {
        var r = 0
        // Four rows at a time: each weight vector loaded once serves four dot products.
        while r + 4 <= rows {
            let h0 = h + r * n, h1 = h0 + n, h2 = h1 + n, h3 = h2 + n
            for i in 0..<m {
                let wi = w + i * n
                var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
                var j = 0
                while j + 8 <= n {
                    let x = load8(wi + j)
                    s0 += x * load8(h0 + j)
                    s1 += x * load8(h1 + j)
                    s2 += x * load8(h2 + j)
                    s3 += x * load8(h3 + j)
                    j += 8
                }
                var t0 = s0.sum(), t1 = s1.sum(), t2 = s2.sum(), t3 = s3.sum()
                while j < n {
                    t0 += wi[j] * h0[j]; t1 += wi[j] * h1[j]; t2 += wi[j] * h2[j]; t3 += wi[j] * h3[j]
                    j += 1
                }
                out[r * m + i] = bias[i] + t0
                out[(r + 1) * m + i] = bias[i] + t1
                out[(r + 2) * m + i] = bias[i] + t2
                out[(r + 3) * m + i] = bias[i] + t3
            }
            r += 4
        }
        while r < rows {
            let hr = h + r * n
            let o = out + r * m
            for i in 0..<m {
                o[i] = bias[i] + dot(w + i * n, hr, n)
            }
            r += 1
        }
    }

    /// e^x for 8 lanes: Cody-Waite range reduction x = k ln 2 + r and Cephes' degree-6 polynomial for
    /// e^r on |r| ≤ ln2/2 (relative error about 2e-7); inputs clamped to [-87.3, 88.3] so 2^k stays a
    /// normal float. Rounding to k uses the 1.5·2^23 trick, whose bit pattern then holds k directly.
    @inline(__always)
    static func exp8(_ input: SIMD8<Float>) -> SIMD8<Float> {
        let lo = SIMD8<Float>(repeating: -87.3)
        let hi = SIMD8<Float>(repeating: 88.3)
        var x = input.replacing(with: lo, where: input .< lo)
        x = x.replacing(with: hi, where: x .> hi)
        let magic = SIMD8<Float>(repeating: 12_582_912) // 1.5 * 2^23
        let t = x * 1.442_695_04 + magic
        let k = t - magic
        var r = x - k * 0.693_359_375
        r -= k * -2.121_944_4e-4
        var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let y = p * (r * r) + r + 1
        let ki = unsafeBitCast(t, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let scale = unsafeBitCast((ki &+ 127) &<< 23, to: SIMD8<Float>.self)
        return y * scale
    }

    /// x[k] ← σ(scale · x[k]) in place, 8 lanes at a time (absolute error below 1e-6).
    static func sigmoidInPlace(_ x: UnsafeMutablePointer<Float>, count: Int, scale: Float) {
        let s = SIMD8<Float>(repeating: -scale)
        let one = SIMD8<Float>(repeating: 1)
        var k = 0
        while k + 8 <= count {
            store8(one / (one + exp8(load8(x + k) * s)), x + k)
            k += 8
        }
        if k < count {
            var tail = SIMD8<Float>()
            for q in 0..<(count - k) { tail[q] = x[k + q] }
            let y = one / (one + exp8(tail * s))
            for q in 0..<(count - k) { x[k + q] = y[q] }
        }
    }

    /// Probabilities at temperature T: σ(input/T) for T > 0, and at T = 0 the limit, a step (0 at a tie,
    /// so that T = 0 sampling is deterministic).
    static func probabilitiesInPlace(_ x: UnsafeMutablePointer<Float>, count: Int, temperature t: Double) {
        if t > 0 {
            sigmoidInPlace(x, count: count, scale: Float(1 / t))
        } else {
            for k in 0..<count { x[k] = x[k] > 0 ? 1 : 0 }
        }
    }

    /// out[k] = 1 with probability p[k], else 0; two 24-bit uniforms per 64-bit draw.
    static func sample(_ p: UnsafePointer<Float>, count: Int, into out: UnsafeMutablePointer<Float>, rng: inout Xoshiro256) {
        let unit: Float = 0x1p-24
        var k = 0
        while k + 2 <= count {
            let bits = rng.next()
            let u0 = Float(bits >> 40) * unit
            let u1 = Float((bits >> 8) & 0xFF_FFFF) * unit
            out[k] = u0 < p[k] ? 1 : 0
            out[k + 1] = u1 < p[k + 1] ? 1 : 0
            k += 2
        }
        if k < count {
            out[k] = Float(rng.next() >> 40) * unit < p[k] ? 1 : 0
        }
    }
}

/// A heap buffer of Floats with a fixed address, for the kernels' scratch space and parameters.
final class FloatBuffer {
    let count: Int
    let base: UnsafeMutablePointer<Float>

    init(count: Int, value: Float = 0) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: max(count, 1))
    }

    convenience init(_ values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { if let p = $0.baseAddress { base.update(from: p, count: values.count) } }
    }

    deinit { base.deallocate() }

    var array: [Float] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func fill(_ value: Float) { base.update(repeating: value, count: count) }
}
