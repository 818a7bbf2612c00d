/// What the live view stores when the user names no patterns.
public enum HopfieldDefaults {
    /// R, T, V and X of the built-in 10x10 letters. Chosen by measurement, not taste: their mutual overlaps are
    /// at most 0.08, every one is a Hebbian fixed point, and they are the deepest minima around, so the
    /// lecture demo behaves as the theory says: from a cued letter the heat-bath chain stays on it at
    /// T = 0.3 (overlap ≈ 1) and melts as T approaches 1. Letters that share strokes (A C H T X, say) are
    /// fixed points too, but a mixture state of A, H and T lies deeper than A itself, so at T = 0.3 the
    /// state slides from A into the mixture: a demo of spurious states, not of temperature.
    public static let letters = ["R", "T", "V", "X"]
}
