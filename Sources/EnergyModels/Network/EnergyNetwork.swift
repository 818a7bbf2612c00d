import Foundation

/// A fully connected network of N units with symmetric couplings, zero self-coupling and biases:
/// a Hopfield network at temperature 0 and a Boltzmann machine at T > 0.
///
/// Energy: E(s) = -1/2 Σ_{i≠j} w_ij s_i s_j - Σ_i b_i s_i, with s_i in {-1, +1} (`spin`) or {0, 1} (`binary`).
/// Local field: h_i = Σ_{j≠i} w_ij s_j + b_i. Changing unit k by δ = s_k' - s_k changes the energy by
/// ΔE = -δ h_k, which is what the incremental bookkeeping relies on; the energy gap of `EnergyModel` is
/// g_k = (up − down) h_k.
///
/// The state, the sums kept by the storage (PairwiseStorage.swift: one type per representation of the couplings)
/// and the energy are kept consistent after every change; `checkInvariants()` recomputes them from scratch.
///
/// Internally fields are kept in the couplings' unscaled units: h_i = scale · (Σ_j v_ij s_j + c_i) with
/// w = scale · v and b = scale · c. For Hebbian weights v and c are integers, so the sign of a field, and
/// a tie h_i = 0, are computed exactly.
public struct EnergyNetwork: EnergyModel {
    public let count: Int
    public let units: UnitConvention
    public private(set) var couplings: Couplings
    /// c_i = b_i / scale.
    internal private(set) var rawBiases: [Double]
    /// b_i.
    public var biases: [Double] {
        let sc = couplings.scale
        return sc == 1 ? rawBiases : rawBiases.map { $0 * sc }
    }
    /// Unit values, each `units.up` or `units.down`.
    public internal(set) var state: [Double]
    /// E(state), tracked incrementally.
    public internal(set) var energy: Double
    /// `couplings.scale`.
    internal private(set) var scale: Double
    /// The couplings' representation with its sums for `state`.
    internal private(set) var storage: any PairwiseStorage

    /// Precondition: `biases.count == couplings.count`; `state`, if given, holds only the convention's values.
    public init(couplings: Couplings, biases: [Double]? = nil, units: UnitConvention, state: [Double]? = nil) {
        let sc = couplings.scale
        self.init(couplings: couplings, unscaledBiases: biases.map { b in sc == 1 ? b : b.map { $0 / sc } }, units: units, state: state)
    }

    /// As `init(couplings:biases:units:state:)` with biases given in the couplings' unscaled units (b = scale · c).
    public init(couplings: Couplings, unscaledBiases: [Double]?, units: UnitConvention, state: [Double]? = nil) {
        let n = couplings.count
        let b = unscaledBiases ?? [Double](repeating: 0, count: n)
        precondition(b.count == n, "one bias per unit")
        let s = state ?? [Double](repeating: units.down, count: n)
        precondition(s.count == n, "one value per unit")
        self.count = n
        self.units = units
        self.couplings = couplings
        self.rawBiases = b
        self.state = s
        self.energy = 0
        self.scale = couplings.scale
        self.storage = makePairwiseStorage(couplings, state: s, units: units)
        energy = computeEnergy()
    }

    public var representation: CouplingRepresentation { couplings.representation }

    // MARK: - State

    /// Replaces the whole state (values must be the convention's up/down values) and recomputes caches.
    public mutating func setState(_ newState: [Double]) {
        precondition(newState.count == count, "one value per unit")
        state = newState.map { $0 > (units.up + units.down) / 2 ? units.up : units.down }
        storage.rebuild(state: state, units: units)
        energy = computeEnergy()
    }

    /// Sets unit k to `value`, updating the storage's sums and the energy incrementally.
    /// Cost: O(N) dense, O(r) low rank.
    @inline(__always)
    public mutating func set(_ k: Int, to value: Double) {
        let delta = value - state[k]
        if delta == 0 { return }
        energy -= delta * (scale * trackedUnscaledField(k))
        state[k] = value
        storage.apply(flip: k, delta: delta)
    }

    /// h_k = Σ_{j≠k} w_kj s_j + b_k. O(1) dense, O(r) low rank.
    @inline(__always)
    public func field(_ k: Int) -> Double {
        scale * unscaledField(k)
    }

    /// h_k / scale, exact for integer couplings and biases.
    @inline(__always)
    public func unscaledField(_ k: Int) -> Double {
        storage.sum(k, value: state[k]) + rawBiases[k]
    }

