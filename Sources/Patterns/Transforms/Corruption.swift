import EnergyModels

/// Which half of a picture: the first or last ⌊rows/2⌋ rows, or the first or last ⌊cols/2⌋ columns.
public enum Half: String, Sendable, CaseIterable {
    case top, bottom, left, right
}

/// Corrupting and generating states, all driven by the seeded generator so that runs repeat exactly.
///
/// States are row-major `[Bool]` (`true` = up) of a `rows x cols` picture; the `Pattern` methods below
/// wrap these functions.
public enum Corruption {
    /// Flips exactly k = round(fraction·N) distinct units, chosen uniformly among all k-subsets (a partial
    /// Fisher-Yates shuffle of the indices). `fraction` is clamped to [0, 1]; NaN flips nothing.
    /// Returns the flipped indices in the order drawn.
    @discardableResult
    public static func flipFraction(_ bits: inout [Bool], fraction: Double, rng: inout Xoshiro256) -> [Int] {
        let f = fraction.isNaN ? 0 : Swift.min(Swift.max(fraction, 0), 1)
        return flipCount(&bits, count: Int((f * Double(bits.count)).rounded()), rng: &rng)
    }

    /// Flips exactly `count` distinct units (clamped to 0...N), chosen uniformly.
    @discardableResult
    public static func flipCount(_ bits: inout [Bool], count: Int, rng: inout Xoshiro256) -> [Int] {
        let chosen = sample(count, from: bits.count, rng: &rng)
        for i in chosen { bits[i].toggle() }
        return chosen
    }

    /// `k` distinct indices of 0..<n, uniformly (k clamped to 0...n), in O(n) time.
    public static func sample(_ k: Int, from n: Int, rng: inout Xoshiro256) -> [Int] {
        let k = Swift.min(Swift.max(k, 0), n)
        var order = Array(0..<n)
        for j in 0..<k {
            let r = j + rng.nextInt(below: n - j)
            order.swapAt(j, r)
        }
        return Array(order[0..<k])
    }

    /// Applies `operation` to the units of a rectangle (clipped to the picture): flip them, clear them
    /// (down) or fill them (up). Returns the number of units inside the clipped rectangle.
    @discardableResult
    public static func apply(_ operation: RegionOperation, to bits: inout [Bool], rows: Int, cols: Int,
                             rectangle: (row: Int, col: Int, height: Int, width: Int)) -> Int {
        precondition(bits.count == rows * cols, "bits must be rows*cols")
        // start + length without trapping: an overflowing end lies beyond the picture anyway.
        func end(_ start: Int, _ length: Int) -> Int {
            let (e, overflow) = start.addingReportingOverflow(Swift.max(length, 0))
            return overflow ? Int.max : e
        }
        let r0 = Swift.max(rectangle.row, 0), c0 = Swift.max(rectangle.col, 0)
        let r1 = Swift.min(end(rectangle.row, rectangle.height), rows)
        let c1 = Swift.min(end(rectangle.col, rectangle.width), cols)
        guard r0 < r1, c0 < c1 else { return 0 }
        for r in r0..<r1 {
            for c in c0..<c1 {
                let i = r * cols + c
                switch operation {
                case .flip: bits[i].toggle()
                case .clear: bits[i] = false
                case .fill: bits[i] = true
                }
            }
        }
        return (r1 - r0) * (c1 - c0)
    }

    /// Occlusion: a `height x width` rectangle (clipped to the picture) at a uniformly random position
    /// where it fits entirely, with `operation` applied. Returns the rectangle's top-left corner.
    @discardableResult
    public static func occlude(_ bits: inout [Bool], rows: Int, cols: Int, height: Int, width: Int,
                               operation: RegionOperation = .flip, rng: inout Xoshiro256) -> (row: Int, col: Int) {
        let h = Swift.min(Swift.max(height, 0), rows), w = Swift.min(Swift.max(width, 0), cols)
        let row = rng.nextInt(below: rows - h + 1)
        let col = rng.nextInt(below: cols - w + 1)
        apply(operation, to: &bits, rows: rows, cols: cols, rectangle: (row, col, h, w))
        return (row, col)
    }

