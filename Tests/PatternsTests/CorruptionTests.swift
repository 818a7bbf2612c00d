import EnergyModels
import XCTest
@testable import Patterns

final class CorruptionTests: XCTestCase {
    func testFlipFractionFlipsExactlyRoundFNDistinctUnits() {
        var rng = Xoshiro256(seed: 1)
        for (n, f, expected) in [(100, 0.1, 10), (100, 0.0, 0), (100, 1.0, 100), (7, 0.5, 4), (4, 0.125, 1),
                                 (1, 0.3, 0), (0, 0.5, 0), (50, -1.0, 0), (50, 2.0, 50), (50, .nan, 0)] {
            let original = (0..<n).map { $0 % 3 == 0 }
            var bits = original
            let flipped = Corruption.flipFraction(&bits, fraction: f, rng: &rng)
            XCTAssertEqual(flipped.count, expected, "n=\(n) f=\(f)")
            XCTAssertEqual(Set(flipped).count, expected, "indices must be distinct")
            XCTAssertEqual(zip(bits, original).filter { $0 != $1 }.count, expected, "n=\(n) f=\(f)")
        }
    }

    /// Each unit is equally likely to be flipped: with k of N flipped per trial, the per-unit count over T
    /// trials is Binomial(T, k/N); every unit must lie within 5 standard deviations of T·k/N.
    func testFlipsAreUniformOverUnits() {
        var rng = Xoshiro256(seed: 42)
        let n = 20, k = 5, trials = 4000
        var counts = [Int](repeating: 0, count: n)
        for _ in 0..<trials {
            var bits = [Bool](repeating: false, count: n)
            for i in Corruption.flipCount(&bits, count: k, rng: &rng) { counts[i] += 1 }
        }
        let p = Double(k) / Double(n)
        let mean = Double(trials) * p, sd = (Double(trials) * p * (1 - p)).squareRoot()
        for (i, c) in counts.enumerated() { XCTAssertLessThan(abs(Double(c) - mean), 5 * sd, "unit \(i): \(c)") }
    }

    func testSameSeedSameCorruption() {
        let letters = PatternLoader.builtin(named: "letters")!.patterns[0]
        var a = Xoshiro256(seed: 9), b = Xoshiro256(seed: 9)
        XCTAssertEqual(letters.flipped(fraction: 0.2, rng: &a), letters.flipped(fraction: 0.2, rng: &b))
        XCTAssertEqual(letters.occluded(height: 3, width: 4, rng: &a), letters.occluded(height: 3, width: 4, rng: &b))
    }

    func testRectangleOperationsAreClipped() {
        var bits = [Bool](repeating: false, count: 12)  // 3x4
        XCTAssertEqual(Corruption.apply(.fill, to: &bits, rows: 3, cols: 4, rectangle: (row: 1, col: 2, height: 5, width: 5)), 4)
        XCTAssertEqual(bits, [false, false, false, false, false, false, true, true, false, false, true, true])
        XCTAssertEqual(Corruption.apply(.flip, to: &bits, rows: 3, cols: 4, rectangle: (row: -1, col: -1, height: 2, width: 2)), 1)
        XCTAssertTrue(bits[0])
        XCTAssertEqual(Corruption.apply(.clear, to: &bits, rows: 3, cols: 4, rectangle: (row: 0, col: 0, height: 3, width: 4)), 12)
        XCTAssertFalse(bits.contains(true))
        XCTAssertEqual(Corruption.apply(.flip, to: &bits, rows: 3, cols: 4, rectangle: (row: 3, col: 0, height: 1, width: 1)), 0)
        XCTAssertEqual(Corruption.apply(.fill, to: &bits, rows: 3, cols: 4, rectangle: (row: 2, col: 3, height: .max, width: .max)), 1)
        XCTAssertEqual(Corruption.apply(.fill, to: &bits, rows: 3, cols: 4, rectangle: (row: .min, col: .min, height: .max, width: .max)), 0)
    }

    /// A random occlusion flips exactly h·w units, inside the picture, at a uniformly chosen position
    /// (each of the (R-h+1)(C-w+1) corners within 5 standard deviations of its expected count).
    func testOcclusionPositionsAreUniform() {
        var rng = Xoshiro256(seed: 3)
        let rows = 5, cols = 6, h = 2, w = 3, trials = 3000
        var corners: [Int: Int] = [:]
        for _ in 0..<trials {
            var bits = [Bool](repeating: false, count: rows * cols)
            let corner = Corruption.occlude(&bits, rows: rows, cols: cols, height: h, width: w, rng: &rng)
            XCTAssertEqual(bits.filter { $0 }.count, h * w)
            XCTAssertTrue(bits[corner.row * cols + corner.col])
            corners[corner.row * cols + corner.col, default: 0] += 1
        }
        let positions = (rows - h + 1) * (cols - w + 1)
        XCTAssertEqual(corners.count, positions)
        let p = 1 / Double(positions)
        let mean = Double(trials) * p, sd = (Double(trials) * p * (1 - p)).squareRoot()
        for (_, c) in corners { XCTAssertLessThan(abs(Double(c) - mean), 5 * sd) }
        // A rectangle larger than the picture covers all of it.
        var all = [Bool](repeating: false, count: 6)
        Corruption.occlude(&all, rows: 2, cols: 3, height: 9, width: 9, operation: .fill, rng: &rng)
        XCTAssertEqual(all, [Bool](repeating: true, count: 6))
    }

    func testHalves() {
        let p = Pattern(name: "p", rows: 3, cols: 4, bits: [Bool](repeating: true, count: 12))
        XCTAssertEqual(p.withHalf(.top, setTo: false).bits, [false, false, false, false] + [Bool](repeating: true, count: 8))
        XCTAssertEqual(p.withHalf(.bottom, setTo: false).bits, [Bool](repeating: true, count: 8) + [false, false, false, false])
        XCTAssertEqual(p.withHalf(.left, setTo: false).bits, [false, false, true, true, false, false, true, true, false, false, true, true])
        XCTAssertEqual(p.withHalf(.right, setTo: false).bits, [true, true, false, false, true, true, false, false, true, true, false, false])
        let q = p.inverted()
        XCTAssertEqual(q.withHalf(.right, setTo: true).bits.filter { $0 }.count, 6)
        XCTAssertEqual(q.inverted(), p)
        XCTAssertFalse(q.bits.contains(true))
    }

    /// Exact mode has round(a·N) up units; Bernoulli mode's count is Binomial(N, a), within 5 sd of N·a.
    func testRandomPatterns() {
        var rng = Xoshiro256(seed: 11)
        for a in [0.0, 0.1, 0.5, 0.9, 1.0] {
            XCTAssertEqual(Corruption.random(count: 1000, upFraction: a, exact: true, rng: &rng).filter { $0 }.count,
                           Int((a * 1000).rounded()))
        }
        let n = 10_000, a = 0.2
        let up = Corruption.random(count: n, upFraction: a, rng: &rng).filter { $0 }.count
        XCTAssertLessThan(abs(Double(up) - Double(n) * a), 5 * (Double(n) * a * (1 - a)).squareRoot())
        let set = PatternSet.random(rows: 4, cols: 5, count: 3, upFraction: 0.1, exact: true, rng: &rng)
        XCTAssertEqual(set.patterns.map(\.name), ["r1", "r2", "r3"])
        XCTAssertEqual(set.patterns.map { $0.bits.filter { $0 }.count }, [2, 2, 2])
        XCTAssertNotEqual(set.patterns[0], set.patterns[1])
    }
}