    /// `unscaledField(k)`, refreshing unit k's cached field where the storage keeps one (low rank).
    @inline(__always)
    internal mutating func trackedUnscaledField(_ k: Int) -> Double {
        storage.trackedSum(k, value: state[k]) + rawBiases[k]
    }

    /// The whole-sweep fast path: `PairwiseSweep.run` inside the storage, specialised for its representation.
    public mutating func sweep(_ order: UnsafeBufferPointer<Int>, temperature t: Double, rng: inout Xoshiro256) -> Int {
        var context = PairwiseSweep.Context(state: [], biases: rawBiases, energy: energy, scale: scale, units: units,
                                            temperature: t, beta: t > 0 ? 1 / t : 0, rng: rng)
        // The state moves into the context for the loop (O(1) swaps), so that it is written without copies.
        swap(&context.state, &state)
        let changed = storage.sweep(order, &context)
        swap(&context.state, &state)
        energy = context.energy
        rng = context.rng
        return changed
    }

    // MARK: - Changing the model

    /// Replaces couplings and biases, keeping the state.
    public mutating func setCouplings(_ newCouplings: Couplings, biases newBiases: [Double]? = nil) {
        let b = newBiases ?? biases
        let sc = newCouplings.scale
        setCouplings(newCouplings, unscaledBiases: sc == 1 ? b : b.map { $0 / sc })
    }

    /// Replaces couplings and biases given in the couplings' unscaled units, keeping the state.
    public mutating func setCouplings(_ newCouplings: Couplings, unscaledBiases: [Double]) {
        precondition(newCouplings.count == count && unscaledBiases.count == count, "same number of units")
        couplings = newCouplings
        rawBiases = unscaledBiases
        recomputeCaches()
    }

    // MARK: - Consistency

    /// Rebuilds the storage's sums and the energy from the state: O(N²) dense, O(N r) low rank.
    public mutating func recomputeCaches() {
        scale = couplings.scale
        storage = makePairwiseStorage(couplings, state: state, units: units)
        energy = computeEnergy()
    }

    /// E(s) from the storage: -1/2 Σ_i s_i (h_i - b_i) - Σ_i b_i s_i = -1/2 Σ_i s_i (h_i + b_i).
    private func computeEnergy() -> Double {
        if let yy = storage.projectionNormSquared, case .lowRank(let l) = couplings {
            // L = R: Σ_i s_i (L y)_i = yᵀ(Lᵀs) = yᵀy, so E needs O(N + r) instead of every field. All terms
            // are integers for integer biases, exact in any order.
            var diag = 0.0, bias = 0.0
            for i in 0..<count where state[i] != 0 {
                diag += l.diagonal[i] * state[i] * state[i]
                bias += rawBiases[i] * state[i]
            }
            return -0.5 * (yy - diag + 2 * bias) * scale
        }
        var e = 0.0
        for i in 0..<count where state[i] != 0 {
            e -= 0.5 * state[i] * (unscaledField(i) + rawBiases[i])
        }
        return e * scale
    }

    /// E(s) computed from the weights directly, O(N²): independent of every cache.
    public func recomputedEnergy() -> Double {
        Self.energy(of: state, couplings: couplings, biases: biases)
    }

    /// E(s) = -1/2 Σ_{i≠j} w_ij s_i s_j - Σ_i b_i s_i for any state, from the weights directly.
    public static func energy(of s: [Double], couplings: Couplings, biases: [Double]) -> Double {
        let n = couplings.count
        var e = 0.0
        for i in 0..<n where s[i] != 0 {
            var sum = 0.0
            for j in 0..<n where j != i && s[j] != 0 { sum += couplings.weight(i, j) * s[j] }
            e -= 0.5 * s[i] * sum + biases[i] * s[i]
        }
        return e
    }

    /// Largest disagreement between the tracked energy/fields and a full recomputation.
    public func invariantError() -> Double {
        var copy = self
        copy.recomputeCaches()
        var err = abs(copy.energy - energy)
        for i in 0..<count { err = max(err, abs(copy.field(i) - field(i))) }
        return err
    }

    /// In debug builds, traps if the incremental bookkeeping has drifted from a recomputation.
    public func checkInvariants(tolerance: Double = 1e-6) {
        #if DEBUG
        storage._checkInvariants(state: state)
        let scale = max(1, abs(energy))
        assert(invariantError() <= tolerance * scale, "incremental energy/fields drifted from recomputation")
        #endif
    }
}
