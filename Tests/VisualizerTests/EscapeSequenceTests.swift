import Visualizer
import XCTest

/// Item 14: where an escape sequence nobody decoded ends, so it is swallowed whole and nothing after it.
final class EscapeSequenceTests: XCTestCase {
    /// The scalars consumed after the introducer until the sequence ends (nil: it never ended).
    func consumed(_ text: String, from start: EscapeSequence = EscapeSequence()) -> String? {
        var seq = start
        var out = ""
        for s in text.unicodeScalars {
            out.unicodeScalars.append(s)
            if seq.feed(s) { return out }
        }
        return nil
    }

    func testItem14_sequencesEndWhereECMA48SaysAndNotBefore() throws {
        // After ESC; what follows the end ("REST") must not be consumed.
        XCTAssertEqual(consumed("[<0;12;5MREST"), "[<0;12;5M")          // SGR mouse
        XCTAssertEqual(consumed("[1;2;3;4xREST"), "[1;2;3;4x")          // unknown CSI
        XCTAssertEqual(consumed("[?1049hREST"), "[?1049h")
        XCTAssertEqual(consumed("[ qREST"), "[ q")                      // intermediate byte
        XCTAssertEqual(consumed("P1$qq\u{1B}\\REST"), "P1$qq\u{1B}\\")  // DCS … ST, with q inside
        XCTAssertEqual(consumed("]0;title q\u{07}REST"), "]0;title q\u{07}")  // OSC … BEL
        XCTAssertEqual(consumed("]0;t\u{1B}\\REST"), "]0;t\u{1B}\\")    // OSC … ST
        XCTAssertEqual(consumed("_apc\u{1B}x\u{9C}REST"), "_apc\u{1B}x\u{9C}")  // ESC inside, then C1 ST
        XCTAssertEqual(consumed("P\u{07}q\u{1B}\\"), "P\u{07}q\u{1B}\\")  // BEL does not end a DCS
        XCTAssertEqual(consumed("OPREST"), "OP")                        // SS3
        XCTAssertEqual(consumed("qREST"), "q")                          // Alt+q
        XCTAssertEqual(consumed("(BREST"), "(B")                        // designate a character set
        XCTAssertNil(consumed("P1$q never terminated"))
        // 8-bit introducers.
        XCTAssertEqual(consumed("1;5qREST", from: try XCTUnwrap(EscapeSequence(c1: "\u{9B}"))), "1;5q")
        XCTAssertEqual(consumed("x\u{9C}REST", from: try XCTUnwrap(EscapeSequence(c1: "\u{90}"))), "x\u{9C}")
        // An X10 mouse report that reached us undecoded: its three payload bytes belong to it, and it decodes.
        var x10 = EscapeSequence()
        XCTAssertEqual(consumed("[M /'REST"), "[M /'")
        for s in "[M\u{22}/'".unicodeScalars { _ = x10.feed(s) }
        XCTAssertEqual(x10.mouse, MouseEvent(.press(.right), x: 14, y: 6))
        var drag = EscapeSequence()
        for s in "[M@/'".unicodeScalars { _ = drag.feed(s) }
        XCTAssertEqual(drag.mouse, MouseEvent(.move, x: 14, y: 6))
        XCTAssertNil(EscapeSequence(c1: "a"))
        XCTAssertNil(EscapeSequence(c1: "\u{85}"))
    }
}
