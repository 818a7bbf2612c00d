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

    /// Σ_k Double(a[k]) b[k]: the `Float` operand is widened exactly, products and sums are in `Double`.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
        var k = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while k &+ 8 <= n {
            let x = ra.loadUnaligned(fromByteOffset: k &* 4, as: SIMD8<Float>.self)
            let y0 = rb.loadUnaligned(fromByteOffset: k &* 8, as: SIMD4<Double>.self)
            let y1 = rb.loadUnaligned(fromByteOffset: (k &+ 4) &* 8, as: SIMD4<Double>.self)
            s0 += SIMD4<Double>(x.lowHalf) * y0
            s1 += SIMD4<Double>(x.highHalf) * y1
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

    /// y[k] += alpha · Double(x[k]) for k in 0..<n.
    @inline(__always)
    static func axpy(_ y: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Float>, _ alpha: Double, _ n: Int) {
        var k = 0
        while k < n {
            y[k] += Double(x[k]) * alpha
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
}
