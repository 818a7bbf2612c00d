extension AnyEnergyModel {
    /// The dense associative memory, when that is the model.
    public var dense: DenseAssociativeMemory? { base as? DenseAssociativeMemory }
    /// The softmax network, when that is the model.
    public var modern: ModernHopfieldNetwork? { base as? ModernHopfieldNetwork }

    public var isDeterministic: Bool { base.isDeterministic }

    /// Largest disagreement between the model's kept sums and energy and a recomputation.
    public func invariantError() -> Double {
        if let n = pairwise { return n.invariantError() }
        if let m = dense { return m.invariantError() }
        if let m = modern { return m.invariantError() }
        return 0
    }
}
