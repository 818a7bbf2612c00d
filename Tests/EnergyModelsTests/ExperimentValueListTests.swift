import XCTest
@testable import EnergyModels

final class ExperimentValueListTests: XCTestCase {
    func testRangeIncludesStopDespiteBinaryRounding() throws {
        let values = try ValueList.parse("0.05:0.25:0.01", option: "--alpha")
        XCTAssertEqual(values.count, 21)
        XCTAssertEqual(values.first, 0.05)
        XCTAssertEqual(values.last, 0.25)
        // 0.05 + 3 · 0.01 is 0.08000000000000000166 in binary; the list holds the value as typed.
        XCTAssertEqual(values[3], 0.08)
        XCTAssertEqual(try ValueList.parse("0:1.5:0.5", option: "--temperature"), [0, 0.5, 1, 1.5])
        XCTAssertEqual(try ValueList.parse("2:2:1", option: "--x"), [2])
    }

    func testCommaList() throws {
        XCTAssertEqual(try ValueList.parse("0.1, 0.2,0.3", option: "--alpha"), [0.1, 0.2, 0.3])
        XCTAssertEqual(try ValueList.parse("0.138", option: "--alpha"), [0.138])
    }

    func testBadListsNameTheProblem() {
        func message(_ text: String) -> String {
            do { _ = try ValueList.parse(text, option: "--alpha"); return "" } catch { return error.description }
        }
        XCTAssertTrue(message("0.1:0.2:0").contains("step must be positive"))
        XCTAssertTrue(message("0.1:0.2:-0.1").contains("step must be positive"))
        XCTAssertTrue(message("0.3:0.2:0.01").contains("below its start"))
        XCTAssertTrue(message("0:1:0.00001").contains("more than 1000 values"))
        XCTAssertTrue(message("0.1:0.2").contains("three numbers"))
        XCTAssertTrue(message("0.1,abc").contains("value 2 \"abc\" is not a finite number"))
        XCTAssertTrue(message("0.1,,0.2").contains("value 2 is empty"))
        XCTAssertTrue(message("nan").contains("not a finite number"))
        XCTAssertTrue(message("").contains("is empty"))
    }

    func testRangeChecks() {
        XCTAssertThrowsError(try CapacityExperiment.validate(neurons: 100, alphas: [0.1, 0], trials: 1)) { error in
            XCTAssertEqual((error as? ExperimentError)?.description, "--alpha value 2 (0) must be greater than 0")
        }
        XCTAssertThrowsError(try CapacityExperiment.validate(neurons: 1, alphas: [0.1], trials: 1))
        XCTAssertThrowsError(try CapacityExperiment.validate(neurons: 100, alphas: [1.5], trials: 1))
        XCTAssertThrowsError(try CapacityExperiment.validate(neurons: 100, alphas: [0.1], trials: 0))
        XCTAssertNoThrow(try CapacityExperiment.validate(neurons: 100, alphas: [0.1, 1], trials: 3))
        XCTAssertThrowsError(try PhaseDiagramExperiment.validate(neurons: 100, alphas: [0.1], temperatures: [0.5, -0.1], sweeps: 10, trials: 1)) { error in
            XCTAssertEqual((error as? ExperimentError)?.description, "--temperature value 2 (-0.1) must be at least 0")
        }
        XCTAssertThrowsError(try PhaseDiagramExperiment.validate(neurons: 100, alphas: [0.1], temperatures: [0.5], sweeps: 1, trials: 1))
        XCTAssertNoThrow(try PhaseDiagramExperiment.validate(neurons: 100, alphas: [0.1], temperatures: [0, 2], sweeps: 2, trials: 1))
    }
}
