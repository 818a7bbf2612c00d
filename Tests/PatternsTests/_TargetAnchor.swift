import XCTest

// Target anchor while the tests land on other branches.
final class PatternsTestsAnchorTests: XCTestCase {
    func testTargetBuilds() { XCTAssertEqual(1 + 1, 2) }
}
