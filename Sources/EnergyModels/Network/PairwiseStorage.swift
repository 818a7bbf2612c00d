// The pairwise network's storage: one small type per representation of the couplings, each keeping the running
// sums that make a local field cheap, behind one protocol. Which type a network uses follows from its couplings
// (`makePairwiseStorage`), so no combination of flags can be illegal.
//
//   representation   couplings                               kept for state s                    field   flip
//   DenseInteger     Int16 v (N x N), N·max|v| < 2^31       Σ_j v_kj s_j as Int32 (exact)        O(1)    O(N)
//   DenseReal        Double v (N x N)                        Σ_j v_kj s_j as Double               O(1)    O(N)
//   SignMasks        ±1 shared factor L = R as bits          y = Lᵀs (Int16), cache and replay    ≤ O(r)  O(r/8)
//   LowRankInteger   Int16 L, R (y fits Int16)               y = Rᵀs (Int16), field cache         ≤ O(r)  O(r)
//   LowRankReal      Double L, R                             y = Rᵀs (Double), field cache        ≤ O(r)  O(r)
//
// Pointers are reached only through each type's `Handle`, valid inside its `withHandle`; the kernels are in
// Kernels.swift and SignKernels.swift.

/// A representation of the couplings v (w = scale · v) with the sums it keeps for the network's state.
protocol PairwiseStorage: Sendable {
    /// Σ_{j≠k} v_kj s_j (unscaled, without bias) from the kept sums, `sk` being s_k: exact for the integer
    /// representations. Reads a cached value only while it is current.
    func sum(_ k: Int, value sk: Double) -> Double
    /// `sum(_:value:)`, refreshing a cache where the representation keeps one.
    mutating func trackedSum(_ k: Int, value sk: Double) -> Double
    /// Unit k has just changed by δ = s_k' − s_k (±2 for spins, ±1 for binary units).
    mutating func apply(flip k: Int, delta: Double)
    /// Recomputes the kept sums for a new state (the couplings unchanged); every cached field becomes stale.
    mutating func rebuild(state: [Double], units: UnitConvention)
    /// `PairwiseSweep.run` over this representation's handle (see there).
    mutating func sweep(_ order: UnsafeBufferPointer<Int>, _ context: inout PairwiseSweep.Context) -> Int
    /// yᵀy at the last rebuild when E can be computed in O(N + r) from it (L = R, integer projections y), else nil.
    var projectionNormSquared: Double? { get }
    /// Debug builds: traps unless the kept sums equal a recomputation from `state`.
    func _checkInvariants(state: [Double])
}

extension PairwiseStorage {
    var projectionNormSquared: Double? { nil }
}

/// A storage whose pointer work is confined to one handle (the swift-collections `_UnsafeHandle` discipline):
/// the tracked sum, a flip and a sweep all go through it.
protocol HandleStorage: PairwiseStorage {
    associatedtype Handle: PairwiseHandle
    /// Runs `body` with the representation's pointers, valid only inside it; keeps what the handle changed.
    mutating func withHandle<R>(_ body: (inout Handle) -> R) -> R
}

/// The generic implementation of a storage (over its element type). Concrete storages wrap one (`CoreStorage`) so
/// that the existential's witnesses are specialised for the element type, not generic code dispatching per unit.
protocol StorageCore: Sendable {
    associatedtype Handle: PairwiseHandle
    func sum(_ k: Int, value sk: Double) -> Double
    mutating func rebuild(state: [Double], units: UnitConvention)
    mutating func withHandle<R>(_ body: (inout Handle) -> R) -> R
    var projectionNormSquared: Double? { get }
    func _checkInvariants(state: [Double])
}

/// A storage that is its `core` for one element type.
protocol CoreStorage: HandleStorage where Handle == Core.Handle {
    associatedtype Core: StorageCore
    var core: Core { get set }
}

extension CoreStorage {
    func sum(_ k: Int, value sk: Double) -> Double { core.sum(k, value: sk) }
    mutating func rebuild(state: [Double], units: UnitConvention) { core.rebuild(state: state, units: units) }
    @inline(__always)
    mutating func withHandle<R>(_ body: (inout Handle) -> R) -> R { core.withHandle(body) }
    var projectionNormSquared: Double? { core.projectionNormSquared }
    func _checkInvariants(state: [Double]) { core._checkInvariants(state: state) }
}

