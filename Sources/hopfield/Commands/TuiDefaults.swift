import EnergyModels
import Patterns
import Visualizer

/// The patterns the live view opens with when no `--patterns` is given: the letters of
/// `HopfieldDefaults.letters` from the built-in set (see there for why these).
enum TuiDefaults {
    static func defaultSet() throws -> PatternSet {
        // The library is embedded and tested against patterns/, so this only fails on a broken build.
        guard let all = PatternLoader.builtin(named: "letters") else { throw CLIError("the built-in letters are missing from this build") }
        let picked = HopfieldDefaults.letters.compactMap { name in all.patterns.first { $0.name == name } }
        return PatternSet(name: "letters", rows: all.rows, cols: all.cols, patterns: picked)
    }
}
