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
/// A control character where none belongs ends the sequence (it is swallowed with it).
public struct EscapeSequence: Sendable, Equatable {
    enum Phase: Sendable, Equatable {
        case start
        case csi
        case controlString(bell: Bool)
        case controlStringEscape(bell: Bool)
        case singleShift
        case intermediate
    }

    var phase: Phase
    /// Scalars consumed so far (callers cap sequences by length as well as by time).
    public private(set) var length = 0

    /// After an ESC.
    public init() { phase = .start }

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
            return !(0x20...0x3F).contains(v)
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