/// Dense Int16 couplings with exact Int32 sums; dense Double couplings; low-rank Int16 and Double factors.
struct DenseIntegerStorage: CoreStorage { var core: DenseStorage<Int16> }
struct DenseRealStorage: CoreStorage { var core: DenseStorage<Double> }
struct LowRankIntegerStorage: CoreStorage { var core: LowRankStorage<Int16> }
struct LowRankRealStorage: CoreStorage { var core: LowRankStorage<Double> }

extension HandleStorage {
    mutating func trackedSum(_ k: Int, value sk: Double) -> Double {
        withHandle { $0.sum(k, value: sk) }
    }

    mutating func apply(flip k: Int, delta: Double) {
        withHandle { $0.apply(flip: k, delta: delta) }
    }

    mutating func sweep(_ order: UnsafeBufferPointer<Int>, _ context: inout PairwiseSweep.Context) -> Int {
        withHandle { PairwiseSweep.run(&$0, order, &context) }
    }
}

/// The pointer-level view of a representation that the sweep loop works through.
protocol PairwiseHandle {
    /// Σ_{j≠k} v_kj s_j, refreshing a cache where there is one; `sk` is s_k.
    mutating func sum(_ k: Int, value sk: Double) -> Double
    /// Unit k has just changed by δ.
    mutating func apply(flip k: Int, delta: Double)
}

/// The single-unit updates of a whole sweep, written once for every representation and specialised per handle.
enum PairwiseSweep {
    /// What the loop reads and updates besides the couplings.
    struct Context {
        var state: [Double]
        let biases: [Double]
        var energy: Double
        let scale: Double
        let units: UnitConvention
        let temperature: Double
        /// 1/T (0 at T = 0).
        let beta: Double
        var rng: Xoshiro256
    }

    /// For each unit of `order` in turn: h = sum + bias; at T = 0 `ZeroTemperatureRule` on h (exact where the
    /// sums are), else one heat-bath draw with gap (up − down) · scale · h; on a change, E −= δ · scale · h and the
    /// handle applies the flip. Exactly the decisions, draws and energies of `EnergyNetwork.update` unit by unit.
    /// Returns the number of units changed.
    @inline(__always)
    static func run<H: PairwiseHandle>(_ handle: inout H, _ order: UnsafeBufferPointer<Int>, _ c: inout Context) -> Int {
        let t = c.temperature, beta = c.beta, scale = c.scale, convention = c.units, step = c.units.step
        var e = c.energy, changed = 0
        var rng = c.rng
        // A local copy of the handle, so that its scalars (flip count, Σ y, lane bound) can live in registers.
        var local = handle
        defer { handle = local }
        c.state.withUnsafeMutableBufferPointer { state in
            c.biases.withUnsafeBufferPointer { biases in
                guard let s = state.baseAddress, let b = biases.baseAddress else { return }
                for k in order {
                    let h = local.sum(k, value: s[k]) + b[k]
                    let old = s[k]
                    let new = t <= 0 ? ZeroTemperatureRule.next(old, gap: h, units: convention)
                        : convention.value(HeatBath.drawsUp(rng.nextUnit(), gap: step * (scale * h), temperature: t, inverseTemperature: beta))
                    if new == old { continue }
                    let delta = new - old
                    e -= delta * (scale * h)
                    s[k] = new
                    local.apply(flip: k, delta: delta)
                    changed &+= 1
                }
            }
        }
        c.energy = e
        c.rng = rng
        return changed
    }
}

/// The representation for `couplings` on `state` (see the table above), its sums computed from the state.
func makePairwiseStorage(_ couplings: Couplings, state: [Double], units: UnitConvention) -> any PairwiseStorage {
    let n = couplings.count
    switch couplings {
    case .dense(let d):
        if let small = d.compactValues, Double(n) * Double(d.compactBound) < 2_147_483_648 {
            return DenseIntegerStorage(core: DenseStorage(count: n, rows: small, state: state))
        }
        return DenseRealStorage(core: DenseStorage(count: n, rows: d.values, state: state))
    case .lowRank(let l):
        // |y_k| ≤ bound · N must fit Int16, and a field's sum r · bound · |y|max must fit Int32.
        let b = Double(l.compactBound), size = Double(n)
        if let left = l.compactLeft, let right = l.compactRight, b * size <= 32767,
           Double(l.rank) * b * b * size < 2_147_483_648 {
            if let bits = l.signBits {
                return SignMaskStorage(l, bits: bits, state: state, units: units)
            }
            return LowRankIntegerStorage(core: LowRankStorage(l, left: left, right: right, state: state))
        }
        return LowRankRealStorage(core: LowRankStorage(l, left: l.left, right: l.right, state: state))
    }
}
