/// A model together with its dynamics: temperature, schedule, generator and counters.
///
/// `step()` performs one single-unit update in the schedule's order; `sweep()` finishes the current sweep
/// (N single-unit updates, or one synchronous step). With the synchronous schedule, or a model without
/// single-unit updates (`EnergyModel.supportsSingleUnitUpdates`), `step()` is a whole synchronous step,
/// since no single unit moves alone.
public struct Simulation<Model: EnergyModel>: Sendable {
    public var network: Model
    /// T ≥ 0. Zero is the deterministic Hopfield rule.
    public var temperature: Double {
        didSet { if !(temperature >= 0) || temperature.isNaN { temperature = 0 } }
    }
    public var schedule: UpdateSchedule {
        didSet { if schedule != oldValue { cursor = 0 } }
    }
    public var rng: Xoshiro256
    /// Completed sweeps.
    public private(set) var sweeps: Int = 0
    /// Single-unit updates performed (a synchronous step counts N).
    public private(set) var updates: Int = 0
    /// The last single-unit update (nil after a synchronous step).
    public private(set) var lastUpdate: UnitUpdate?
    /// Units changed in the last complete sweep.
    public private(set) var flipsInLastSweep: Int = 0
    /// Units changed so far in the sweep under way.
    public private(set) var flipsInCurrentSweep: Int = 0
    /// Position in the current sweep's order (0 when a sweep starts).
    public private(set) var cursor: Int = 0

    private var order: [Int]

    public init(network: Model, temperature: Double = 0, schedule: UpdateSchedule = .random, seed: UInt64 = 1) {
        self.network = network
        self.temperature = max(0, temperature.isNaN ? 0 : temperature)
        self.schedule = schedule
        self.rng = Xoshiro256(seed: seed)
        self.order = Array(0..<network.count)
    }

    /// The unit the next asynchronous step will update.
    public var nextUnit: Int? {
        guard !isSynchronous, network.count > 0 else { return nil }
        if cursor == 0 && schedule == .random { return nil } // drawn when the sweep starts
        return order[cursor]
    }

    /// Whether steps are synchronous: the schedule says so, or the model has no single-unit update.
    public var isSynchronous: Bool { schedule == .synchronous || !network.supportsSingleUnitUpdates }

    /// One single-unit update (or one synchronous step).
    @discardableResult
    public mutating func step() -> UnitUpdate? {
        guard network.count > 0 else { return nil }
        if isSynchronous {
            let changed = network.synchronousStep(temperature: temperature, rng: &rng)
            updates += network.count
            sweeps += 1
            flipsInLastSweep = changed
            flipsInCurrentSweep = 0
            lastUpdate = nil
            return nil
        }
        if cursor == 0 {
            if order.count != network.count { order = Array(0..<network.count) }
            if schedule == .random { rng.shuffle(&order) } else { for i in 0..<order.count { order[i] = i } }
            flipsInCurrentSweep = 0
        }
        let u = network.update(order[cursor], temperature: temperature, rng: &rng)
        if u.flipped { flipsInCurrentSweep += 1 }
        lastUpdate = u
        updates += 1
        cursor += 1
        if cursor == network.count {
            cursor = 0
            sweeps += 1
            flipsInLastSweep = flipsInCurrentSweep
        }
        return u
    }

    /// Finishes the current sweep; returns the number of units changed in it.
    @discardableResult
    public mutating func sweep() -> Int {
        guard network.count > 0 else { return 0 }
        if isSynchronous {
            step()
            return flipsInLastSweep
        }
        if cursor == 0 {
            wholeSweep()
            return flipsInLastSweep
        }
        repeat { step() } while cursor != 0
        return flipsInLastSweep
    }

    /// A sweep from its start in one loop: exactly the updates, random draws and counters of N calls of
    /// `step()`, without the per-step bookkeeping (only the last update is kept for `lastUpdate`).
    private mutating func wholeSweep() {
        let n = network.count
        if order.count != n { order = Array(0..<n) }
        if schedule == .random { rng.shuffle(&order) } else { for i in 0..<n { order[i] = i } }
        let units = order
        let t = temperature
        // All but the last unit through the model's fast path; the last as a step, for `lastUpdate`.
        var flips = units.withUnsafeBufferPointer {
            network.sweep(UnsafeBufferPointer(rebasing: $0[0..<(n - 1)]), temperature: t, rng: &rng)
        }
        let last = network.update(units[n - 1], temperature: t, rng: &rng)
        if last.flipped { flips += 1 }
        lastUpdate = last
        updates += n
        sweeps += 1
        cursor = 0
        flipsInCurrentSweep = flips
        flipsInLastSweep = flips
    }

    /// Restarts the sweep counter and order (after a new state is loaded).
    public mutating func resetCounters() {
        sweeps = 0
        updates = 0
        cursor = 0
        flipsInLastSweep = 0
        flipsInCurrentSweep = 0
        lastUpdate = nil
    }
}
