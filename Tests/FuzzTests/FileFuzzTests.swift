import EnergyModels
import Foundation
import Patterns
import Visualizer
import XCTest

/// Mutated files of every kind the program reads, through the readers the program uses (from a path, so
/// the capped reader is exercised too), each followed by what the program does next with the result
/// (building the network, the grid, the lesson's views). Every case must end — no crash, no hang (a
/// watchdog aborts a case running longer than `FUZZ_TIMEOUT` seconds, 10 by default), a peak resident
/// set within `64 MB + 64 x the input's size` of where it started — either accepted or refused with a
/// one-line message free of control, bidi and format characters.
///
/// `swift test --filter FileFuzzTests` runs 3,500 cases (a few seconds); a soak sets the count and the
/// seed: `FUZZ_CASES=100000 FUZZ_SEED=7 swift test --filter FileFuzzTests`. `FUZZ_TRACE=1` prints each case
/// before it runs, to find one that crashes the process.
final class FileFuzzTests: XCTestCase {
    /// One kind of file: valid examples to mutate, and the program's way of reading and using it, which
    /// returns a broken invariant of what was accepted, if any.
    struct Kind {
        var name: String
        var fileExtension: String
        var seeds: [[UInt8]]
        var use: (String) throws -> String?
    }

    func kinds() throws -> [Kind] {
        let dir = NSTemporaryDirectory() + "hopfield-fuzz-seeds-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func bytes(of path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

        let seedSet = try XCTUnwrap(PatternLoader.builtin(named: "seed-example"))
        let shapes = try XCTUnwrap(PatternLoader.builtin(named: "shapes"))
        let letters = try XCTUnwrap(PatternLoader.builtin(named: "letters"))
        // Network models: the seed example (1x4, two patterns) and a small binary one.
        var models: [[UInt8]] = []
        for (set, units) in [(seedSet, UnitConvention.spin), (PatternSet(name: "s", rows: shapes.rows, cols: shapes.cols, patterns: Array(shapes.patterns.prefix(2))), .binary)] {
            let stored = set.patterns.map { StoredPattern(name: $0.name, up: $0.bits) }
            let net = EnergyNetwork(patterns: stored.map(\.spins), count: set.unitCount, rule: .hebb, units: units, representation: .dense)
            try NetworkModelFile(network: net, shape: [set.rows, set.cols], patterns: stored).write(to: dir + "/m.json")
            models.append(try bytes(of: dir + "/m.json"))
        }
        // RBM and DBN models.
        var rbmModels: [[UInt8]] = []
        var rng = Xoshiro256(seed: 3)
        func randomRBM(_ v: Int, _ h: Int) -> RBM {
            RBM(visibleCount: v, hiddenCount: h, weights: (0..<(v * h)).map { _ in Float(rng.nextUnit() - 0.5) },
                visibleBias: (0..<v).map { _ in Float(rng.nextUnit() - 0.5) }, hiddenBias: (0..<h).map { _ in Float(rng.nextUnit() - 0.5) })
        }
        try RBMModelFile(rbm: randomRBM(6, 3), visibleShape: [2, 3]).write(to: dir + "/r.json")
        rbmModels.append(try bytes(of: dir + "/r.json"))
        try RBMModelFile(dbn: DeepBeliefNet(layers: [randomRBM(4, 3), randomRBM(3, 2)]), visibleShape: nil).write(to: dir + "/d.json")
        rbmModels.append(try bytes(of: dir + "/d.json"))
        // A recording with every kind of entry.
        var recording = SessionRecording(arguments: ["tui", "--seed", "3", "--patterns", "letters"], width: 80, height: 24, glyphs: .unicode, theme: .dark)
        recording.entries = [(0.05, .tick(0.05)), (0.1, .event(.key(.char("2")))), (0.2, .event(.mouse(MouseEvent(.press(.left), x: 14, y: 6)))),
                             (0.3, .event(.mouse(MouseEvent(.release, x: 16, y: 6)))), (0.4, .event(.resize(width: 100, height: 30))),
                             (0.5, .event(.key(.pageDown))), (0.55, .tick(0.05))]
        let lesson = try XCTUnwrap(BuiltinLessonLibrary.source(named: "03-four-neuron-example"))

        return [
            Kind(name: "model", fileExtension: "json", seeds: models) { path in
                let file = try NetworkModelFile.read(path: path)
                let net = file.makeNetwork()
                return file.patterns.allSatisfy { $0.spins.count == net.count } ? nil : "a stored pattern's size differs from the network's"
            },
            Kind(name: "rbm-model", fileExtension: "json", seeds: rbmModels) { path in
                let file = try RBMModelFile.read(path: path)
                let layers = file.isDeepBeliefNet ? file.dbn.layers : [file.rbm]
                return zip(layers, layers.dropFirst()).allSatisfy { $0.hiddenCount == $1.visibleCount } ? nil : "layers do not chain"
            },
            Kind(name: "pattern-text", fileExtension: "txt", seeds: [PatternLoader.builtinSource(named: "seed-example") ?? [],
                                                                     Array(TextPatternFormat.render(shapes).utf8.prefix(800))]) { path in
                try Self.useSet(PatternLoader.load(path: path), input: path)
            },
            Kind(name: "pattern-pbm", fileExtension: "pbm", seeds: [Array(PBMFormat.renderP1(letters.patterns[0]).utf8),
                                                                    PBMFormat.renderP4(letters.patterns[1])]) { path in
                try Self.useSet(PatternLoader.load(path: path), input: path)
            },
            Kind(name: "pattern-csv", fileExtension: "csv", seeds: [Array(CSVPatternFormat.render(seedSet).utf8),
                                                                    Array("1,0,1,0\n0,1,0,1\n".utf8)]) { path in
                try Self.useSet(PatternLoader.load(path: path), input: path)
            },
            Kind(name: "lesson", fileExtension: "txt", seeds: [lesson]) { path in
                let lesson = try LessonFormat.load(path: path)
                _ = try LessonApp(lesson: lesson, pretrain: false)
                return lesson.steps.isEmpty ? "a lesson without steps" : nil
            },
            Kind(name: "recording", fileExtension: "txt", seeds: [Array(recording.text().utf8)]) { path in
                let r = try SessionRecording.load(path: path)
                let grid = CellGrid(width: r.width, height: r.height)
                return grid.width == r.width && grid.height == r.height ? nil : "a recorded size beyond the largest screen"
            },
        ]
    }

