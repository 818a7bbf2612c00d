/// A model of any kind behind one type, for what holds a model chosen at run time (the live view, the commands):
/// `Simulation<AnyEnergyModel>`. Every requirement is forwarded to `base`, one dynamic call each; a whole sweep
/// is one call, so the kernels run at the speed of the concrete model.
public struct AnyEnergyModel: EnergyModel {
    public private(set) var base: any EnergyModel

    public init(_ base: some EnergyModel) {
        self.base = base
    }

    /// The pairwise network, when that is the model.
    public var pairwise: EnergyNetwork? { base as? EnergyNetwork }

    public var count: Int { base.count }
    public var units: UnitConvention { base.units }
    public var state: [Double] { base.state }
    public var energy: Double { base.energy }
    public var supportsSingleUnitUpdates: Bool { base.supportsSingleUnitUpdates }

    public func energyGap(_ k: Int) -> Double { base.energyGap(k) }
    public func isUnstable(_ k: Int) -> Bool { base.isUnstable(k) }
    public func overlaps(with patterns: [StoredPattern]) -> [Double] { base.overlaps(with: patterns) }

    public mutating func set(_ k: Int, to value: Double) { base.set(k, to: value) }
    public mutating func setState(_ newState: [Double]) { base.setState(newState) }

    public mutating func update(_ k: Int, temperature t: Double, rng: inout Xoshiro256) -> UnitUpdate {
        base.update(k, temperature: t, rng: &rng)
    }

    public mutating func sweep(_ order: UnsafeBufferPointer<Int>, temperature t: Double, rng: inout Xoshiro256) -> Int {
        base.sweep(order, temperature: t, rng: &rng)
    }

    public mutating func synchronousStep(temperature t: Double, rng: inout Xoshiro256) -> Int {
        base.synchronousStep(temperature: t, rng: &rng)
    }
}
