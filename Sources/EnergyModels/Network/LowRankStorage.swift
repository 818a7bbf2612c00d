/// A unit's unscaled field without its bias, Σ_{j≠k} v_kj s_j, as computed after `stamp` flips. The bias is added
/// at each use, so that a field is rounded once, exactly as a fresh computation rounds it, whatever the bias.
struct CachedField: Sendable {
    var stamp: Int
    var value: Double
}

/// Low-rank couplings v = L Rᵀ − diag(L Rᵀ) with the projections y = Rᵀs (O(r) per field and per flip) and a field
/// cache: a unit's field stays exact until another unit changes, so re-examining a settled unit costs O(1).
/// `Int16`: integer factors whose projections fit 16 bits (fields in exact integer arithmetic); `Double`: any.
struct LowRankStorage<Element: CouplingElement>: StorageCore {
    let count: Int
    let rank: Int
    private let left: [Element]
    private let right: [Element]
    let diagonal: [Double]
    private(set) var projections: [Element]
    private(set) var cache: [CachedField]
    /// Changes applied so far; a cached field is current when its stamp equals it.
    private(set) var flips = 1
    private let sharedFactors: Bool
    /// yᵀy at the last rebuild, for integer projections of shared factors (L = R); else nil.
    private(set) var projectionNormSquared: Double?

    /// Precondition: `left` and `right` are the factors of `l` (N x r) in this element type.
    init(_ l: LowRankCouplings, left: [Element], right: [Element], state: [Double]) {
        count = l.count
        rank = l.rank
        self.left = left
        self.right = right
        diagonal = l.diagonal
        projections = [Element](repeating: .zero, count: l.rank)
        cache = [CachedField](repeating: CachedField(stamp: 0, value: 0), count: l.count)
        sharedFactors = l.factorsShared
        rebuild(state: state, units: .spin)
    }

    mutating func rebuild(state: [Double], units: UnitConvention) {
        let n = count
        withHandle { h in
            for m in 0..<h.r { h.y[m] = .zero }
            for j in 0..<n where state[j] != 0 { Element.axpy(h.y, h.right + j * h.r, state[j], h.r) }
            h.flips &+= 1 // every cached field is now stale
        }
        if sharedFactors && Element.self == Int16.self {
            projectionNormSquared = projections.reduce(0.0) { $0 + $1.doubleValue * $1.doubleValue }
        }
    }

    struct Handle: PairwiseHandle {
        let r: Int
        let left: UnsafePointer<Element>
        let right: UnsafePointer<Element>
        let diagonal: UnsafePointer<Double>
        let y: UnsafeMutablePointer<Element>
        let cache: UnsafeMutablePointer<CachedField>
        var flips: Int

        /// Σ_j L_kj y_j − d_k s_k: the fresh field.
        @inline(__always)
        func fresh(_ k: Int, _ sk: Double) -> Double { Element.value(Element.dot(left + k * r, y, r)) - diagonal[k] * sk }

        @inline(__always)
        mutating func sum(_ k: Int, value sk: Double) -> Double {
            let entry = cache[k]
            if entry.stamp == flips { return entry.value }
            let v = fresh(k, sk)
            cache[k] = CachedField(stamp: flips, value: v)
            return v
        }

        @inline(__always)
        mutating func apply(flip k: Int, delta: Double) {
            flips &+= 1
            Element.axpy(y, right + k * r, delta, r)
        }
    }

    /// Runs `body` with the pointers of the factors, projections and cache (native arrays have a base address even
    /// when empty, as for r = 0), then keeps the handle's flip count.
    @inline(__always)
    mutating func withHandle<R>(_ body: (inout Handle) -> R) -> R {
        let r = rank
        var handle: Handle? = nil
        let result = left.withUnsafeBufferPointer { left in
            right.withUnsafeBufferPointer { right in
                diagonal.withUnsafeBufferPointer { diagonal in
                    projections.withUnsafeMutableBufferPointer { y in
                        cache.withUnsafeMutableBufferPointer { cache in
                            var h = Handle(r: r, left: left.baseAddress!, right: right.baseAddress!, diagonal: diagonal.baseAddress!,
                                           y: y.baseAddress!, cache: cache.baseAddress!, flips: flips)
                            defer { handle = h }
                            return body(&h)
                        }
                    }
                }
            }
        }
        if let handle { flips = handle.flips }
        return result
    }

    func sum(_ k: Int, value sk: Double) -> Double {
        let entry = cache[k]
        if entry.stamp == flips { return entry.value }
        return freshSum(k, value: sk)
    }

    /// Σ_j L_kj y_j − d_k s_k from the projections, ignoring the cache.
    func freshSum(_ k: Int, value sk: Double) -> Double {
        let r = rank
        let dot = left.withUnsafeBufferPointer { left in
            projections.withUnsafeBufferPointer { y in Element.value(Element.dot(left.baseAddress! + k * r, y.baseAddress!, r)) }
        }
        return dot - diagonal[k] * sk
    }

    func _checkInvariants(state: [Double]) {
        #if DEBUG
        let r = rank
        for m in 0..<r {
            assertKeptSum(projections[m].doubleValue, count: count, state: state, "projection \(m)") { right[$0 * r + m].doubleValue }
        }
        for k in 0..<count where cache[k].stamp == flips {
            let fresh = freshSum(k, value: state[k])
            assert(abs(fresh - cache[k].value) <= 1e-9 * max(1, abs(fresh)), "cached field of unit \(k) is stale")
        }
        #endif
    }
}
