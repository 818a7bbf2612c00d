import EnergyModels
import Foundation
import Patterns
import Visualizer
import XCTest

/// Golden-file comparison for whole screens: `Snapshots/<name>.txt` beside this file. Set
/// HOPFIELD_RECORD_SNAPSHOTS=1 to (re)write the files; a mismatch fails with a line diff. Recording fails
/// the test too, after writing (as swift-snapshot-testing does), so a run with the variable set can never
/// pass silently: record, unset, run again.
func assertSnapshot(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let dir = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    let record = ProcessInfo.processInfo.environment["HOPFIELD_RECORD_SNAPSHOTS"].map { $0 != "" && $0 != "0" } ?? false
    if let failure = snapshotFailure(actual, named: name, in: dir, record: record) { XCTFail(failure, file: file, line: line) }
}

/// The comparison behind `assertSnapshot`: nil when `actual` matches `dir/name.txt`; otherwise why not.
/// Recording writes the file and still returns a failure.
func snapshotFailure(_ actual: String, named name: String, in dir: URL, record: Bool) -> String? {
    let url = dir.appendingPathComponent("\(name).txt")
    if record {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        do { try actual.write(to: url, atomically: true, encoding: .utf8) } catch { return "cannot record \(url.path): \(error)" }
        return "recorded snapshot \(name).txt; run again without HOPFIELD_RECORD_SNAPSHOTS to compare"
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        return "no snapshot \(name).txt: run with HOPFIELD_RECORD_SNAPSHOTS=1 to record it"
    }
    if expected == actual { return nil }
    return "snapshot \(name) differs (HOPFIELD_RECORD_SNAPSHOTS=1 re-records):\n" + lineDiff(expected, actual)
}

/// A minimal line diff: every differing line as `-expected` / `+actual` with its number.
func lineDiff(_ a: String, _ b: String) -> String {
    let x = a.components(separatedBy: "\n"), y = b.components(separatedBy: "\n")
    var out: [String] = []
    for i in 0..<max(x.count, y.count) {
        let l = i < x.count ? x[i] : nil, r = i < y.count ? y[i] : nil
        if l == r { continue }
        if let l { out.append(String(format: "%4d -", i + 1) + l) }
        if let r { out.append(String(format: "%4d +", i + 1) + r) }
        if out.count > 80 { out.append("…"); break }
    }
    return out.joined(separator: "\n")
}

/// The live view's opening screen content: the library letters A C H T X (fixed points together).
func lettersConfig(seed: UInt64 = 7, rule: LearningRule = .hebb, units: UnitConvention = .spin, noise: Double = 0.2) throws -> HopfieldConfig {
    let set = try XCTUnwrap(PatternLoader.builtin(named: "letters"))
    let names = ["A", "C", "H", "T", "X"]
    let pats = names.compactMap { n in set.patterns.first { $0.name == n } }
    XCTAssertEqual(pats.count, names.count)
    return HopfieldConfig(title: "letters", patterns: pats.map { StoredPattern(name: $0.name, up: $0.bits) },
                          rows: set.rows, cols: set.cols, kind: .pairwise(rule), units: units, temperature: 0,
                          schedule: .random, seed: seed, initialNoise: noise)
}

func makeState(_ config: HopfieldConfig, width: Int = 80, height: Int = 24, capabilities: DisplayCapabilities = .unicodeColor) -> HopfieldState {
    var s = HopfieldState(config: config)
    s.capabilities = capabilities
    s.update(.resize(width: width, height: height))
    return s
}

func screen(_ s: HopfieldState, width: Int? = nil, height: Int? = nil) -> CellGrid {
    var g = CellGrid(width: width ?? s.width, height: height ?? s.height)
    s.render(into: &g)
    return g
}

/// A Hopfield view with some history: cue A, corrupt twice, run a few sweeps (deterministic: seeded).
func busyHopfieldState(width: Int, height: Int, capabilities: DisplayCapabilities) throws -> HopfieldState {
    var s = makeState(try lettersConfig(), width: width, height: height, capabilities: capabilities)
    s.update(.cue(0))
    s.update(.corrupt)
    s.update(.corrupt)
    s.update(.toggleRun)
    for _ in 0..<12 { s.tick(elapsed: 0.05) }
    s.update(.toggleRun)
    return s
}

extension HopfieldState {
    /// The pairwise network behind the view (the views under test all run one); traps otherwise.
    var pairwiseNetwork: EnergyNetwork {
        guard let net = network.pairwise else { preconditionFailure("the view runs no pairwise network") }
        return net
    }
}
