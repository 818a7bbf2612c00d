import Foundation

/// How the negative (model) statistics of the gradient are estimated.
public enum RBMGradientMethod: Sendable, Equatable, CustomStringConvertible {
    /// Contrastive divergence CD-k: k steps of block Gibbs sampling started at the data.
    case contrastiveDivergence(steps: Int)
    /// Persistent contrastive divergence PCD-k (Tieleman 2008): k steps of block Gibbs sampling that
    /// continue the fantasy chains of the previous update.
    case persistent(steps: Int)

    public var steps: Int {
        switch self {
        case .contrastiveDivergence(let k), .persistent(let k): return k
        }
    }

    public var isPersistent: Bool { if case .persistent = self { return true } else { return false } }

    /// `CD-1`, `PCD-5`, ...
    public var description: String { (isPersistent ? "PCD-" : "CD-") + String(steps) }

    /// The same family with `k` steps.
    public func with(steps k: Int) -> RBMGradientMethod {
        isPersistent ? .persistent(steps: k) : .contrastiveDivergence(steps: k)
    }
}

/// The hyper-parameters of mini-batch training.
public struct RBMTrainingConfiguration: Sendable, Equatable {
    public var method: RBMGradientMethod
    /// ε: the step is ε times the gradient averaged over the mini-batch.
    public var learningRate: Double
    public var batchSize: Int
    /// Momentum μ for epochs before `momentumSwitchEpoch`, then `finalMomentum` (Hinton's guide: 0.5 then 0.9;
    /// the default 0.7 measured better here, see DECISIONS.md).
    public var initialMomentum: Double
    public var finalMomentum: Double
    public var momentumSwitchEpoch: Int
    /// L2 weight decay λ (on weights only, not biases): the gradient gets -λW.
    public var weightDecay: Double
    /// Number of persistent fantasy chains for PCD; nil means one per batch row.
    public var chainCount: Int?

    public init(method: RBMGradientMethod = .contrastiveDivergence(steps: 1), learningRate: Double = 0.05, batchSize: Int = 10,
                initialMomentum: Double = 0.5, finalMomentum: Double = 0.7, momentumSwitchEpoch: Int = 5,
                weightDecay: Double = 1e-4, chainCount: Int? = nil) {
        self.method = method
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.initialMomentum = initialMomentum
        self.finalMomentum = finalMomentum
        self.momentumSwitchEpoch = momentumSwitchEpoch
        self.weightDecay = weightDecay
        self.chainCount = chainCount
    }

    /// Constant momentum μ.
    public mutating func setMomentum(_ mu: Double) {
        initialMomentum = mu
        finalMomentum = mu
    }

    public func momentum(epoch: Int) -> Double { epoch < momentumSwitchEpoch ? initialMomentum : finalMomentum }

    public var effectiveChainCount: Int { chainCount ?? batchSize }
}

/// Mini-batch training of an RBM with CD-k or PCD-k, momentum and weight decay.
///
/// One update on a mini-batch V⁺ of B rows:
/// - positive statistics from the data and the hidden *probabilities* H⁺ = P(h = 1 | V⁺);
/// - chains driven by *sampled* states: CD-k starts at h ~ P(h | V⁺), PCD-k at the stored fantasy
///   particles; each step samples v ~ P(v | h) then h ~ P(h | v);
/// - negative statistics from the final sampled visible states V⁻ and their hidden probabilities
///   H⁻ = P(h = 1 | V⁻) (Hinton's guide, sections 3.1-3.3);
/// - Δ ← μ Δ + ε (V⁺ᵀH⁺ / B - V⁻ᵀH⁻ / C - λ W), W ← W + Δ, and likewise for the biases (without decay),
///   C being the number of chains (B for CD).
///
/// Everything runs on preallocated buffers: an update allocates nothing. Results depend only on the seed.
public final class RBMTrainer {
    public let visibleCount: Int
    public let hiddenCount: Int
    public var configuration: RBMTrainingConfiguration
    /// Completed epochs (selects the momentum).
    public private(set) var epoch = 0
    /// Completed mini-batch updates.
    public private(set) var updates = 0