    /// Clears (`to: false`) or fills (`to: true`) one half, for completion tasks: the network sees the
    /// other half and must fill in the rest. With an odd size the half is the smaller part, ⌊n/2⌋.
    public static func setHalf(_ bits: inout [Bool], rows: Int, cols: Int, half: Half, to value: Bool) {
        let rect: (row: Int, col: Int, height: Int, width: Int)
        switch half {
        case .top: rect = (0, 0, rows / 2, cols)
        case .bottom: rect = (rows - rows / 2, 0, rows / 2, cols)
        case .left: rect = (0, 0, rows, cols / 2)
        case .right: rect = (0, cols - cols / 2, rows, cols / 2)
        }
        apply(value ? .fill : .clear, to: &bits, rows: rows, cols: cols, rectangle: rect)
    }

    /// Every unit flipped: the mirror state -ξ, which has the same energy as ξ in a network without biases.
    public static func invert(_ bits: inout [Bool]) {
        for i in bits.indices { bits[i].toggle() }
    }

    /// A random state of `count` units with a given fraction of up units (sparse or biased memories).
    /// `exact`: exactly round(a·N) up units at uniformly random places; otherwise each unit is up
    /// independently with probability a (the usual model of random memories). `a` is clamped to [0, 1].
    public static func random(count: Int, upFraction a: Double, exact: Bool = false, rng: inout Xoshiro256) -> [Bool] {
        let p = a.isNaN ? 0.5 : Swift.min(Swift.max(a, 0), 1)
        var bits = [Bool](repeating: false, count: Swift.max(count, 0))
        if exact {
            for i in sample(Int((p * Double(bits.count)).rounded()), from: bits.count, rng: &rng) { bits[i] = true }
        } else {
            for i in bits.indices { bits[i] = rng.nextUnit() < p }
        }
        return bits
    }
}

/// What to do to the units of a region.
public enum RegionOperation: String, Sendable, CaseIterable {
    case flip, clear, fill
}

extension Pattern {
    /// This pattern with exactly round(fraction·N) distinct units flipped.
    public func flipped(fraction: Double, rng: inout Xoshiro256) -> Pattern {
        var p = self
        Corruption.flipFraction(&p.bits, fraction: fraction, rng: &rng)
        return p
    }

    /// This pattern with a random `height x width` rectangle flipped, cleared or filled.
    public func occluded(height: Int, width: Int, operation: RegionOperation = .flip, rng: inout Xoshiro256) -> Pattern {
        var p = self
        Corruption.occlude(&p.bits, rows: rows, cols: cols, height: height, width: width, operation: operation, rng: &rng)
        return p
    }

    /// This pattern with one half cleared (down) or filled (up).
    public func withHalf(_ half: Half, setTo value: Bool) -> Pattern {
        var p = self
        Corruption.setHalf(&p.bits, rows: rows, cols: cols, half: half, to: value)
        return p
    }

    /// The inverted pattern -ξ.
    public func inverted() -> Pattern {
        var p = self
        Corruption.invert(&p.bits)
        return p
    }
}

extension PatternSet {
    /// `count` random patterns of `rows x cols` named `r1`, `r2`, … (see `Corruption.random`).
    public static func random(rows: Int, cols: Int, count: Int, upFraction: Double = 0.5, exact: Bool = false,
                              rng: inout Xoshiro256) -> PatternSet {
        let patterns = (0..<Swift.max(count, 0)).map { k in
            Pattern(name: "r\(k + 1)", rows: rows, cols: cols,
                    bits: Corruption.random(count: rows * cols, upFraction: upFraction, exact: exact, rng: &rng))
        }
        return PatternSet(name: "random", rows: rows, cols: cols, patterns: patterns)
    }
}
