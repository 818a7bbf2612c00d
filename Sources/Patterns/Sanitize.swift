/// Makes untrusted text (pattern names, file names) safe to print on a terminal.
public enum Sanitize {
    /// Control and format characters (ESC above all) become visible escapes like `\u{1B}`.
    public static func terminal(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
