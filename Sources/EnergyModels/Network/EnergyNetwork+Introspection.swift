// Read-only views of the storage for the tests that check each representation is chosen and used
// (FastPathTests): which representation holds the couplings, and the low-rank field cache.

extension EnergyNetwork {
    /// Whether the couplings are held as exact 16-bit integers (dense integer, sign masks, low-rank Int16).
    var isCompact: Bool {
        storage is DenseIntegerStorage || storage is SignMaskStorage || storage is LowRankIntegerStorage
    }

    /// Dense: whether the sums Σ_j v_kj s_j are kept as exact Int32.
    var denseIntegerSums: Bool { storage is DenseIntegerStorage }

    /// Whether the ±1 sign-mask representation (with its replay ring) is used.
    var usesSignMasks: Bool { storage is SignMaskStorage }

    /// Whether the sweep runs the sign-mask kernel.
    var hasSignSweepKernel: Bool { usesSignMasks }

    /// Most flips replayed into a cached field (0 without sign masks).
    var replayLimit: Int { (storage as? SignMaskStorage)?.replayLimit ?? 0 }

    /// Changes applied to a low-rank storage so far (the stamp of a current cached field); 0 for dense.
    var flipCount: Int {
        switch storage {
        case let s as SignMaskStorage: s.scalars.flips
        case let s as LowRankIntegerStorage: s.core.flips
        case let s as LowRankRealStorage: s.core.flips
        default: 0
        }
    }

    /// The low-rank field cache (empty for dense).
    var fieldCache: [CachedField] {
        switch storage {
        case let s as SignMaskStorage: s.cache
        case let s as LowRankIntegerStorage: s.core.cache
        case let s as LowRankRealStorage: s.core.cache
        default: []
        }
    }

    /// Low rank: the diagonal of L Rᵀ (empty for dense).
    var hotDiagonal: [Double] {
        if case .lowRank(let l) = couplings { return l.diagonal }
        return []
    }

    /// Low rank: Σ_j L_kj y_j computed afresh from the projections (O(r)).
    func lowRankSum(_ k: Int) -> Double {
        switch storage {
        case let s as SignMaskStorage: s.freshSum(k, value: 0)
        case let s as LowRankIntegerStorage: s.core.freshSum(k, value: 0)
        case let s as LowRankRealStorage: s.core.freshSum(k, value: 0)
        default: 0
        }
    }
}
