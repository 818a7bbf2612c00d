/// The v-h-v encoder problem (Ackley, Hinton and Sejnowski, 1985): two groups V1 and V2 of v visible
/// units joined only through h hidden units. The environment has v equiprobable vectors, vector k having
/// unit k of V1 and unit k of V2 on and every other visible unit off. To reproduce V1's one-of-v code on
/// V2 the hidden units must agree on v distinct codes: with h = log2 v, a dense binary code.
public struct EncoderProblem: Sendable, Equatable {
    public let groupSize: Int
    public let hidden: Int
    public let connectivity: BoltzmannConnectivity

    /// Preconditions: groupSize ≥ 2, hidden ≥ 1. See `BoltzmannConnectivity.encoder` for the layout.
    public init(groupSize: Int, hidden: Int, withinGroups: Bool = true, hiddenLinks: Bool = false) {
        precondition(groupSize >= 2 && hidden >= 1, "an encoder needs v ≥ 2 and h ≥ 1")
        self.groupSize = groupSize
        self.hidden = hidden
        self.connectivity = .encoder(groupSize: groupSize, hidden: hidden, withinGroups: withinGroups, hiddenLinks: hiddenLinks)
    }

    public var visible: Int { 2 * groupSize }

    /// A machine with every weight and bias zero.
    public func makeMachine() -> BoltzmannMachine { BoltzmannMachine(connectivity: connectivity, visible: visible) }

    /// The v training vectors over the 2v visible units (V1 then V2).
    public var trainingVectors: [[Bool]] {
        (0..<groupSize).map { k in (0..<visible).map { $0 == k || $0 == groupSize + k } }
    }

    /// Whether a machine solves the problem. For each input k, V1 is clamped to its one-of-v vector and
    /// the network's answer is the lowest-energy state of H and V2 together (the T → 0 limit of annealing
    /// with V1 clamped), found exactly by enumeration when v + h ≤ `BoltzmannExact.maxFreeUnits`. Solved
    /// means: every answer is a strict minimum (no tie), its V2 part equals the input's one-of-v vector,
    /// and the v hidden codes are distinct. Beyond the enumeration limit the answer is approximated by
    /// annealing with `schedule` and then settling at T = 0, using `rng`.
    public func check(_ m: BoltzmannMachine, schedule: BoltzmannAnnealing = .ackley1985, rng: inout Xoshiro256) -> EncoderCheck {
        check(m, schedule: schedule, rng: &rng, quick: true)
    }

    /// `quick: false` skips the cheap necessary test, so that every answer (codes and outputs) is the
    /// real lowest-energy state even when the problem is not solved (for views and tests).
    public func check(_ m: BoltzmannMachine, schedule: BoltzmannAnnealing, rng: inout Xoshiro256, quick: Bool) -> EncoderCheck {
        let v = groupSize
        let free = Array(v..<(2 * v + hidden))
        let exact = free.count <= BoltzmannExact.maxFreeUnits
        let tolerance = 1e-9 * max(1, m.largestWeight)
        if quick && exact, let failed = quickRejection(m, tolerance: tolerance) { return failed }
        var codes: [[Bool]] = []
        var outputs: [[Bool]] = []
        var unique = true
        var correct = 0
        for k in 0..<v {
            var state = [Double](repeating: 0, count: m.count)
            state[k] = 1
            if exact {
                let g = BoltzmannExact.groundState(m, state: state, free: free)
                state = g.state
                if !(g.gap > tolerance) { unique = false }
            } else {
                var order = free
                for i in free { state[i] = Double(rng.next() >> 63) }
                m.anneal(&state, order: &order, schedule: schedule, rng: &rng)
                if !m.settle(&state, order: &order, maxSweeps: 1000, rng: &rng) { unique = false }
            }
            let out = (v..<(2 * v)).map { state[$0] == 1 }
            outputs.append(out)
            codes.append(((2 * v)..<(2 * v + hidden)).map { state[$0] == 1 })
            if out == (0..<v).map({ $0 == k }) { correct += 1 }
        }
        let distinct = Set(codes).count
        return EncoderCheck(solved: unique && correct == v && distinct == v, exact: exact, codes: codes,
                            outputs: outputs, distinctCodes: distinct, correctOutputs: correct)
    }

    /// The hidden code input k settles on when both visible groups show it: the lowest-energy H with V1
    /// and V2 set to vector k (nil if that minimum is shared).
    public func code(_ m: BoltzmannMachine, input k: Int, tolerance: Double) -> [Bool]? {
        var state = [Double](repeating: 0, count: m.count)
        state[k] = 1
        state[groupSize + k] = 1
        let g = BoltzmannExact.groundState(m, state: state, free: Array((2 * groupSize)..<(2 * groupSize + hidden)))
        guard g.gap > tolerance else { return nil }
        return ((2 * groupSize)..<(2 * groupSize + hidden)).map { g.state[$0] == 1 }
    }