    /// What the program does with a pattern set: store it (the budget decides whether it may). The set's
    /// invariants: patterns of its size with unique, safe names, bounded by the input, rendering back as
    /// the same patterns.
    static func useSet(_ set: PatternSet, input path: String) throws -> String? {
        let spins = set.patterns.map { $0.bits.map { Int8($0 ? 1 : -1) } }
        try NetworkBudget.check(count: set.unitCount, patterns: spins.count, rule: .hebb)
        _ = EnergyNetwork(patterns: spins, count: set.unitCount, rule: .hebb, units: .spin)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if set.patterns.isEmpty || set.unitCount < 1 || set.unitCount > PatternLimits.maxUnits { return "size \(set.rows)x\(set.cols)" }
        // Text and CSV spend at least one byte per unit, P4 one bit.
        if set.unitCount * set.patterns.count > 8 * size + 8 { return "more units than the input can hold" }
        if Set(set.patterns.map(\.name)).count != set.patterns.count { return "duplicate names" }
        for p in set.patterns {
            if p.bits.count != set.unitCount || p.rows != set.rows || p.cols != set.cols { return "pattern \(p.name) of another size" }
            if Sanitize.firstUnsafe(in: p.name) != nil { return "an unsafe character in a name" }
        }
        if (try? TextPatternFormat.parse(TextPatternFormat.render(set), file: "again").patterns) != set.patterns { return "no text round trip" }
        return nil
    }

