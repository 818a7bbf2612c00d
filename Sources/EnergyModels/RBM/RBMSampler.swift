import Foundation

/// Parallel block Gibbs chains in an RBM at temperature T, with optional clamping of visible units.
///
/// One step: h ~ P(h | v) then v ~ P(v | h), both at T (P(h_j = 1 | v) = σ((b_j + (vᵀW)_j) / T), and
/// likewise for v); at T = 0 each unit takes its more probable value (off on a tie). Clamped visible units
/// keep their given values, which samples the free units from P(v_free | v_clamped): pattern completion.
public struct RBMSampler {
    public private(set) var model: RBM
    public let chainCount: Int
    public var temperature: Double
    /// Chain-major visible states, `chainCount x m` values 0/1.
    public private(set) var visible: [Float]
    /// P(v = 1 | h) from the last step (what the chains "imagine" before sampling), `chainCount x m`.
    public private(set) var visibleProbabilities: [Float]
    /// Hidden states sampled in the last step, `chainCount x n`.
    public private(set) var hidden: [Float]
    /// Per visible unit: nil if free, else its clamped value (shared by all chains).
    public private(set) var clamp: [Float?]
    public private(set) var steps = 0
    private var rng: Xoshiro256
    private var scratchH: [Float]

    /// `chains` chains started at independent uniform random visible states.
    public init(model: RBM, chains: Int, temperature: Double = 1, seed: UInt64) {
        self.model = model
        chainCount = max(1, chains)
        self.temperature = temperature
        rng = Xoshiro256(seed: seed, stream: 0x5341_4D50)
        let m = model.visibleCount
        visible = [Float](repeating: 0, count: chainCount * m)
        for q in 0..<visible.count { visible[q] = rng.next() >> 63 == 1 ? 1 : 0 }
        visibleProbabilities = visible
        hidden = [Float](repeating: 0, count: chainCount * model.hiddenCount)
        scratchH = hidden
        clamp = [Float?](repeating: nil, count: m)
    }

    /// Continues the chains in another model of the same size (a model being trained): states, clamps and
    /// the generator are kept.
    public mutating func setModel(_ newModel: RBM) {
        precondition(newModel.visibleCount == model.visibleCount && newModel.hiddenCount == model.hiddenCount, "same layer sizes")
        model = newModel
    }

    /// Sets every chain's visible state (`values` has m entries) and keeps the clamps.
    public mutating func setVisible(_ values: [Float]) {
        precondition(values.count == model.visibleCount)
        for c in 0..<chainCount {
            for i in 0..<model.visibleCount { visible[c * model.visibleCount + i] = values[i] }
        }
        applyClamp()
    }

    /// Sets chain `c`'s visible state.
    public mutating func setVisible(chain c: Int, _ values: [Float]) {
        precondition(values.count == model.visibleCount && c < chainCount)
        for i in 0..<model.visibleCount { visible[c * model.visibleCount + i] = values[i] }
        applyClamp()
    }

    /// Clamps units (nil entries free); clamped values are written into every chain at once.
    public mutating func setClamp(_ clamp: [Float?]) {
        precondition(clamp.count == model.visibleCount)
        self.clamp = clamp
        applyClamp()
    }

    private mutating func applyClamp() {
        let m = model.visibleCount
        for i in 0..<m {
            guard let value = clamp[i] else { continue }
            for c in 0..<chainCount {
                visible[c * m + i] = value
                visibleProbabilities[c * m + i] = value
            }
        }
    }

    /// `count` block Gibbs steps.
    public mutating func step(count: Int = 1) {
        let m = model.visibleCount, n = model.hiddenCount, rows = chainCount, t = temperature
        // Work on local arrays (moved out, so no copy-on-write) to keep the closures' accesses disjoint.
        var v = visible, h = hidden, hp = scratchH, vp = visibleProbabilities, g = rng
        visible = []; hidden = []; scratchH = []; visibleProbabilities = []
        defer { visible = v; hidden = h; scratchH = hp; visibleProbabilities = vp; rng = g }
        for _ in 0..<max(0, count) {
            model.weights.withUnsafeBufferPointer { wb in
                model.visibleBias.withUnsafeBufferPointer { ab in
                    model.hiddenBias.withUnsafeBufferPointer { bb in
                        v.withUnsafeMutableBufferPointer { vb in
                            h.withUnsafeMutableBufferPointer { hb in
                                hp.withUnsafeMutableBufferPointer { hpb in
                                    vp.withUnsafeMutableBufferPointer { vpb in
                                        guard let w = wb.baseAddress, let a = ab.baseAddress, let b = bb.baseAddress,
                                              let vs = vb.baseAddress, let hs = hb.baseAddress, let hq = hpb.baseAddress,
                                              let vq = vpb.baseAddress else { return }
                                        RBMKernels.hiddenInputs(v: vs, rows: rows, m: m, n: n, weights: w, bias: b, out: hq)
                                        RBMKernels.probabilitiesInPlace(hq, count: rows * n, temperature: t)
                                        RBMKernels.sample(hq, count: rows * n, into: hs, rng: &g)
                                        RBMKernels.visibleInputs(h: hs, rows: rows, m: m, n: n, weights: w, bias: a, out: vq)
                                        RBMKernels.probabilitiesInPlace(vq, count: rows * m, temperature: t)
                                        RBMKernels.sample(vq, count: rows * m, into: vs, rng: &g)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for i in 0..<m {
                guard let value = clamp[i] else { continue }
                for c in 0..<rows {
                    v[c * m + i] = value
                    vp[c * m + i] = value
                }
            }
            steps += 1
        }
    }

    /// Chain `c`'s visible state.
    public func visible(chain c: Int) -> [Float] {
        Array(visible[(c * model.visibleCount)..<((c + 1) * model.visibleCount)])
    }

    /// Chain `c`'s visible probabilities from the last step.
    public func visibleProbabilities(chain c: Int) -> [Float] {
        Array(visibleProbabilities[(c * model.visibleCount)..<((c + 1) * model.visibleCount)])
    }
}

extension RBM {
    /// Pattern completion: clamps the units where `known` is non-nil to those values, starts the free
    /// units at random, runs `burnIn` Gibbs steps and then averages P(v_i = 1 | h) over `steps` more steps
    /// in each of `chains` chains. Returns that average for every unit (clamped units give their value):
    /// an estimate of P(v_i = 1 | v_clamped).
    public func complete(known: [Float?], chains: Int = 10, burnIn: Int = 50, steps: Int = 100,
                         temperature: Double = 1, seed: UInt64) -> [Double] {
        precondition(known.count == visibleCount)
        var sampler = RBMSampler(model: self, chains: chains, temperature: temperature, seed: seed)
        sampler.setClamp(known)
        sampler.step(count: burnIn)
        var mean = [Double](repeating: 0, count: visibleCount)
        for _ in 0..<max(steps, 1) {
            sampler.step()
            for c in 0..<sampler.chainCount {
                for i in 0..<visibleCount { mean[i] += Double(sampler.visibleProbabilities[c * visibleCount + i]) }
            }
        }
        let norm = Double(max(steps, 1) * sampler.chainCount)
        return mean.map { $0 / norm }
    }
}