    /// A cheap necessary condition for `check`, which would otherwise enumerate 2^(v+h) states per input.
    /// If the problem is solved, input k's ground state has V2 = vector k and H = `code(k)`, and being a
    /// strict global minimum it is also stable against every single flip of H and V2. Returns the failed
    /// check (codes from `code`) when that fails for some input or two codes coincide, else nil.
    private func quickRejection(_ m: BoltzmannMachine, tolerance: Double) -> EncoderCheck? {
        let v = groupSize
        var codes: [[Bool]] = []
        var stable = true
        for k in 0..<v {
            guard let c = code(m, input: k, tolerance: tolerance) else {
                codes.append([Bool](repeating: false, count: hidden))
                stable = false
                continue
            }
            codes.append(c)
            var state = [Double](repeating: 0, count: m.count)
            state[k] = 1
            state[v + k] = 1
            for j in 0..<hidden where c[j] { state[2 * v + j] = 1 }
            // Flipping unit i changes E by (2 s_i - 1) h_i; stability needs every change > 0.
            for i in v..<(2 * v + hidden) where (2 * state[i] - 1) * m.field(i, state: state) <= tolerance {
                stable = false
                break
            }
        }
        let distinct = Set(codes).count
        if stable && distinct == v { return nil }
        let outputs = (0..<v).map { k in (0..<v).map { $0 == k } }
        return EncoderCheck(solved: false, exact: true, codes: codes, outputs: outputs, distinctCodes: distinct, correctOutputs: 0)
    }
}

/// The result of `EncoderProblem.check`.
public struct EncoderCheck: Sendable, Equatable {
    public var solved: Bool
    /// True when the answers were found by exact enumeration, false when by annealing and settling.
    public var exact: Bool
    /// The hidden code for each input, in input order: the H part of each answer, or, when the cheap
    /// necessary test already fails, `EncoderProblem.code` (H with both groups showing the input; all
    /// off when that is ambiguous). The two agree on a solution.
    public var codes: [[Bool]]
    /// V2's state for each input.
    public var outputs: [[Bool]]
    public var distinctCodes: Int
    public var correctOutputs: Int
}

/// One learning run of an encoder experiment.
public struct EncoderTrialResult: Sendable, Equatable {
    public var trial: Int
    /// The first learning cycle after which the check passed, or nil if none did within the limit.
    public var solvedAtCycle: Int?
    public var cyclesRun: Int
    /// The check at the solving cycle, or after the last cycle.
    public var check: EncoderCheck
    public var largestWeight: Double
}

/// Independent learning runs of an encoder, spread over all cores. Trial k draws all its random numbers
/// from `Xoshiro256(seed: seed, stream: k)`, so results do not depend on the number of cores.
public enum EncoderExperiment {
    /// Learns until the check passes (checked after every cycle) or `maxCycles` cycles have run.
    public static func runTrial(_ problem: EncoderProblem, options: BoltzmannTrainingOptions, maxCycles: Int, seed: UInt64, trial: Int) -> EncoderTrialResult {
        var trainer = BoltzmannTrainer(machine: problem.makeMachine(), data: problem.trainingVectors, options: options,
                                       rng: Xoshiro256(seed: seed, stream: UInt64(trial)))
        // The check draws from its own stream (only used beyond the enumeration limit), so that checking
        // does not change the course of learning.
        var checkRNG = Xoshiro256(seed: seed ^ 0x5EED_C4EC_0000_0000, stream: UInt64(trial))
        var last = problem.check(trainer.machine, schedule: options.schedule, rng: &checkRNG)
        for c in 1...max(1, maxCycles) where maxCycles > 0 {
            trainer.cycle()
            last = problem.check(trainer.machine, schedule: options.schedule, rng: &checkRNG)
            if last.solved {
                return EncoderTrialResult(trial: trial, solvedAtCycle: c, cyclesRun: c, check: last, largestWeight: trainer.machine.largestWeight)
            }
        }
        return EncoderTrialResult(trial: trial, solvedAtCycle: nil, cyclesRun: max(0, maxCycles), check: last, largestWeight: trainer.machine.largestWeight)
    }

    /// `trials` independent runs, in parallel.
    public static func run(_ problem: EncoderProblem, options: BoltzmannTrainingOptions, trials: Int, maxCycles: Int, seed: UInt64) -> [EncoderTrialResult] {
        let workers = ParallelTrials.workerCount(requested: nil, items: trials, bytesPerItem: 1 << 16)
        return ParallelTrials.map(count: trials, workers: workers, progress: nil) { k in
            runTrial(problem, options: options, maxCycles: maxCycles, seed: seed, trial: k)
        }
    }

    /// The median number of cycles over all trials, counting an unsolved trial as taking longer than any
    /// solved one; nil when that median falls on an unsolved trial (fewer than half solved).
    public static func medianCycles(_ cycles: [Int?]) -> Double? {
        guard !cycles.isEmpty else { return nil }
        let sorted = cycles.map { $0.map(Double.init) ?? .infinity }.sorted()
        let n = sorted.count
        let m = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        return m.isFinite ? m : nil
    }
}