    func testFuzzEveryReader() throws {
        let env = ProcessInfo.processInfo.environment
        let cases = Int(env["FUZZ_CASES"] ?? "") ?? 3500
        let seed = UInt64(env["FUZZ_SEED"] ?? "") ?? 15
        let timeout = Double(env["FUZZ_TIMEOUT"] ?? "") ?? 10
        let trace = env["FUZZ_TRACE"] != nil
        let kinds = try kinds()
        let dir = NSTemporaryDirectory() + "hopfield-fuzz-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let watchdog = Watchdog(timeout: timeout)
        // The meter works: 80 MB touched shows in the peak.
        let base = PeakMemory.reset()
        var probe = [UInt8](repeating: 1, count: 80 << 20)
        probe[probe.count - 1] = 2
        XCTAssertGreaterThan(PeakMemory.peak() - base, 60 << 20, "the peak memory meter does not work here")
        probe = []

        var rng = Xoshiro256(seed: seed)
        var accepted = [Int](repeating: 0, count: kinds.count), refused = accepted
        var slowest = (seconds: 0.0, case: -1), largestGrowth = (bytes: 0, case: -1)
        let start = ContinuousClock.now
        for k in 0..<cases {
            let kindIndex = k % kinds.count
            let kind = kinds[kindIndex]
            let input = Mutator.mutate(kind.seeds[rng.nextInt(below: kind.seeds.count)], rng: &rng)
            // A new file per case, written plainly: rewriting one file in place makes ext4 flush it to disk
            // at each close, and Foundation's write costs milliseconds more.
            let path = dir + "/case-\(k).\(kind.fileExtension)"
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            XCTAssertGreaterThanOrEqual(fd, 0)
            _ = input.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            defer { unlink(path) }
            let label = "fuzz case \(k) (seed \(seed), \(kind.name), \(input.count) bytes)"
            if trace { FileHandle.standardError.write(Data("\(label)\n".utf8)) }
            watchdog.begin(label, input: input)
            let before = PeakMemory.reset()
            let caseStart = ContinuousClock.now
            do {
                if let broken = try kind.use(path) { XCTFail("\(label): accepted, but \(broken)") }
                accepted[kindIndex] += 1
            } catch {
                let message = "\(error)"
                XCTAssertFalse(message.isEmpty, label)
                XCTAssertFalse(message.contains("\n"), "\(label): a message of more than one line: \(message)")
                XCTAssertNil(Sanitize.firstUnsafe(in: message), "\(label): unsafe text in the message: \(message.debugDescription)")
                refused[kindIndex] += 1
            }
            let seconds = (ContinuousClock.now - caseStart) / .seconds(1)
            watchdog.end()
            let growth = PeakMemory.peak() - before
            if seconds > slowest.seconds { slowest = (seconds, k) }
            if growth > largestGrowth.bytes { largestGrowth = (growth, k) }
            XCTAssertLessThanOrEqual(growth, 64 << 20 + 64 * input.count, "\(label): peak memory grew by \(growth) bytes")
        }
        let total = (ContinuousClock.now - start) / .seconds(1)
        let perKind = kinds.indices.map { "\(kinds[$0].name) \(accepted[$0])/\(refused[$0])" }.joined(separator: ", ")
        print("fuzz: \(cases) cases with seed \(seed) in \(String(format: "%.1f", total)) s; accepted/refused: \(perKind); "
              + "slowest case \(slowest.case) \(String(format: "%.3f", slowest.seconds)) s; "
              + "largest peak growth case \(largestGrowth.case) \(largestGrowth.bytes >> 10) KiB; peak resident set \(PeakMemory.peak() >> 20) MiB")
        // Both outcomes for every kind, or the mutations are not exploring anything.
        if cases >= 20 * kinds.count {
            for k in kinds.indices {
                XCTAssertGreaterThan(accepted[k], 0, "no \(kinds[k].name) case was accepted")
                XCTAssertGreaterThan(refused[k], 0, "no \(kinds[k].name) case was refused")
            }
        }
    }
}

