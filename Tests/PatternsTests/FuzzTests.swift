import EnergyModels
import Foundation
import XCTest
@testable import Patterns

/// Thousands of random and mutated inputs through every parser: each either returns a well-formed set
/// whose size is bounded by the input's size, or throws a `PatternError` whose message is safe to print.
/// Seeded, so a failure repeats; the whole run takes a few seconds in a debug build.
final class FuzzTests: XCTestCase {
    static let alphabet = Array("#.>;\n\n\n\r \t01,\"XP4-_█é\u{1B}name".utf8)

    func testRandomAndMutatedInputsNeverCrash() throws {
        var rng = Xoshiro256(seed: 2024)
        let seeds: [[UInt8]] = [
            Array(TextPatternFormat.render(PatternLoader.builtin(named: "shapes")!).utf8.prefix(600)),
            PatternLoader.builtinSource(named: "seed-example")!,
            Array(PBMFormat.renderP1(PatternLoader.builtin(named: "letters")!.patterns[0]).utf8),
            PBMFormat.renderP4(PatternLoader.builtin(named: "letters")!.patterns[1]),
            Array(CSVPatternFormat.render(PatternLoader.builtin(named: "seed-example")!).utf8),
            Array("P1\n3 2\n1 0 1\n0 1 0\n".utf8),
            Array("name,r0c0,r0c1\na,1,0\nb,0,1\n".utf8),
        ]
        var parsed = 0, rejected = 0
        let start = Date()
        for trial in 0..<4000 {
            let input: [UInt8]
            if trial % 4 == 0 {
                input = (0..<rng.nextInt(below: 120)).map { _ in
                    rng.nextInt(below: 8) == 0 ? UInt8(rng.nextInt(below: 256)) : Self.alphabet[rng.nextInt(below: Self.alphabet.count)]
                }
            } else {
                input = mutate(seeds[rng.nextInt(below: seeds.count)], rng: &rng)
            }
            for format in [PatternFormat.text, .pbm, .csv, nil] {
                do {
                    let set = try PatternLoader.parse(input, file: "fuzz", format: format)
                    check(set, input: input, format: format)
                    parsed += 1
                } catch let e as PatternError {
                    XCTAssertFalse(e.description.unicodeScalars.contains { Sanitize.isUnsafe($0) }, e.description)
                    if let line = e.line {
                        XCTAssertGreaterThanOrEqual(line, 1)
                        XCTAssertLessThanOrEqual(line, input.filter { $0 == 0x0A }.count + 1)
                    }
                    if let column = e.column { XCTAssertGreaterThanOrEqual(column, 1) }
                    rejected += 1
                } catch {
                    XCTFail("not a PatternError: \(error)")
                }
            }
        }
        // Both outcomes must occur, or the fuzzer is not exploring anything.
        XCTAssertGreaterThan(parsed, 500)
        XCTAssertGreaterThan(rejected, 500)
        XCTAssertLessThan(Date().timeIntervalSince(start), 30, "parsing should be linear in the input")
    }

    /// The CSV fast path agrees with the general field splitter on every line it accepts.
    func testCSVFastPathAgreesWithTheGeneralPath() throws {
        var rng = Xoshiro256(seed: 77)
        let pieces = Array("01, \t\"a\r".utf8)
        var accepted = 0
        for _ in 0..<5000 {
            let line = (0..<rng.nextInt(below: 12)).map { _ in pieces[rng.nextInt(below: pieces.count)] }[...]
            for named in [false, true] {
                for count in 1...4 {
                    guard let fast = CSVPatternFormat.fastRow(line, named: named, count: count) else { continue }
                    accepted += 1
                    let fields = try CSVPatternFormat.splitFields(line, file: "f", line: 1)
                    let values = named ? Array(fields.dropFirst()) : fields
                    XCTAssertEqual(values.map(\.bit), fast.bits.map { Optional($0) }, String(decoding: line, as: UTF8.self))
                    if named {
                        let name = fields[0].text
                        XCTAssertEqual(fast.name, name.isEmpty ? nil : name)
                    }
                }
            }
        }
        XCTAssertGreaterThan(accepted, 200)
    }

    func check(_ set: PatternSet, input: [UInt8], format: PatternFormat?) {
        XCTAssertFalse(set.patterns.isEmpty)
        XCTAssertGreaterThan(set.unitCount, 0)
        XCTAssertLessThanOrEqual(set.unitCount, PatternLimits.maxUnits)
        // Output bounded by input: text and CSV spend at least one byte per unit, P4 one bit.
        XCTAssertLessThanOrEqual(set.unitCount * set.patterns.count, 8 * input.count + 8)
        XCTAssertEqual(Set(set.patterns.map(\.name)).count, set.patterns.count, "names are unique")
        for p in set.patterns {
            XCTAssertEqual(p.bits.count, set.unitCount)
            XCTAssertEqual(p.rows, set.rows)
            XCTAssertEqual(p.cols, set.cols)
            XCTAssertNil(Sanitize.firstUnsafe(in: p.name), "a raw control character got into a name")
        }
        // Whatever parsed as text renders back to the same patterns.
        if format == .text {
            XCTAssertEqual(try? TextPatternFormat.parse(TextPatternFormat.render(set), file: "again").patterns, set.patterns)
        }
    }

    func mutate(_ seed: [UInt8], rng: inout Xoshiro256) -> [UInt8] {
        var bytes = seed
        for _ in 0...rng.nextInt(below: 4) {
            let i = bytes.isEmpty ? 0 : rng.nextInt(below: bytes.count)
            switch rng.nextInt(below: 7) {
            case 0 where !bytes.isEmpty: bytes[i] = Self.alphabet[rng.nextInt(below: Self.alphabet.count)]
            case 1 where !bytes.isEmpty: bytes[i] = UInt8(rng.nextInt(below: 256))
            case 2: bytes.insert(Self.alphabet[rng.nextInt(below: Self.alphabet.count)], at: i)
            case 3 where !bytes.isEmpty: bytes.remove(at: i)
            case 4: bytes = Array(bytes.prefix(i))
            case 5:  // a huge number in a header position
                bytes.insert(contentsOf: Array("99999999".utf8), at: i)
            default:  // duplicate a slice (repeated names, extra rows)
                let j = Swift.min(bytes.count, i + rng.nextInt(below: 40))
                bytes.insert(contentsOf: Array(bytes[i..<j]), at: j)
            }
        }
        return bytes
    }
}
