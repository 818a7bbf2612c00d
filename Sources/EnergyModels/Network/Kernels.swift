/// The inner loops of the engine, over raw pointers (reached only inside `withUnsafe…` closures).
///
/// `dot` keeps eight partial sums, so the compiler can vectorise it and overlap the additions instead of
/// waiting for one running sum: this reassociates the sum. For integer-valued operands (Hebbian couplings,
/// ±1 or 0/1 states, sums below 2^53) every partial sum is exact, so the result is bit-identical to the
/// sequential sum; for other weights it can differ from it in the last bits, as any BLAS would.
enum Kernels {
    /// Σ_k a[k] b[k] for k in 0..<n.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
        var k = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        let stride = MemoryLayout<Double>.stride
        while k &+ 8 <= n {
            let x0 = ra.loadUnaligned(fromByteOffset: k &* stride, as: SIMD4<Double>.self)
            let y0 = rb.loadUnaligned(fromByteOffset: k &* stride, as: SIMD4<Double>.self)
            let x1 = ra.loadUnaligned(fromByteOffset: (k &+ 4) &* stride, as: SIMD4<Double>.self)
            let y1 = rb.loadUnaligned(fromByteOffset: (k &+ 4) &* stride, as: SIMD4<Double>.self)
            s0 += x0 * y0
            s1 += x1 * y1
            k &+= 8
        }
        var tail = 0.0
        while k < n {
            tail += a[k] * b[k]
            k &+= 1
        }
        let s = s0 + s1
        return ((s[0] + s[1]) + (s[2] + s[3])) + tail
    }

    /// y[k] += alpha · x[k] for k in 0..<n (no reduction: the compiler vectorises it as written).
    @inline(__always)
    static func axpy(_ y: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ alpha: Double, _ n: Int) {
        var k = 0
        while k < n {
            y[k] += x[k] * alpha
            k &+= 1
        }
    }

    /// Σ_k Double(a[k]) b[k] for 16-bit integer a (widened exactly).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Int16>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
        var k = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while k &+ 8 <= n {
            let x = SIMD8<Double>(ra.loadUnaligned(fromByteOffset: k &* 2, as: SIMD8<Int16>.self))
            let y0 = rb.loadUnaligned(fromByteOffset: k &* 8, as: SIMD4<Double>.self)
            let y1 = rb.loadUnaligned(fromByteOffset: (k &+ 4) &* 8, as: SIMD4<Double>.self)
            s0 += x.lowHalf * y0
            s1 += x.highHalf * y1
            k &+= 8
        }
        var tail = 0.0
        while k < n {
            tail += Double(a[k]) * b[k]
            k &+= 1
        }
        let s = s0 + s1
        return ((s[0] + s[1]) + (s[2] + s[3])) + tail
    }

    /// y[k] += alpha · Double(x[k]) for 16-bit integer x.
    @inline(__always)
    static func axpy(_ y: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Int16>, _ alpha: Double, _ n: Int) {
        var k = 0
        while k < n {
            y[k] += Double(x[k]) * alpha
            k &+= 1
        }
    }

    /// Σ_k a[k] b[k] in 32-bit integer arithmetic, products taken in pairs so that the compiler uses SSE2's
    /// multiply-add of 16-bit pairs (pmaddwd, 8 products per instruction). Integer sums are exact in any order.
    /// Precondition: the sum and every partial sum fit in Int32 (the callers check a bound).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Int16>, _ b: UnsafePointer<Int16>, _ n: Int) -> Int32 {
        var s: Int32 = 0
        var k = 0
        while k &+ 2 <= n {
            s &+= Int32(a[k]) &* Int32(b[k]) &+ Int32(a[k &+ 1]) &* Int32(b[k &+ 1])
            k &+= 2
        }
        if k < n { s &+= Int32(a[k]) &* Int32(b[k]) }
        return s
    }

    /// y[k] += alpha · x[k] in 16-bit integers. Precondition: every result fits in Int16.
    @inline(__always)
    static func axpy(_ y: UnsafeMutablePointer<Int16>, _ x: UnsafePointer<Int16>, _ alpha: Int16, _ n: Int) {
        var k = 0
        while k < n {
            y[k] &+= x[k] &* alpha
            k &+= 1
        }
    }

    /// y[k] += alpha · x[k] with 32-bit y and 16-bit x. Precondition: every result fits in Int32.
    @inline(__always)
    static func axpy(_ y: UnsafeMutablePointer<Int32>, _ x: UnsafePointer<Int16>, _ alpha: Int32, _ n: Int) {
        var k = 0
        while k < n {
            y[k] &+= Int32(x[k]) &* alpha
            k &+= 1
        }
    }

    /// `xs` as Int16 with the largest |entry|, if every entry is an integer in -32767...32767; else nil
    /// (stopping at the first entry that is not).
    static func exactInt16(_ xs: [Double]) -> (values: [Int16], bound: Int)? {
        var exact = true
        var bound: Int16 = 0
        let out = [Int16](unsafeUninitializedCapacity: xs.count) { buffer, initialized in
            initialized = 0
            xs.withUnsafeBufferPointer { xs in
                for k in 0..<xs.count {
                    let x = xs[k]
                    guard abs(x) <= 32767, x.rounded(.towardZero) == x else { exact = false; return }
                    let v = Int16(x)
                    bound = max(bound, v < 0 ? 0 - v : v)
                    buffer[k] = v
                    initialized = k + 1
                }
            }
        }
        return exact ? (out, Int(bound)) : nil
    }
}
