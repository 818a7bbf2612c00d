import EnergyModels
import Patterns

/// The patterns the live view opens with when no `--patterns` is given: a handful of well-separated
/// letters from the built-in `letters` set, chosen so that every one is a fixed point (recall works).
enum TuiDefaults {
    static let memories = 5

    /// Letters the library documents as fixed points together under the Hebbian rule.
    static let preferred = ["A", "C", "H", "T", "X"]

    static func defaultSet() -> PatternSet {
        let all = PatternLoader.builtin(named: "letters") ?? fallbackLetters
        let picked = preferred.compactMap { name in all.patterns.first { $0.name == name } }
        if picked.count == preferred.count && allStable(picked, n: all.unitCount) {
            return PatternSet(name: "letters", rows: all.rows, cols: all.cols, patterns: picked)
        }
        return pickRecallable(from: all, count: memories)
    }

    /// Greedy choice: start from the first pattern, then repeatedly add the candidate whose largest
    /// |overlap| with those already chosen is smallest, keeping it only if every chosen pattern stays a
    /// fixed point of the Hebbian network (T = 0), i.e. within capacity for these particular letters.
    static func pickRecallable(from set: PatternSet, count: Int) -> PatternSet {
        guard let first = set.patterns.first else { return set }
        var chosen = [first]
        var rest = Array(set.patterns.dropFirst())
        let n = set.unitCount
        func overlap(_ a: Pattern, _ b: Pattern) -> Double {
            var s = 0
            for i in 0..<n { s += a.bits[i] == b.bits[i] ? 1 : -1 }
            return abs(Double(s)) / Double(n)
        }
        while chosen.count < count, !rest.isEmpty {
            rest.sort { a, b in
                chosen.map { overlap($0, a) }.max() ?? 0 < chosen.map { overlap($0, b) }.max() ?? 0
            }
            var added = false
            for (k, candidate) in rest.enumerated() {
                let trial = chosen + [candidate]
                if allStable(trial, n: n) {
                    chosen = trial
                    rest.remove(at: k)
                    added = true
                    break
                }
            }
            if !added { break }
        }
        return PatternSet(name: "letters", rows: set.rows, cols: set.cols, patterns: chosen)
    }

    static func allStable(_ patterns: [Pattern], n: Int) -> Bool {
        var net = EnergyNetwork(patterns: patterns.map(\.spins), count: n, rule: .hebb, units: .spin)
        for p in patterns {
            net.setState(up: p.bits)
            if !net.isFixedPoint { return false }
        }
        return true
    }

    /// Used until (or unless) the pattern library provides a `letters` set.
    static let fallbackLetters: PatternSet = {
        let text = """
        >A
        ...###...
        ..##.##..
        .##...##.
        ##.....##
        ##.....##
        #########
        ##.....##
        ##.....##
        ##.....##

        >T
        #########
        #########
        ...###...
        ...###...
        ...###...
        ...###...
        ...###...
        ...###...
        ...###...

        >O
        ..#####..
        .##...##.
        ##.....##
        ##.....##
        ##.....##
        ##.....##
        ##.....##
        .##...##.
        ..#####..

        >X
        ##.....##
        .##...##.
        ..##.##..
        ...###...
        ...###...
        ..##.##..
        .##...##.
        ##.....##
        #.......#

        >L
        ##.......
        ##.......
        ##.......
        ##.......
        ##.......
        ##.......
        ##.......
        #########
        #########

        >E
        #########
        ##.......
        ##.......
        #######..
        #######..
        ##.......
        ##.......
        ##.......
        #########

        >H
        ##.....##
        ##.....##
        ##.....##
        #########
        #########
        ##.....##
        ##.....##
        ##.....##
        ##.....##

        >C
        ..######.
        .##....##
        ##.......
        ##.......
        ##.......
        ##.......
        ##.......
        .##....##
        ..######.
        """
        return (try? TextPatternFormat.parse(text, file: "letters"))
            ?? PatternSet(name: "letters", rows: 1, cols: 1, patterns: [Pattern(name: "up", rows: 1, cols: 1, bits: [true])])
    }()
}
