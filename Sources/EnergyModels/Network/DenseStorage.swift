/// Dense couplings: the matrix v (N x N, row-major) and the sums Σ_j v_kj s_j, so a field costs O(1) and a flip
/// adds a row to the sums, O(N). `Int16`: a quarter of the bytes of the Double matrix and exact integer sums.
struct DenseStorage<Element: CouplingElement>: StorageCore {
    let count: Int
    private let rows: [Element]
    private var sums: [Element.Sum]

    /// Precondition: `rows` has N² entries (for Int16, with N · max|v| < 2^31); states are ±1 or 0/1.
    init(count n: Int, rows: [Element], state: [Double]) {
        count = n
        self.rows = rows
        sums = [Element.Sum](repeating: Element.zeroSum, count: n)
        rebuild(state: state, units: .spin)
    }

    struct Handle: PairwiseHandle {
        let n: Int
        let rows: UnsafePointer<Element>
        let sums: UnsafeMutablePointer<Element.Sum>

        @inline(__always)
        func sum(_ k: Int, value sk: Double) -> Double { Element.value(sums[k]) }

    var projectionNormSquared: Double? { nil }

        @inline(__always)
        func apply(flip k: Int, delta: Double) { Element.axpy(sums, rows + k * n, delta, n) }
    }

    /// Runs `body` with the pointers of the matrix and the sums (native arrays have a base address even when
    /// empty).
    @inline(__always)
    mutating func withHandle<R>(_ body: (inout Handle) -> R) -> R {
        let n = count
        return rows.withUnsafeBufferPointer { rows in
            sums.withUnsafeMutableBufferPointer { sums in
                var handle = Handle(n: n, rows: rows.baseAddress!, sums: sums.baseAddress!)
                return body(&handle)
            }
        }
    }

    mutating func rebuild(state: [Double], units: UnitConvention) {
        let n = count
        let s = Element.converted(state)
        withHandle { h in
            s.withUnsafeBufferPointer { s in
                for i in 0..<n { h.sums[i] = Element.dot(h.rows + i * n, s.baseAddress!, n) }
            }
        }
    }

    func sum(_ k: Int, value sk: Double) -> Double { Element.value(sums[k]) }

    var projectionNormSquared: Double? { nil }

    func _checkInvariants(state: [Double]) {
        #if DEBUG
        let n = count
        for i in 0..<n {
            assertKeptSum(Element.value(sums[i]), count: n, state: state, "the sum of unit \(i)") { rows[i * n + $0].doubleValue }
        }
        #endif
    }
}
