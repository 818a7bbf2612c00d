import Foundation

/// The vectorised Double kernels behind the monitoring figures (`RBMEvaluation`).
///
/// Every softplus sum is written as Σ_k softplus(x_k) = Σ_k max(x_k, 0) + log Π_k (1 + e^-|x_k|): one
/// 4-lane exponential per term and one logarithm per block of `productBlock` terms (each factor is in
/// (1, 2], so a block's product stays below 2^512). Ratios of softplus terms use the same idea:
/// softplus(x + w) - softplus(x) = log(σ(-x) + σ(x) e^w), a factor between 1 and e^w.
enum RBMMonitorKernels {
    /// Factors of (1, 2] multiplied before one logarithm is taken.
    static let productBlock = 512
    /// The largest |log| a block product of ratio factors may reach (e^600 < Double's 1.8e308).
    static let ratioLogBound = 600.0

    @inline(__always)
    static func load4(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    static func store4(_ x: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: x, as: SIMD4<Double>.self)
    }

    /// e^-|x| for 4 lanes: x = -(k ln 2 + r), |r| ≤ ln2/2, e^-r by its Taylor polynomial of degree 13
    /// (truncation below 2e-18 relative), Cody-Waite's two-part ln 2. Relative error about 2 ulp; inputs
    /// beyond 708 in magnitude give e^-708 (≈ 3e-308) instead of a subnormal or zero, which no sum of
    /// 1 + e^-|x| can see.
    @inline(__always)
    static func expNegAbs4(_ input: SIMD4<Double>) -> SIMD4<Double> {
        var x = pointwiseMin(input, -input)
        let lo = SIMD4<Double>(repeating: -708)
        x = x.replacing(with: lo, where: x .< lo)
        let magic = SIMD4<Double>(repeating: 6_755_399_441_055_744) // 1.5 * 2^52
        let t = x * 1.442_695_040_888_963_4 + magic
        let k = t - magic
        var r = x - k * 6.931_457_519_531_25e-1
        r -= k * 1.428_606_820_309_417_232e-6
        var p = SIMD4<Double>(repeating: 1.0 / 6_227_020_800)
        p = p * r + 1.0 / 479_001_600
        p = p * r + 1.0 / 39_916_800
        p = p * r + 1.0 / 3_628_800
        p = p * r + 1.0 / 362_880
        p = p * r + 1.0 / 40_320
        p = p * r + 1.0 / 5040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let ki = unsafeBitCast(t, to: SIMD4<Int64>.self) &- unsafeBitCast(magic, to: SIMD4<Int64>.self)
        let scale = unsafeBitCast((ki &+ 1023) &<< 52, to: SIMD4<Double>.self)
        return p * scale
    }

    /// e^-|x| for one value through the 4-lane kernel (loop tails), so every element is rounded alike.
    @inline(__always)
    static func expNegAbs(_ x: Double) -> Double { expNegAbs4(SIMD4(repeating: x))[0] }

    /// Σ_k softplus(x[k]) for k in 0..<count.
    static func softplusSum(_ x: UnsafePointer<Double>, count: Int) -> Double {
        var linear = 0.0, logs = 0.0
        var start = 0
        while start < count {
            let end = min(count, start + productBlock)
            var prod = SIMD4<Double>(repeating: 1)
            var lin = SIMD4<Double>(repeating: 0)
            let zero = SIMD4<Double>(repeating: 0)
            var k = start
            while k + 4 <= end {
                let v = load4(x + k)
                prod *= 1 + expNegAbs4(v)
                lin += v.replacing(with: zero, where: v .< zero)
                k += 4
            }
            var tail = 1.0
            while k < end {
                tail *= 1 + expNegAbs(x[k])
                linear += max(x[k], 0)
                k += 1
            }
            linear += lin.sum()
            logs += log(prod[0] * prod[1] * (prod[2] * prod[3]) * tail)
            start = end
        }
        return linear + logs
    }

    /// p[k] = σ(x[k]) and q[k] = σ(-x[k]) = 1 - p[k], each computed from e^-|x| without cancellation.
    static func logistic(_ x: UnsafePointer<Double>, count: Int, p: UnsafeMutablePointer<Double>, q: UnsafeMutablePointer<Double>) {
        var k = 0
        let zero = SIMD4<Double>(repeating: 0)
        while k + 4 <= count {
            let v = load4(x + k)
            let t = expNegAbs4(v)
            let big = 1 / (1 + t), small = t * big
            let positive = v .>= zero
            store4(small.replacing(with: big, where: positive), p + k)
            store4(big.replacing(with: small, where: positive), q + k)
            k += 4
        }
        while k < count {
            let t = expNegAbs(x[k])
            let big = 1 / (1 + t), small = t * big
            p[k] = x[k] >= 0 ? big : small
            q[k] = x[k] >= 0 ? small : big
            k += 1
        }
    }

