import Foundation

/// A deep belief net built by greedy layer-wise stacking of RBMs (Hinton, Osindero and Teh 2006).
///
/// Layer 0 is an RBM on the data; layer l + 1 is an RBM trained on the hidden activations
/// P(h = 1 | v) of layer l for the training vectors. The generative model is the top RBM (an undirected
/// associative memory) over directed sigmoid belief layers: P(h_(l-1) = 1 | h_l) is layer l-1's
/// P(v = 1 | h).
public struct DeepBeliefNet: Sendable, Equatable {
    /// Bottom (on the data) first; layers[l].hiddenCount == layers[l + 1].visibleCount.
    public var layers: [RBM]

    public init(layers: [RBM]) {
        precondition(!layers.isEmpty, "a DBN needs at least one layer")
        for l in 1..<layers.count {
            precondition(layers[l - 1].hiddenCount == layers[l].visibleCount, "layer sizes must chain")
        }
        self.layers = layers
    }

    public var visibleCount: Int { layers[0].visibleCount }

    /// The data as seen by the layer above `rbm`: every row replaced by P(h = 1 | v), or by a sample of
    /// it when `sampled` (probabilities are the usual choice: less noise for the next layer to model).
    public static func propagateUp(_ data: RBMData, through rbm: RBM, sampled: Bool = false, seed: UInt64 = 1) -> RBMData {
        let m = rbm.visibleCount, n = rbm.hiddenCount, rows = data.count
        precondition(data.dimension == m)
        var out = [Float](repeating: 0, count: rows * n)
        var rng = Xoshiro256(seed: seed, stream: 0x5550)
        data.values.withUnsafeBufferPointer { v in
            rbm.weights.withUnsafeBufferPointer { w in
                rbm.hiddenBias.withUnsafeBufferPointer { b in
                    out.withUnsafeMutableBufferPointer { o in
                        guard let vb = v.baseAddress, let wb = w.baseAddress, let bb = b.baseAddress, let ob = o.baseAddress else { return }
                        RBMKernels.hiddenInputs(v: vb, rows: rows, m: m, n: n, weights: wb, bias: bb, out: ob)
                        RBMKernels.sigmoidInPlace(ob, count: rows * n, scale: 1)
                        if sampled { RBMKernels.sample(ob, count: rows * n, into: ob, rng: &rng) }
                    }
                }
            }
        }
        return RBMData(count: rows, dimension: n, values: out)
    }

    /// One finished epoch of greedy training, as `trainGreedily` reports it.
    public struct Epoch {
        /// The layer trained (0: on the data) and the epoch within it (0-based).
        public let layer: Int
        public let epoch: Int
        /// The layer's trainer after the epoch, and the data it trains on (the data propagated up).
        public let trainer: RBMTrainer
        public let input: RBMData
        /// Wall-clock seconds of the epoch's training alone.
        public let seconds: Double
    }

    /// Greedy training: layer l gets `hiddenSizes[l]` hidden units and `epochs` epochs with `configuration`,
    /// on the data propagated up through the layers below it. `afterBatch(layer, epoch, seen, total)` is called
    /// after each mini-batch, `progress` after each epoch; an error thrown by `progress` stops the training.
    public static func trainGreedily(data: RBMData, hiddenSizes: [Int], epochs: Int, configuration: RBMTrainingConfiguration,
                                     seed: UInt64, afterBatch: ((Int, Int, Int, Int) -> Void)? = nil,
                                     progress: (Epoch) throws -> Void = { _ in }) rethrows -> DeepBeliefNet {
        precondition(!hiddenSizes.isEmpty)
        var layers: [RBM] = []
        var input = data
        let clock = ContinuousClock()
        for (l, size) in hiddenSizes.enumerated() {
            let trainer = RBMTrainer(hiddenCount: size, data: input, configuration: configuration, seed: seed &+ UInt64(l))
            for e in 0..<epochs {
                let start = clock.now
                trainer.trainEpoch(on: input, afterBatch: afterBatch.map { hook in { seen, total in hook(l, e, seen, total) } })
                let elapsed = clock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                try progress(Epoch(layer: l, epoch: e, trainer: trainer, input: input, seconds: seconds))
            }
            let rbm = trainer.model
            layers.append(rbm)
            if l + 1 < hiddenSizes.count { input = propagateUp(input, through: rbm) }
        }
        return DeepBeliefNet(layers: layers)
    }

    /// Top-down ("ancestral") samples: `chains` block Gibbs chains run `gibbsSteps` steps in the top RBM
    /// (from random states, at `temperature`), then its visible sample is passed down, each lower layer
    /// drawing v ~ P(v | h). Returns the bottom layer's P(v = 1 | h_1) for each chain (the usual picture of
    /// a DBN sample, without the final pixel noise) and its binary sample, chain-major `chains x m`.
    public func sampleTopDown(chains: Int, gibbsSteps: Int, temperature: Double = 1, seed: UInt64) -> (probabilities: [[Float]], samples: [[Float]]) {
        let top = layers[layers.count - 1]
        var sampler = RBMSampler(model: top, chains: chains, temperature: temperature, seed: seed)
        sampler.step(count: max(1, gibbsSteps))
        var rng = Xoshiro256(seed: seed, stream: 0x444F_574E)
        var probabilities: [[Float]] = []
        var samples: [[Float]] = []
        for c in 0..<sampler.chainCount {
            var h = sampler.visible(chain: c)
            var p = h
            for l in stride(from: layers.count - 2, through: 0, by: -1) {
                p = layers[l].visibleProbabilities(hidden: h, temperature: temperature > 0 ? temperature : 1).map(Float.init)
                if temperature <= 0 { p = layers[l].visibleInputs(hidden: h).map { $0 > 0 ? 1 : 0 } }
                h = p.map { pi in Float(rng.nextUnit()) < pi ? 1 : 0 }
            }
            if layers.count == 1 { p = sampler.visibleProbabilities(chain: c) }
            probabilities.append(p)
            samples.append(h)
        }
        return (probabilities, samples)
    }
}
