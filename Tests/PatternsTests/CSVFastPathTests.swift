import EnergyModels
import Foundation
import XCTest
@testable import Patterns

/// Random lines through the CSV reader's two paths. (Mutated files of every kind, patterns included, go
/// through every reader in FuzzTests/FileFuzzTests.)
final class CSVFastPathTests: XCTestCase {
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
}
