/// An exact signed 128-bit sum of `Int64` terms (two's complement in `high:low`), so that the decisions of
/// polynomial dense memories are exact integers even when p · Nⁿ exceeds `Int64.max`.
struct WideSum: Sendable, Equatable {
    var high: Int64 = 0
    var low: UInt64 = 0

    init() {}

    init(_ x: Int64) { add(x) }

    @inline(__always)
    mutating func add(_ x: Int64) {
        let (sum, carry) = low.addingReportingOverflow(UInt64(bitPattern: x))
        low = sum
        high &+= (x < 0 ? -1 : 0) &+ (carry ? 1 : 0)
    }

    mutating func add(_ other: WideSum) {
        let (sum, carry) = low.addingReportingOverflow(other.low)
        low = sum
        high &+= other.high &+ (carry ? 1 : 0)
    }

    var negated: WideSum {
        var r = WideSum()
        r.low = ~low &+ 1
        r.high = ~high &+ (r.low == 0 ? 1 : 0)
        return r
    }

    /// −1, 0 or +1, exactly.
    var signum: Int { high < 0 ? -1 : (high == 0 && low == 0 ? 0 : 1) }

    /// The nearest-ish Double (at most two roundings); exact below 2^53 in magnitude.
    var doubleValue: Double {
        if high < 0 { return -negated.doubleValue }
        return high == 0 ? Double(low) : Double(high) * 0x1p64 + Double(low)
    }
}