/// Byte- and token-level mutations of a valid file.
enum Mutator {
    static let alphabet = Array("#.>;:\n\n\r \t01,\"[]{}-_█é\u{1B}name".utf8)
    /// Values that probe limits: huge, negative, non-finite, overflowing, empty, control and bidi text.
    static let tokens = ["999999999999999", "1e308", "-1", "0", "1e999", "-0", "18446744073709551616", "nan", "\"\"",
                         "null", "[]", "{}", "2147483648", "\u{202E}", "\u{1B}[2J", "\\u0000", "\\u202e", "100000 100000",
                         String(repeating: "[", count: 300), "r999999c999999", "P4\n100000 100000\n",
                         "[999999999999999, 999999999999999]", "[46341, 46341]"].map { Array($0.utf8) }

    static func mutate(_ seed: [UInt8], rng: inout Xoshiro256) -> [UInt8] {
        var bytes = seed
        for _ in 0...rng.nextInt(below: 4) {
            let i = bytes.isEmpty ? 0 : rng.nextInt(below: bytes.count)
            switch rng.nextInt(below: 9) {
            case 0 where !bytes.isEmpty: bytes[i] = alphabet[rng.nextInt(below: alphabet.count)]
            case 1 where !bytes.isEmpty: bytes[i] = UInt8(rng.nextInt(below: 256))
            case 2: bytes.insert(alphabet[rng.nextInt(below: alphabet.count)], at: i)
            case 3 where !bytes.isEmpty: bytes.remove(at: i)
            case 4: bytes = Array(bytes.prefix(i))
            case 5, 6:
                // Replace a number (a run of digits) with a probing token, or insert one.
                var j = i
                while j < bytes.count && (0x30...0x39).contains(bytes[j]) { j += 1 }
                bytes.replaceSubrange(i..<j, with: tokens[rng.nextInt(below: tokens.count)])
            default:  // duplicate a slice (repeated names, keys, rows)
                let j = Swift.min(bytes.count, i + rng.nextInt(below: 60))
                bytes.insert(contentsOf: Array(bytes[i..<j]), at: j)
            }
        }
        return bytes
    }
}

/// The process's peak resident set (VmHWM), which Linux lets a process reset (`clear_refs` 5).
enum PeakMemory {
    /// Resets the peak to the current resident set and returns it (0 where unsupported).
    static func reset() -> Int {
        if let fd = Optional(open("/proc/self/clear_refs", O_WRONLY)), fd >= 0 {
            _ = "5".withCString { write(fd, $0, 1) }
            close(fd)
        }
        return peak()
    }

    static func peak() -> Int { MachineInfo.residentMemory()?.peak ?? 0 }
}

/// Aborts the process, naming the case and saving its input, when a case runs too long: a hang must
/// fail the run, not stall it.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var current: (label: String, input: [UInt8], started: ContinuousClock.Instant)?
    private let timeout: Double

    init(timeout: Double) {
        self.timeout = timeout
        let thread = Thread { [weak self] in
            while let self {
                Thread.sleep(forTimeInterval: 0.25)
                self.check()
            }
        }
        thread.start()
    }

    func begin(_ label: String, input: [UInt8]) { lock.withLock { current = (label, input, .now) } }
    func end() { lock.withLock { current = nil } }

    private func check() {
        guard let c = lock.withLock({ current }), (ContinuousClock.now - c.started) / .seconds(1) > timeout else { return }
        let saved = NSTemporaryDirectory() + "hopfield-fuzz-hang-\(getpid())"
        try? Data(c.input).write(to: URL(fileURLWithPath: saved))
        FileHandle.standardError.write(Data("\(c.label) has run for more than \(timeout) s (a hang); its input is in \(saved)\n".utf8))
        abort()
    }
}