    /// Σ_j log(q[j] + p[j] f[j]) over j in 0..<count, one logarithm per `block` factors (the caller
    /// chooses `block` so that a block's product stays within e^±`ratioLogBound`).
    static func logRatioSum(p: UnsafePointer<Double>, q: UnsafePointer<Double>, f: UnsafePointer<Double>, count: Int, block: Int) -> Double {
        precondition(block >= 1, "a block holds at least one factor")
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(count, start + block)
            var a = SIMD4<Double>(repeating: 1), b = SIMD4<Double>(repeating: 1)
            var j = start
            while j + 8 <= end {
                a *= load4(q + j) + load4(p + j) * load4(f + j)
                b *= load4(q + j + 4) + load4(p + j + 4) * load4(f + j + 4)
                j += 8
            }
            var tail = 1.0
            while j < end {
                tail *= q[j] + p[j] * f[j]
                j += 1
            }
            a *= b
            total += log(a[0] * a[1] * (a[2] * a[3]) * tail)
            start = end
        }
        return total
    }

    /// Σ_j w[j] h[j], 4 lanes.
    static func dot(_ w: UnsafePointer<Double>, _ h: UnsafePointer<Double>, count: Int) -> Double {
        var a = SIMD4<Double>(repeating: 0), b = SIMD4<Double>(repeating: 0)
        var j = 0
        while j + 8 <= count {
            a += load4(w + j) * load4(h + j)
            b += load4(w + j + 4) * load4(h + j + 4)
            j += 8
        }
        var s = (a + b).sum()
        while j < count {
            s += w[j] * h[j]
            j += 1
        }
        return s
    }

    /// y[j] += alpha · x[j].
    static func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        var j = 0
        let a = SIMD4<Double>(repeating: alpha)
        while j + 4 <= count {
            store4(load4(y + j) + a * load4(x + j), y + j)
            j += 4
        }
        while j < count {
            y[j] += alpha * x[j]
            j += 1
        }
    }

    /// e[k] = e^(x[k]) (from e^-|x|, so no overflow for |x| ≤ 708).
    static func exponential(_ x: UnsafePointer<Double>, count: Int, into e: UnsafeMutablePointer<Double>) {
        for k in 0..<count {
            let t = expNegAbs(x[k])
            e[k] = x[k] >= 0 ? 1 / t : t
        }
    }

    /// e[k] *= f[k].
    static func multiply(_ e: UnsafeMutablePointer<Double>, by f: UnsafePointer<Double>, count: Int) {
        var k = 0
        while k + 4 <= count {
            store4(load4(e + k) * load4(f + k), e + k)
            k += 4
        }
        while k < count {
            e[k] *= f[k]
            k += 1
        }
    }

    /// log Π_k (1 + e[k]) with one logarithm: the product is taken `group` factors at a time (the caller
    /// guarantees a group's product is finite) and kept as mantissa × 2^exponent in between.
    static func logProductOfOnePlus(_ e: UnsafePointer<Double>, count: Int, group: Int) -> Double {
        precondition(group >= 1, "a group holds at least one factor")
        var mantissa = 1.0
        var exponent = 0
        var start = 0
        while start < count {
            let end = min(count, start + group)
            var prod = SIMD4<Double>(repeating: 1)
            var k = start
            while k + 4 <= end {
                prod *= 1 + load4(e + k)
                k += 4
            }
            while k < end {
                mantissa *= 1 + e[k]
                k += 1
            }
            mantissa *= prod[0] * prod[1] * (prod[2] * prod[3])
            exponent += Int(mantissa.exponent)
            mantissa = mantissa.significand
            start = end
        }
        return log(mantissa) + Double(exponent) * M_LN2
    }

    /// The log-sum-exp of `count` terms as an accumulator (largest term, and Σ e^(t - largest) through the
    /// vectorised exponential).
    static func logSumExp(_ t: UnsafePointer<Double>, count: Int) -> LogSumExpAccumulator {
        var largest = -Double.infinity
        for k in 0..<count { largest = max(largest, t[k]) }
        guard largest.isFinite else { return LogSumExpAccumulator() }
        var sum = SIMD4<Double>(repeating: 0)
        let shift = SIMD4<Double>(repeating: largest)
        var k = 0
        while k + 4 <= count {
            sum += expNegAbs4(load4(t + k) - shift)
            k += 4
        }
        var total = sum.sum()
        while k < count {
            total += expNegAbs(t[k] - largest)
            k += 1
        }
        return LogSumExpAccumulator(maximum: largest, sum: total)
    }
}
