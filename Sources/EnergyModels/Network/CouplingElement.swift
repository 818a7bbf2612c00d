/// The element type of stored couplings and of the sums kept from them: `Int16` entries with exact `Int32` sums
/// (integer weights: Hebb), or `Double` entries and sums (any weights). Dense storage keeps Σ_j v_kj s_j as
/// `Sum`; low-rank storage keeps its projections y = Rᵀs in the element type itself.
protocol CouplingElement: Sendable, Numeric {
    associatedtype Sum: Sendable
    static var zeroSum: Sum { get }
    var doubleValue: Double { get }
    static func value(_ sum: Sum) -> Double
    /// A state (±1 or 0/1 values) in this type.
    static func converted(_ state: [Double]) -> [Self]
    /// Σ_k a[k] b[k] (exact for Int16 into Int32 while it fits; see `Kernels.dot`).
    static func dot(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ n: Int) -> Sum
    /// y[k] += δ x[k] into sums, δ = ±1 or ±2 (a change of a unit).
    static func axpy(_ y: UnsafeMutablePointer<Sum>, _ x: UnsafePointer<Self>, _ delta: Double, _ n: Int)
    /// y[k] += δ x[k] in the element type (Int16: every result must fit).
    static func axpy(_ y: UnsafeMutablePointer<Self>, _ x: UnsafePointer<Self>, _ delta: Double, _ n: Int)
}

extension Int16: CouplingElement {
    static var zeroSum: Int32 { 0 }
    var doubleValue: Double { Double(self) }
    @inline(__always)
    static func value(_ sum: Int32) -> Double { Double(sum) }
    static func converted(_ state: [Double]) -> [Int16] { state.map { Int16($0) } }
    @inline(__always)
    static func dot(_ a: UnsafePointer<Int16>, _ b: UnsafePointer<Int16>, _ n: Int) -> Int32 { Kernels.dot(a, b, n) }
    @inline(__always)
    static func axpy(_ y: UnsafeMutablePointer<Int32>, _ x: UnsafePointer<Int16>, _ delta: Double, _ n: Int) {
        Kernels.axpy(y, x, Int32(delta), n)
    }
    @inline(__always)
    static func axpy(_ y: UnsafeMutablePointer<Int16>, _ x: UnsafePointer<Int16>, _ delta: Double, _ n: Int) {
        Kernels.axpy(y, x, Int16(delta), n)
    }
}

extension Double: CouplingElement {
    static var zeroSum: Double { 0 }
    var doubleValue: Double { self }
    @inline(__always)
    static func value(_ sum: Double) -> Double { sum }
    static func converted(_ state: [Double]) -> [Double] { state }
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double { Kernels.dot(a, b, n) }
    /// Both `axpy` requirements (Sum is Double).
    @inline(__always)
    static func axpy(_ y: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ delta: Double, _ n: Int) {
        Kernels.axpy(y, x, delta, n)
    }
}

/// Debug checks: traps unless a kept sum equals Σ_j x_j s_j recomputed in Double, exactly for integer sums and
/// within rounding drift (1e-9 of Σ_j |x_j|, a few ulps per flip) for Double ones. `x(j)` is the j-th coefficient.
func assertKeptSum(_ kept: Double, count n: Int, state: [Double], _ what: @autoclosure () -> String, coefficient x: (Int) -> Double) {
    #if DEBUG
    var sum = 0.0, magnitude = 0.0
    for j in 0..<n {
        sum += x(j) * state[j]
        magnitude += abs(x(j))
    }
    assert(abs(sum - kept) <= 1e-9 * max(1, magnitude), "\(what()) drifted from a recomputation")
    #endif
}
