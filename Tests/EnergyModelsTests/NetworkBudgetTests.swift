import EnergyModels
import XCTest

/// Item 3 of the hardening issue: every network size is checked before allocation.
final class NetworkBudgetTests: XCTestCase {
    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    func testItem3_hugeDenseNetworksRefusedWithWhatTheyNeed() {
        // One 1000x1000 image with Storkey: N² Doubles = 8 TB.
        XCTAssertEqual(NetworkBudget.bytes(count: 1_000_000, patterns: 1, rule: .storkey), 8_000_000_000_000 + 16_000_000)
        let storkey = message { try NetworkBudget.check(count: 1_000_000, patterns: 1, rule: .storkey) }
        XCTAssertTrue(storkey?.hasPrefix("a 1,000,000-unit Storkey network of 1 pattern needs 8 TB of weights; the limit is ") == true, storkey ?? "accepted")
        XCTAssertNotNil(message { try NetworkBudget.check(count: 1_000_000, patterns: 1, rule: .pinv, representation: .dense) })
        // bench's documented range: N = 50,000 and p = 10,000 dense is 25 GB, more than the 16 GB cap.
        XCTAssertNotNil(message { try NetworkBudget.check(count: 50_000, patterns: 10_000, rule: .hebb, representation: .dense) })
        // Overflow is not a small number.
        XCTAssertEqual(NetworkBudget.bytes(count: .max / 2, patterns: 3, rule: .storkey), .max)
        XCTAssertNotNil(message { try NetworkBudget.check(count: .max / 2, patterns: 3, rule: .hebb) })
    }

    /// A Hebbian (or pseudo-inverse) network of a million units is low rank: O(N p), never N².
    func testItem3_hebbianNetworksUseTheLowRankRepresentation() {
        XCTAssertNil(message { try NetworkBudget.check(count: 1_000_000, patterns: 20, rule: .hebb) })
        XCTAssertNil(message { try NetworkBudget.check(count: 1_000_000, patterns: 20, rule: .pinv) })
        XCTAssertLessThan(NetworkBudget.bytes(count: 1_000_000, patterns: 20, rule: .hebb), 400_000_000)
        // Built for real at 200,000 units: the couplings take what the budget says, far below N² bytes.
        let n = 200_000
        let patterns = (0..<3).map { mu in (0..<n).map { i in Int8((i * (mu + 3)) % 7 < 3 ? 1 : -1) } }
        let net = EnergyNetwork(patterns: patterns, count: n, rule: .hebb, units: .spin)
        XCTAssertEqual(net.representation, .lowRank)
        XCTAssertLessThanOrEqual(net.couplings.memoryBytes, NetworkBudget.bytes(count: n, patterns: 3, rule: .hebb))
        XCTAssertLessThan(net.couplings.memoryBytes, n * 100)
        // No memories (the live view after forgetting): rank 0, zero couplings in O(N).
        var empty = EnergyNetwork(couplings: .lowRank(LowRankCouplings(count: n, rank: 0, left: [], right: [])), units: .spin)
        empty.setState(up: (0..<n).map { $0 % 3 == 0 })
        XCTAssertEqual(empty.energy, 0)
        XCTAssertTrue(empty.isFixedPoint)
        XCTAssertLessThan(empty.couplings.memoryBytes, n * 100)
        // Binary units rescale the couplings once: the estimate doubles.
        XCTAssertEqual(NetworkBudget.bytes(count: 1000, patterns: 5, rule: .hebb, units: .binary),
                       2 * NetworkBudget.bytes(count: 1000, patterns: 5, rule: .hebb))
    }
}