    let w: FloatBuffer, a: FloatBuffer, b: FloatBuffer
    let dw: FloatBuffer, da: FloatBuffer, db: FloatBuffer
    /// Persistent fantasy particles, `chainCapacity x m`; valid once `chainsReady`.
    private var chains: FloatBuffer
    private var chainsReady = false
    private var lastNegativeRows = 0
    private var lastNegativeWasPersistent = false
    // Scratch: rows x m and rows x n, for rows up to `rowCapacity`.
    private var vPos: FloatBuffer, hPos: FloatBuffer, vNeg: FloatBuffer, hNeg: FloatBuffer, hSample: FloatBuffer, hDiff: FloatBuffer
    private var gradRow: FloatBuffer
    private var rowCapacity = 0
    private var rng: Xoshiro256

    /// Continues training `model`.
    public init(model: RBM, configuration: RBMTrainingConfiguration, seed: UInt64) {
        visibleCount = model.visibleCount
        hiddenCount = model.hiddenCount
        self.configuration = configuration
        w = FloatBuffer(model.weights)
        a = FloatBuffer(model.visibleBias)
        b = FloatBuffer(model.hiddenBias)
        dw = FloatBuffer(count: model.weights.count)
        da = FloatBuffer(count: visibleCount)
        db = FloatBuffer(count: hiddenCount)
        rng = Xoshiro256(seed: seed, stream: 0x5242_4D)
        chains = FloatBuffer(count: 0)
        vPos = FloatBuffer(count: 0); hPos = vPos; vNeg = vPos; hNeg = vPos; hSample = vPos; hDiff = vPos
        gradRow = FloatBuffer(count: hiddenCount)
        reserveRows(max(configuration.batchSize, configuration.effectiveChainCount))
    }

    /// A new RBM initialised from `data` as in Hinton's guide (see `RBM.initialised`), seeded by `seed`.
    public convenience init(hiddenCount: Int, data: RBMData, configuration: RBMTrainingConfiguration, seed: UInt64) {
        var initRng = Xoshiro256(seed: seed, stream: 0x494E_4954)
        let model = RBM.initialised(visibleCount: data.dimension, hiddenCount: hiddenCount, data: data, rng: &initRng)
        self.init(model: model, configuration: configuration, seed: seed)
    }

    /// A copy of the current parameters.
    public var model: RBM {
        RBM(visibleCount: visibleCount, hiddenCount: hiddenCount, weights: w.array, visibleBias: a.array, hiddenBias: b.array)
    }

    /// The persistent fantasy particles (chain-major rows of m values), empty before the first PCD update.
    public var fantasyParticles: [[Float]] {
        guard chainsReady else { return [] }
        let m = visibleCount
        return (0..<configuration.effectiveChainCount).map { c in Array(UnsafeBufferPointer(start: chains.base + c * m, count: m)) }
    }

    /// The visible states of the last negative phase, one row per chain: the persistent fantasy particles
    /// for PCD, the k-step reconstructions of the last mini-batch for CD. Empty before the first update.
    public var negativeParticles: [[Float]] {
        let m = visibleCount
        guard lastNegativeRows > 0 else { return [] }
        let src = lastNegativeWasPersistent ? chains.base : vNeg.base
        return (0..<lastNegativeRows).map { c in Array(UnsafeBufferPointer(start: src + c * m, count: m)) }
    }

    /// Counts an epoch as done (for callers that feed mini-batches themselves through `update`); the
    /// momentum schedule follows `epoch`.
    public func completeEpoch() { epoch += 1 }

    /// Forgets the fantasy particles; the next PCD update starts new chains.
    public func resetChains() {
        chainsReady = false
        if lastNegativeWasPersistent { lastNegativeRows = 0 }
    }

    /// Sets the fantasy particles (one row of m values 0/1 per chain; as many rows as chains).
    public func setFantasyParticles(_ rows: [[Float]]) {
        let m = visibleCount
        precondition(rows.count == configuration.effectiveChainCount && rows.allSatisfy { $0.count == m }, "one row of m values per chain")
        if chains.count < rows.count * m { chains = FloatBuffer(count: rows.count * m) }
        for (c, row) in rows.enumerated() {
            for i in 0..<m { chains.base[c * m + i] = row[i] }
        }
        chainsReady = true
    }

