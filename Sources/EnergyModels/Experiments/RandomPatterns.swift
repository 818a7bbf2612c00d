/// Random unbiased ±1 patterns, the inputs of the capacity and phase-diagram experiments.
public enum RandomPatterns {
    /// `count` random unbiased ±1 patterns of N units (64 units per generator draw).
    public static func make(count p: Int, neurons n: Int, rng: inout Xoshiro256) -> [[Int8]] {
        (0..<p).map { _ in
            var xi = [Int8](repeating: -1, count: n)
            var bits: UInt64 = 0
            for i in 0..<n {
                if i & 63 == 0 { bits = rng.next() }
                if bits & 1 == 1 { xi[i] = 1 }
                bits >>= 1
            }
            return xi
        }
    }
}
