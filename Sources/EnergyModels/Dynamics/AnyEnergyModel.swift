/// A model of any kind behind one type, for what holds a model chosen at run time (the live view, the commands):
/// `Simulation<AnyEnergyModel>`. Every requirement is forwarded to `base`, one dynamic call each; a whole sweep
/// is one call, so the kernels run at the speed of the concrete model. The state, N and the convention are also
/// held here, so that reading them (a view drawing every unit) costs no dynamic call.
public struct AnyEnergyModel: EnergyModel {
    public private(set) var base: any EnergyModel
    public let count: Int
    public let units: UnitConvention
    /// `base.state`. Emptied while `base` changes, so that base's array stays uniquely referenced (no copy).
    public private(set) var state: [Double]
    /// How a pairwise network stores its couplings (for the status line); nil for other models.
    public let representation: CouplingRepresentation?

    public init(_ base: some EnergyModel) {
        self.base = base
        count = base.count
        units = base.units
        state = base.state
        representation = (base as? EnergyNetwork)?.representation
    }

    /// The pairwise network, when that is the model.
    public var pairwise: EnergyNetwork? { base as? EnergyNetwork }

    public var energy: Double { base.energy }
    public var supportsSingleUnitUpdates: Bool { base.supportsSingleUnitUpdates }

    public func energyGap(_ k: Int) -> Double { base.energyGap(k) }
    public func isUnstable(_ k: Int) -> Bool { base.isUnstable(k) }
    public func overlaps(with patterns: [StoredPattern]) -> [Double] { base.overlaps(with: patterns) }

    /// Runs a change of `base`, then takes its state.
    @inline(__always)
    private mutating func change<R>(_ body: (inout any EnergyModel) -> R) -> R {
        state = []
        defer { state = base.state }
        return body(&base)
    }

    public mutating func set(_ k: Int, to value: Double) { change { $0.set(k, to: value) } }
    public mutating func setState(_ newState: [Double]) { change { $0.setState(newState) } }

    public mutating func update(_ k: Int, temperature t: Double, rng: inout Xoshiro256) -> UnitUpdate {
        change { $0.update(k, temperature: t, rng: &rng) }
    }

    public mutating func sweep(_ order: UnsafeBufferPointer<Int>, temperature t: Double, rng: inout Xoshiro256) -> Int {
        change { $0.sweep(order, temperature: t, rng: &rng) }
    }

    public mutating func synchronousStep(temperature t: Double, rng: inout Xoshiro256) -> Int {
        change { $0.synchronousStep(temperature: t, rng: &rng) }
    }
}
