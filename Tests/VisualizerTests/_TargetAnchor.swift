import XCTest

// Target anchor while the tests land on other branches.
final class VisualizerTestsAnchorTests: XCTestCase {
    func testTargetBuilds() { XCTAssertEqual(1 + 1, 2) }
}