    private func reserveRows(_ rows: Int) {
        guard rows > rowCapacity else { return }
        rowCapacity = rows
        vPos = FloatBuffer(count: rows * visibleCount)
        vNeg = FloatBuffer(count: rows * visibleCount)
        hPos = FloatBuffer(count: rows * hiddenCount)
        hNeg = FloatBuffer(count: rows * hiddenCount)
        hSample = FloatBuffer(count: rows * hiddenCount)
        hDiff = FloatBuffer(count: rows * hiddenCount)
    }

    /// Starts C chains at independent draws from the base-rate model P(v_i = 1) = σ(a_i) (the data's
    /// marginals right after initialisation), so they begin near the data without copying it.
    private func startChains() {
        let c = configuration.effectiveChainCount
        let m = visibleCount
        if chains.count < c * m { chains = FloatBuffer(count: c * m) }
        for r in 0..<c {
            for i in 0..<m { chains.base[r * m + i] = a.base[i] }
        }
        RBMKernels.sigmoidInPlace(chains.base, count: c * m, scale: 1)
        RBMKernels.sample(chains.base, count: c * m, into: chains.base, rng: &rng)
        chainsReady = true
    }

    /// One pass over `data` in a fresh random order, in mini-batches of `batchSize` (the last may be
    /// smaller). Increments `epoch`. `afterBatch(done, total)` (vectors) is called after each mini-batch.
    public func trainEpoch(on data: RBMData, afterBatch: ((Int, Int) -> Void)? = nil) {
        precondition(data.dimension == visibleCount, "data dimension must equal the visible count")
        var order = Array(0..<data.count)
        rng.shuffle(&order)
        let bs = max(1, configuration.batchSize)
        var start = 0
        data.values.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            while start < order.count {
                let end = min(start + bs, order.count)
                update(rows: order[start..<end], data: base)
                start = end
                afterBatch?(start, order.count)
            }
        }
        epoch += 1
    }

    /// One update on the given rows of `data` (row-major, `visibleCount` wide).
    public func update(batch rowsIndices: [Int], data: RBMData) {
        precondition(data.dimension == visibleCount)
        data.values.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            update(rows: rowsIndices[...], data: base)
        }
    }

    private func update(rows indices: ArraySlice<Int>, data: UnsafePointer<Float>) {
        let m = visibleCount, n = hiddenCount
        let rows = indices.count
        guard rows > 0 else { return }
        let method = configuration.method
        let k = max(1, method.steps)
        let chainCount = method.isPersistent ? configuration.effectiveChainCount : rows
        reserveRows(max(rows, chainCount))

        // Positive phase: V⁺ and H⁺ = P(h | V⁺).
        for (r, idx) in indices.enumerated() {
            (vPos.base + r * m).update(from: data + idx * m, count: m)
        }
        RBMKernels.hiddenInputs(v: vPos.base, rows: rows, m: m, n: n, weights: w.base, bias: b.base, out: hPos.base)
        RBMKernels.probabilitiesInPlace(hPos.base, count: rows * n, temperature: 1)

        // Negative phase: k Gibbs steps from h ~ P(h | V⁺) (CD) or from the fantasy particles (PCD).
        let neg: UnsafeMutablePointer<Float>
        if method.isPersistent {
            if !chainsReady || chains.count < chainCount * m { startChains() }
            neg = chains.base
            RBMKernels.hiddenInputs(v: neg, rows: chainCount, m: m, n: n, weights: w.base, bias: b.base, out: hNeg.base)
            RBMKernels.probabilitiesInPlace(hNeg.base, count: chainCount * n, temperature: 1)
            RBMKernels.sample(hNeg.base, count: chainCount * n, into: hSample.base, rng: &rng)
        } else {
            neg = vNeg.base
            RBMKernels.sample(hPos.base, count: rows * n, into: hSample.base, rng: &rng)
        }
        for step in 0..<k {
            RBMKernels.visibleInputs(h: hSample.base, rows: chainCount, m: m, n: n, weights: w.base, bias: a.base, out: neg)
            RBMKernels.probabilitiesInPlace(neg, count: chainCount * m, temperature: 1)
            RBMKernels.sample(neg, count: chainCount * m, into: neg, rng: &rng)
            RBMKernels.hiddenInputs(v: neg, rows: chainCount, m: m, n: n, weights: w.base, bias: b.base, out: hNeg.base)
            RBMKernels.probabilitiesInPlace(hNeg.base, count: chainCount * n, temperature: 1)
            if step < k - 1 { RBMKernels.sample(hNeg.base, count: chainCount * n, into: hSample.base, rng: &rng) }
        }

        applyGradient(vPos: vPos.base, hPos: hPos.base, rows: rows, vNeg: neg, hNeg: hNeg.base, chains: chainCount)
        lastNegativeRows = chainCount
        lastNegativeWasPersistent = method.isPersistent
        updates += 1
    }

    /// Δ ← μΔ + ε(⟨vh⟩⁺ - ⟨vh⟩⁻ - λW), W ← W + Δ, one weight row at a time (rows of V are mostly zeros).
    private func applyGradient(vPos: UnsafePointer<Float>, hPos: UnsafePointer<Float>, rows: Int,
                               vNeg: UnsafePointer<Float>, hNeg: UnsafePointer<Float>, chains: Int) {
        let m = visibleCount, n = hiddenCount
        let mu = Float(configuration.momentum(epoch: epoch))
        let lr = Float(configuration.learningRate)
        let decay = Float(configuration.weightDecay)
        let posScale = 1 / Float(rows), negScale = 1 / Float(chains)
        let g = gradRow.base
        let muV = SIMD8<Float>(repeating: mu), lrV = SIMD8<Float>(repeating: lr), decayV = SIMD8<Float>(repeating: decay)
        // With as many chains as rows, pair row r with chain r: where both visible values are 1 (most
        // pixels of a CD reconstruction agree with the data) one axpy of H⁺_r - H⁻_r does the work of two.
        let paired = rows == chains
        let diff = hDiff.base
        if paired {
            for q in 0..<(rows * n) { diff[q] = hPos[q] - hNeg[q] }
        }
        for i in 0..<m {
            g.update(repeating: 0, count: n)
            var posSum: Float = 0, negSum: Float = 0
            if paired {
                for r in 0..<rows {
                    let x = vPos[r * m + i], y = vNeg[r * m + i]
                    posSum += x
                    negSum += y
                    if x == 1 && y == 1 {
                        RBMKernels.axpy(posScale, diff + r * n, g, n)
                    } else {
                        if x != 0 { RBMKernels.axpy(x * posScale, hPos + r * n, g, n) }
                        if y != 0 { RBMKernels.axpy(-y * negScale, hNeg + r * n, g, n) }
                    }
                }
            } else {
                for r in 0..<rows {
                    let x = vPos[r * m + i]
                    if x != 0 { RBMKernels.axpy(x * posScale, hPos + r * n, g, n); posSum += x }
                }
                for c in 0..<chains {
                    let y = vNeg[c * m + i]
                    if y != 0 { RBMKernels.axpy(-y * negScale, hNeg + c * n, g, n); negSum += y }
                }
            }
            let wRow = w.base + i * n, dRow = dw.base + i * n
            var j = 0
            while j + 8 <= n {
                let d = muV * RBMKernels.load8(dRow + j) + lrV * (RBMKernels.load8(g + j) - decayV * RBMKernels.load8(wRow + j))
                RBMKernels.store8(d, dRow + j)
                RBMKernels.store8(RBMKernels.load8(wRow + j) + d, wRow + j)
                j += 8
            }
            while j < n {
                let d = mu * dRow[j] + lr * (g[j] - decay * wRow[j])
                dRow[j] = d
                wRow[j] += d
                j += 1
            }
            let dai = mu * da.base[i] + lr * (posSum * posScale - negSum * negScale)
            da.base[i] = dai
            a.base[i] += dai
        }
        for j in 0..<n {
            var s: Float = 0
            for r in 0..<rows { s += hPos[r * n + j] }
            var t: Float = 0
            for c in 0..<chains { t += hNeg[c * n + j] }
            let dbj = mu * db.base[j] + lr * (s * posScale - t * negScale)
            db.base[j] = dbj
            b.base[j] += dbj
        }
    }
}
