/// Recognises the end of an escape sequence the input layer did not decode, so that it can be swallowed
/// whole instead of arriving as keystrokes (a DCS reply holding `q` must not quit; an SGR mouse report
/// `ESC [ < 0 ; 12 ; 5 M` must not cue patterns 0, 1, 2 and 5).
///
/// Feed the scalars that follow an ESC (or a C1 introducer such as U+009B) one at a time; `feed` answers
/// whether the sequence has ended. Forms (ECMA-48):
/// - CSI `[`: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E.
/// - Control strings — DCS `P`, OSC `]`, SOS `X`, PM `^`, APC `_`: anything up to ST (`ESC \` or U+009C),
///   or BEL for OSC (as xterm accepts).
/// - SS2 `N`, SS3 `O`: one more character.
/// - Any other `ESC` + intermediates 0x20–0x2F + one final character (this includes Alt+key as ESC + key).
/// - An X10 mouse report `[M` is followed by three payload bytes (button, column, row, each + 32), which
///   belong to it; `mouse` decodes it (ncurses decodes these itself unless the bytes came in late).
/// A control character where none belongs ends the sequence (it is swallowed with it).
public struct EscapeSequence: Sendable, Equatable {
    enum Phase: Sendable, Equatable {
        case start
        case csi
        case controlString(bell: Bool)
        case controlStringEscape(bell: Bool)
        case singleShift
        case intermediate
        case x10Mouse(payload: [UInt32])
    }

    var phase: Phase
    /// The decoded X10 mouse report, once its payload is complete.
    public private(set) var mouse: MouseEvent?
    /// Scalars consumed so far (callers cap sequences by length as well as by time).
    public private(set) var length = 0

    /// After an ESC.
    public init() { phase = .start }

    /// An X10 report's button code (low two bits: left, middle, right, release; +32 motion; +64 wheel).
    static func decodeX10(button b: Int, x: Int, y: Int) -> MouseEvent? {
        guard b >= 0, x >= 0, y >= 0 else { return nil }
        if b & 64 != 0 { return MouseEvent(b & 1 == 0 ? .scrollUp : .scrollDown, x: x, y: y) }
        if b & 32 != 0 { return MouseEvent(.move, x: x, y: y) }
        switch b & 3 {
        case 0: return MouseEvent(.press(.left), x: x, y: y)
        case 1: return MouseEvent(.press(.middle), x: x, y: y)
        case 2: return MouseEvent(.press(.right), x: x, y: y)
        default: return MouseEvent(.release, x: x, y: y)
        }
    }

    /// After a C1 introducer (U+0080–U+009F), or nil if `c1` does not start a sequence.
    public init?(c1: Unicode.Scalar) {
        switch c1.value {
        case 0x9B: phase = .csi
        case 0x90, 0x98, 0x9E, 0x9F: phase = .controlString(bell: false)
        case 0x9D: phase = .controlString(bell: true)
        case 0x8E, 0x8F: phase = .singleShift
        default: return nil
        }
    }

    /// Consumes one scalar; true when the sequence is complete.
    public mutating func feed(_ s: Unicode.Scalar) -> Bool {
        length += 1
        let v = s.value
        switch phase {
        case .start:
            switch s {
            case "[": phase = .csi
            case "P", "X", "^", "_": phase = .controlString(bell: false)
            case "]": phase = .controlString(bell: true)
            case "N", "O": phase = .singleShift
            default:
                if (0x20...0x2F).contains(v) { phase = .intermediate; return false }
                return true
            }
            return false
        case .csi:
            if s == "M" && length == 2 {  // `[M` with no parameters: an X10 mouse report
                phase = .x10Mouse(payload: [])
                return false
            }
            return !(0x20...0x3F).contains(v)
        case .x10Mouse(var payload):
            payload.append(v)
            guard payload.count == 3 else { phase = .x10Mouse(payload: payload); return false }
            mouse = Self.decodeX10(button: Int(payload[0]) - 32, x: Int(payload[1]) - 33, y: Int(payload[2]) - 33)
            return true
        case .controlString(let bell):
            if v == 0x1B { phase = .controlStringEscape(bell: bell); return false }
            return v == 0x9C || (bell && v == 0x07)
        case .controlStringEscape(let bell):
            if v == 0x5C { return true }  // ESC \ is ST
            phase = .controlString(bell: bell)
            return false
        case .singleShift:
            return true
        case .intermediate:
            return !(0x20...0x2F).contains(v)
        }
    }
}
