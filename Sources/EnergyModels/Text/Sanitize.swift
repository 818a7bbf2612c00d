/// Makes untrusted text (pattern and file names, values read from files, command-line arguments) safe to
/// show on a terminal. The one rule, used everywhere such text is shown: C0 and C1 controls, DEL, format
/// characters (bidirectional overrides and isolates, zero-width characters) and line or paragraph
/// separators are unsafe; in text they become visible escapes like `\u{1B}`, in a screen cell a `?`.
public enum Sanitize {
    /// `s` with every unsafe scalar written as an escape such as `\u{202E}`.
    public static func terminal(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if isUnsafe(scalar) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// True for scalars that can move the cursor, change colours or reorder text on a terminal: control
    /// characters (C0, DEL, C1), format characters (bidirectional overrides, zero-width joiners) and line
    /// or paragraph separators.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// The first unsafe scalar of `s` and its 1-based position in scalars, if any.
    public static func firstUnsafe(in s: String) -> (scalar: Unicode.Scalar, position: Int)? {
        for (k, scalar) in s.unicodeScalars.enumerated() where isUnsafe(scalar) { return (scalar, k + 1) }
        return nil
    }

    /// A name made usable as one file name component: letters, digits, `-`, `_` and `.` are kept, anything
    /// else becomes `_`; a name that would be empty, hidden or `..` gets a `pattern` prefix.
    public static func fileName(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars.prefix(100) {
            let ok = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == ".")
            out.unicodeScalars.append(ok ? scalar : "_")
        }
        if out.isEmpty || out.hasPrefix(".") { out = "pattern" + out }
        return out
    }

    /// One scalar shown for a message: printable characters quoted as they are, others as escapes.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        if scalar == " " { return "a space" }
        if scalar == "\t" { return "a tab" }
        if isUnsafe(scalar) { return "control character \\u{\(String(scalar.value, radix: 16, uppercase: true))}" }
        return "'\(String(scalar))'"
    }
}
