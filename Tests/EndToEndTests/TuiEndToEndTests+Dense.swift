#if os(Linux)
import Foundation
import XCTest

extension TuiEndToEndTests {
    /// A dense model file in the live view (`tui --model`), then `f` to the softmax network and a one-update
    /// recall at T = 0.05: the status line names each interaction and the explain panel the attention.
    func testDenseModelFileAndInteractionKey() throws {
        let model = dir + "/exp.json"
        let stored = try Hopfield.run(["store", "--patterns", "letters", "--interaction", "exp", "--output", model])
        XCTAssertEqual(stored.status, 0, stored.stderr)
        try start(["tui", "--model", model, "--temperature", "0.05"], width: 100, height: 32)
        try waitFor(text: "interaction exp")
        tmux.send("f")
        try waitFor(text: "interaction softmax")
        tmux.send("e")
        tmux.send("s")
        let screen = try waitFor(text: "attention weights")
        XCTAssertTrue(screen.contains("A: 1.000"), screen)
        tmux.send("q")
        try waitFor(text: "EXITED 0")
    }
}
#endif
