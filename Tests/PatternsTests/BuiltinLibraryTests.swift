import EnergyModels
import Foundation
import XCTest
@testable import Patterns

/// The repository's `patterns/` folder, found from this file's path (Tests/PatternsTests/ → root).
let repositoryPatterns = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("patterns")

final class BuiltinLibraryTests: XCTestCase {
    /// The binary embeds exactly the `.txt` files of `patterns/`, byte for byte (no drift either way).
    func testEmbeddedSetsEqualTheFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: repositoryPatterns.path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        let names = files.map { String($0.dropLast(4)) }
        XCTAssertEqual(PatternLoader.builtinNames, names,
                       "patterns/ and the embedded library differ: run Scripts/generate-builtins.sh")
        for file in files {
            let onDisk = try [UInt8](Data(contentsOf: repositoryPatterns.appendingPathComponent(file)))
            let embedded = PatternLoader.builtinSource(named: String(file.dropLast(4)))
            XCTAssertEqual(embedded, onDisk, "\(file) differs from the embedded copy: run Scripts/generate-builtins.sh")
        }
    }

    func testEverySetParsesAndTheRequiredSetsExist() throws {
        for name in ["letters", "digits", "shapes", "seed-example", "optdigits-8x8", "correlated"] {
            XCTAssertTrue(PatternLoader.builtinNames.contains(name), name)
        }
        for name in PatternLoader.builtinNames {
            let bytes = try XCTUnwrap(PatternLoader.builtinSource(named: name))
            let set = try TextPatternFormat.parse(bytes: bytes, file: name, name: name)
            XCTAssertEqual(PatternLoader.builtin(named: name), set)
            XCTAssertGreaterThan(set.patterns.count, 0)
            XCTAssertNotNil(PatternLoader.builtinSummary(named: name), "\(name) has no description comment")
            for p in set.patterns { XCTAssertNil(Sanitize.firstUnsafe(in: p.name)) }
        }
    }

    func testLettersDigitsAndSeedExample() throws {
        let letters = try XCTUnwrap(PatternLoader.builtin(named: "letters"))
        XCTAssertEqual(letters.patterns.map(\.name), (65...90).map { String(UnicodeScalar(UInt8($0))) })
        XCTAssertGreaterThanOrEqual(letters.rows, 10)
        XCTAssertGreaterThanOrEqual(letters.cols, 10)
        // In the designed sets all patterns differ, and none is the inverse of another (a network stores
        // ξ and -ξ together, so such a pair would be one memory twice).
        for name in ["letters", "digits", "shapes", "correlated", "seed-example"] {
            let set = try XCTUnwrap(PatternLoader.builtin(named: name))
            let spins = Set(set.patterns.map(\.spins))
            XCTAssertEqual(spins.count, set.patterns.count, name)
            for p in set.patterns { XCTAssertFalse(spins.contains(p.spins.map { -$0 }), "\(name): \(p.name)") }
        }

        let digits = try XCTUnwrap(PatternLoader.builtin(named: "digits"))
        XCTAssertEqual(digits.patterns.map(\.name), (0...9).map(String.init))

        let seed = try XCTUnwrap(PatternLoader.builtin(named: "seed-example"))
        XCTAssertEqual(seed.rows, 1)
        XCTAssertEqual(seed.cols, 4)
        XCTAssertEqual(seed.patterns.map(\.name), ["xi1", "xi2"])
        XCTAssertEqual(seed.patterns.map(\.spins), [[1, 1, -1, -1], [1, -1, 1, -1]])
    }

    /// The 1797 optical digits, 8x8, named `<class>-<row>`, with the class counts of the scikit-learn copy.
    func testOptdigits() throws {
        let set = try XCTUnwrap(PatternLoader.builtin(named: "optdigits-8x8"))
        XCTAssertEqual(set.patterns.count, 1797)
        XCTAssertEqual(set.rows, 8)
        XCTAssertEqual(set.cols, 8)
        var perClass = [Int](repeating: 0, count: 10)
        for (k, p) in set.patterns.enumerated() {
            let parts = p.name.split(separator: "-")
            XCTAssertEqual(parts.count, 2)
            XCTAssertEqual(parts.last.map(String.init), String(format: "%04d", k))
            if let c = parts.first.flatMap({ Int($0) }), (0...9).contains(c) { perClass[c] += 1 } else { XCTFail(p.name) }
        }
        XCTAssertEqual(perClass, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    }

    /// A handful of letters stored together with the Hebbian rule are all fixed points: the default live
    /// view stores letters "within capacity". Stability is not inherited by subsets in general (the
    /// crosstalk changes), so each recommended set is checked as it is.
    func testAHandfulOfLettersAreHebbianFixedPoints() throws {
        let letters = try XCTUnwrap(PatternLoader.builtin(named: "letters"))
        for names in [["A", "C", "H", "T", "X"], ["A", "H", "T", "X"], ["A", "B", "C", "F", "H", "T"]] {
            let chosen = names.compactMap { letters.pattern(named: $0) }
            XCTAssertEqual(chosen.count, names.count)
            var net = EnergyNetwork(patterns: chosen.map(\.spins), count: letters.unitCount, rule: .hebb, units: .spin)
            for p in chosen {
                net.setState(up: p.bits)
                XCTAssertTrue(net.isFixedPoint, "\(p.name) is not a Hebbian fixed point among \(names)")
            }
        }
    }

    /// The correlated family: Hebbian storage leaves most of them unstable, the pseudo-inverse rule
    /// stores every one exactly: W = P - diag(P) with P the projection onto the patterns' span, so for a
    /// stored ξ the field is h_i = (1 - P_ii) ξ_i, which has the sign of ξ_i since P_ii < 1 (unless the
    /// unit vector e_i lies in the span, impossible here with 5 patterns of 100 mixed units).
    func testCorrelatedSetFailsUnderHebbAndWorksUnderPseudoInverse() throws {
        let set = try XCTUnwrap(PatternLoader.builtin(named: "correlated"))
        XCTAssertGreaterThanOrEqual(set.patterns.count, 4)
        func fixedPoints(_ rule: LearningRule) -> Int {
            var net = EnergyNetwork(patterns: set.patterns.map(\.spins), count: set.unitCount, rule: rule, units: .spin)
            return set.patterns.filter { net.setState(up: $0.bits); return net.isFixedPoint }.count
        }
        XCTAssertLessThanOrEqual(fixedPoints(.hebb), set.patterns.count / 2, "Hebbian storage should visibly fail")
        XCTAssertEqual(fixedPoints(.pinv), set.patterns.count)
        // It is the correlation, not the load: as many random patterns are stored fine at this size.
        var rng = Xoshiro256(seed: 7)
        let random = (0..<set.patterns.count).map { _ in (0..<set.unitCount).map { _ in Int8(rng.nextInt(below: 2) * 2 - 1) } }
        var net = EnergyNetwork(patterns: random, count: set.unitCount, rule: .hebb, units: .spin)
        let stable = random.filter { net.setState($0.map(Double.init)); return net.isFixedPoint }.count
        XCTAssertEqual(stable, random.count)
    }
}
