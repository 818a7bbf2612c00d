/// Dense integer couplings (Hebbian weights, |v_ij| ≤ 32767, N · max|v| < 2^31): the exact Int16 matrix and the
/// sums Σ_j v_kj s_j as Int32, so a field is exact and a flip adds a 16-bit row to them in integers.
struct DenseIntegerStorage: PairwiseStorage {
    let count: Int
    /// v, row-major N x N (a quarter of the bytes of the Double matrix).
    private let rows: [Int16]
    private var sums: [Int32]

    /// Precondition: `rows` has N² entries and N · max|v| < 2^31; states are ±1 or 0/1.
    init(count n: Int, rows: [Int16], state: [Double]) {
        count = n
        self.rows = rows
        sums = [Int32](repeating: 0, count: n)
        rebuild(state: state, units: .spin)
    }

    mutating func rebuild(state: [Double], units: UnitConvention) {
        let n = count
        // States are ±1 or 0/1, exact as Int16.
        let s16 = state.map { Int16($0) }
        withHandle { h in
            s16.withUnsafeBufferPointer { s in
                guard let s = s.baseAddress else { return }
                for i in 0..<n { h.sums[i] = Kernels.dot(h.rows + i * n, s, n) }
            }
        }
    }

    struct Handle: PairwiseHandle {
        let n: Int
        let rows: UnsafePointer<Int16>
        let sums: UnsafeMutablePointer<Int32>

        @inline(__always)
        func sum(_ k: Int, value sk: Double) -> Double { Double(sums[k]) }

        @inline(__always)
        func apply(flip k: Int, delta: Double) {
            // δ is ±2 (spin) or ±1 (binary), exact as an Int32.
            Kernels.axpy(sums, rows + k * n, Int32(delta), n)
        }
    }

    /// Runs `body` with the pointers of the matrix and the sums. Nothing to do for N = 0.
    @inline(__always)
    private mutating func withHandle(_ body: (inout Handle) -> Void) {
        let n = count
        rows.withUnsafeBufferPointer { rows in
            sums.withUnsafeMutableBufferPointer { sums in
                guard let r = rows.baseAddress, let f = sums.baseAddress else { return }
                var handle = Handle(n: n, rows: r, sums: f)
                body(&handle)
            }
        }
    }

    func sum(_ k: Int, value sk: Double) -> Double { Double(sums[k]) }

    func trackedSum(_ k: Int, value sk: Double) -> Double { Double(sums[k]) }

    @inline(__always)
    mutating func apply(flip k: Int, delta: Double) {
        withHandle { $0.apply(flip: k, delta: delta) }
    }

    mutating func sweep(_ order: UnsafeBufferPointer<Int>, _ context: inout PairwiseSweep.Context) -> Int {
        var changed = 0
        withHandle { changed = PairwiseSweep.run(&$0, order, &context) }
        return changed
    }

    func _checkInvariants(state: [Double]) {
        #if DEBUG
        let n = count
        for i in 0..<n {
            var h: Int32 = 0
            for j in 0..<n { h &+= Int32(rows[i * n + j]) &* Int32(state[j]) }
            assert(h == sums[i], "dense integer sums drifted at unit \(i)")
        }
        #endif
    }
}

/// Dense couplings in Double (Storkey, pseudo-inverse, weights from files): the matrix and the sums Σ_j v_kj s_j.
struct DenseRealStorage: PairwiseStorage {
    let count: Int
    private let rows: [Double]
    private var sums: [Double]

    /// Precondition: `rows` has N² entries.
    init(count n: Int, rows: [Double], state: [Double]) {
        count = n
        self.rows = rows
        sums = [Double](repeating: 0, count: n)
        rebuild(state: state, units: .spin)
    }

    mutating func rebuild(state: [Double], units: UnitConvention) {
        let n = count
        withHandle { h in
            state.withUnsafeBufferPointer { s in
                guard let s = s.baseAddress else { return }
                for i in 0..<n { h.sums[i] = Kernels.dot(h.rows + i * n, s, n) }
            }
        }
    }

    struct Handle: PairwiseHandle {
        let n: Int
        let rows: UnsafePointer<Double>
        let sums: UnsafeMutablePointer<Double>

        @inline(__always)
        func sum(_ k: Int, value sk: Double) -> Double { sums[k] }

        @inline(__always)
        func apply(flip k: Int, delta: Double) { Kernels.axpy(sums, rows + k * n, delta, n) }
    }

    @inline(__always)
    private mutating func withHandle(_ body: (inout Handle) -> Void) {
        let n = count
        rows.withUnsafeBufferPointer { rows in
            sums.withUnsafeMutableBufferPointer { sums in
                guard let r = rows.baseAddress, let f = sums.baseAddress else { return }
                var handle = Handle(n: n, rows: r, sums: f)
                body(&handle)
            }
        }
    }

    func sum(_ k: Int, value sk: Double) -> Double { sums[k] }

    func trackedSum(_ k: Int, value sk: Double) -> Double { sums[k] }

    @inline(__always)
    mutating func apply(flip k: Int, delta: Double) {
        withHandle { $0.apply(flip: k, delta: delta) }
    }

    mutating func sweep(_ order: UnsafeBufferPointer<Int>, _ context: inout PairwiseSweep.Context) -> Int {
        var changed = 0
        withHandle { changed = PairwiseSweep.run(&$0, order, &context) }
        return changed
    }

    func _checkInvariants(state: [Double]) {
        #if DEBUG
        let n = count
        for i in 0..<n {
            var h = 0.0, magnitude = 0.0
            for j in 0..<n {
                h += rows[i * n + j] * state[j]
                magnitude += abs(rows[i * n + j])
            }
            // Incremental sums drift by rounding only: a few ulps of the row's magnitude per flip.
            assert(abs(h - sums[i]) <= 1e-9 * max(1, magnitude), "dense sums drifted at unit \(i)")
        }
        #endif
    }
}
