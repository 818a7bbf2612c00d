import EnergyModels
import Foundation
import XCTest

final class StorageTests: XCTestCase {
    /// Hebb: w = (1/N) Σ ξξᵀ with zero diagonal, symmetric; dense (popcount) and low-rank forms agree with
    /// the definition entry by entry.
    func testHebbianWeightsMatchDefinition() {
        let n = 37, pats = randomPatterns(70, count: n, seed: 3) // p > 64 exercises multi-word popcounts
        for rep in CouplingRepresentation.allCases {
            let c = Learning.couplings(for: pats, count: n, rule: .hebb, representation: rep)
            for i in 0..<n {
                for j in 0..<n {
                    var expected = 0.0
                    if i != j { for xi in pats { expected += Double(xi[i]) * Double(xi[j]) }; expected /= Double(n) }
                    XCTAssertEqual(c.weight(i, j), expected, accuracy: 1e-12)
                }
            }
        }
    }

    /// Below capacity (α = 0.05) every stored random pattern is a fixed point, for every rule and both
    /// conventions. (Hebb's one-step error at α = 0.05 is ½ erfc(√10) ≈ 4e-6 per unit.)
    func testStoredPatternsAreFixedPointsBelowCapacity() {
        let n = 200
        let pats = randomPatterns(10, count: n, seed: 21)
        for rule in LearningRule.allCases {
            for units in UnitConvention.allCases {
                var net = EnergyNetwork(patterns: pats, count: n, rule: rule, units: units)
                for (k, xi) in pats.enumerated() {
                    net.setState(net.values(of: xi))
                    XCTAssertTrue(net.isFixedPoint, "\(rule) \(units): pattern \(k) is not a fixed point")
                }
            }
        }
    }

    /// Strongly correlated patterns (each a 10% variation of one prototype): Hebb merges them and fails to
    /// keep them as fixed points, while the pseudo-inverse projection stores every one exactly.
    func testPseudoInverseStoresCorrelatedPatternsThatHebbCannot() {
        let n = 100
        var rng = Xoshiro256(seed: 5)
        let proto: [Int8] = (0..<n).map { _ in rng.next() & 1 == 1 ? 1 : -1 }
        let pats: [[Int8]] = (0..<6).map { _ in
            var p = proto
            for i in 0..<n where rng.nextUnit() < 0.1 { p[i] = -p[i] }
            return p
        }
        func fixedPoints(_ rule: LearningRule) -> Int {
            var net = EnergyNetwork(patterns: pats, count: n, rule: rule, units: .spin)
            return pats.filter { xi in net.setState(net.values(of: xi)); return net.isFixedPoint }.count
        }
        XCTAssertEqual(fixedPoints(.pinv), pats.count)
        XCTAssertLessThan(fixedPoints(.hebb), pats.count / 2)
    }

    /// The pseudo-inverse weights are the projection onto the patterns' span (minus its diagonal):
    /// W ξ = ξ - diag(P) ξ for every stored ξ, and duplicates (rank deficiency) change nothing.
    func testPseudoInverseIsTheProjection() {
        let n = 30
        var pats = randomPatterns(5, count: n, seed: 9)
        pats.append(pats[0]) // rank deficient
        let c = Learning.couplings(for: pats, count: n, rule: .pinv, representation: .dense)
        let (_, rank) = Learning.orthonormalBasis(pats, count: n)
        XCTAssertEqual(rank, 5)
        guard case .lowRank(let l) = Learning.couplings(for: pats, count: n, rule: .pinv, representation: .lowRank) else {
            return XCTFail("expected low rank")
        }
        for xi in pats {
            for i in 0..<n {
                var wx = 0.0
                for j in 0..<n { wx += c.weight(i, j) * Double(xi[j]) }
                XCTAssertEqual(wx + l.diagonal[i] * Double(xi[i]), Double(xi[i]), accuracy: 1e-9)
            }
        }
        for i in 0..<n { for j in 0..<n { XCTAssertEqual(c.weight(i, j), c.weight(j, i), accuracy: 1e-12) } }
    }

    /// Storkey's rule against a direct transcription of its definition on a small case.
    func testStorkeyMatchesDefinition() {
        let n = 8, pats = randomPatterns(3, count: n, seed: 2)
        var w = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for xi in pats {
            let x = xi.map(Double.init)
            var next = w
            for i in 0..<n {
                for j in 0..<n where i != j {
                    var hij = 0.0, hji = 0.0
                    for k in 0..<n where k != i && k != j { hij += w[i][k] * x[k]; hji += w[j][k] * x[k] }
                    next[i][j] = w[i][j] + (x[i] * x[j] - x[i] * hji - hij * x[j]) / Double(n)
                }
            }
            w = next
        }
        let c = Learning.couplings(for: pats, count: n, rule: .storkey)
        for i in 0..<n { for j in 0..<n { XCTAssertEqual(c.weight(i, j), w[i][j], accuracy: 1e-12) } }
    }

    /// The binary network built from patterns is the exact image of the spin network under s = 2x - 1:
    /// energies differ by one constant over all 2^N states, and fields double (h01 = 2h).
    func testBinaryMappingPreservesEnergyLandscape() {
        let n = 8, pats = randomPatterns(3, count: n, seed: 17)
        for rule in LearningRule.allCases {
            let spin = EnergyNetwork(patterns: pats, count: n, rule: rule, units: .spin, representation: .dense)
            let bin = EnergyNetwork(patterns: pats, count: n, rule: rule, units: .binary, representation: .dense)
            var offset: Double? = nil
            for code in 0..<(1 << n) {
                let es = EnergyNetwork.energy(of: enumeratedState(code, count: n, units: .spin), couplings: spin.couplings, biases: spin.biases)
                let eb = EnergyNetwork.energy(of: enumeratedState(code, count: n, units: .binary), couplings: bin.couplings, biases: bin.biases)
                if let offset { XCTAssertEqual(eb - es, offset, accuracy: 1e-9, "\(rule) state \(code)") } else { offset = eb - es }
            }
            var s = spin, b = bin
            s.setState(up: (0..<n).map { $0 % 3 == 0 })
            b.setState(up: (0..<n).map { $0 % 3 == 0 })
            for i in 0..<n { XCTAssertEqual(b.field(i), 2 * s.field(i), accuracy: 1e-9) }
        }
    }

    /// Overlaps: 1 for the pattern, -1 for its mirror image; classification of fixed points.
    func testOverlapsAndClassification() {
        let pats = randomPatterns(3, count: 50, seed: 1).enumerated().map { StoredPattern(name: "p\($0.offset)", spins: $0.element) }
        let up0 = pats[0].spins.map { $0 > 0 }
        XCTAssertEqual(Overlaps.overlaps(of: up0, with: pats)[0], 1)
        XCTAssertEqual(Overlaps.overlaps(of: up0.map { !$0 }, with: pats)[0], -1)
        XCTAssertEqual(Overlaps.classify(up0, patterns: pats).0, .stored)
        XCTAssertEqual(Overlaps.classify(up0.map { !$0 }, patterns: pats).0, .inverted)
        var mixed = up0
        mixed[0].toggle()
        XCTAssertEqual(Overlaps.classify(mixed, patterns: pats).0, .spurious)
    }
}
