import Foundation

/// Number formatting for the screen (fixed widths keep the layout still while values change).
public enum Format {
    public static func fixed(_ x: Double, _ digits: Int) -> String {
        var x = x
        if x.isFinite && abs(x) < 0.5 * pow(10, -Double(digits)) { x = 0 }
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        return String(format: "%.\(digits)f", x)
    }

    /// With an explicit sign: +0.98, -1.00.
    public static func signed(_ x: Double, _ digits: Int) -> String {
        var x = x
        if x.isFinite && abs(x) < 0.5 * pow(10, -Double(digits)) { x = 0 } // no "-0.00"
        let s = fixed(x, digits)
        return x >= 0 && !s.hasPrefix("-") ? "+" + s : s
    }

    /// Compact energies: 3 significant figures for small values, no more than ~7 characters.
    public static func energy(_ e: Double) -> String {
        let a = abs(e)
        if a >= 100_000 { return String(format: "%.3g", e) }
        if a >= 1000 { return fixed(e, 0) }
        if a >= 10 { return fixed(e, 1) }
        return fixed(e, 2)
    }

    /// 1, 20, 5k, 1M.
    public static func rate(_ r: Double) -> String {
        if r >= 1_000_000 { return "\(Int(r / 1_000_000))M" }
        if r >= 1000 { return "\(Int(r / 1000))k" }
        return "\(Int(r))"
    }
}
