import EnergyModels

/// A side effect the pure state machine asks its host to perform.
public enum Effect: Equatable, Sendable {
    /// Write `contents` (a pattern file) to a new file named `hopfield-state-N.txt`.
    case writeStateFile(contents: String)
    /// Write the current screen as SVG to a new file named `hopfield-view-N.svg`.
    case writePicture
}

/// Temperature steps of the `+` and `-` keys.
public enum TemperatureSteps {
    public static let factor = 1.25
    public static let floor = 0.05

    /// `+`: from 0 to 0.05, otherwise ×1.25.
    public static func raised(_ t: Double) -> Double { t <= 0 ? floor : t * factor }
    /// `-`: ÷1.25, and anything below 0.05 becomes 0.
    public static func lowered(_ t: Double) -> Double {
        let u = t / factor
        return u < floor ? 0 : u
    }
}

/// Annealing parameters: geometric cooling from `start` (or the current T when higher) to `end` over
/// `sweeps` sweeps, after which T is set to exactly 0 and stays there.
public enum AnnealingDefaults {
    public static let start = 2.0
    public static let end = 0.02
    public static let sweeps = 30
}

extension HopfieldState {
    /// Applies one action. Pure apart from the simulation's seeded generator; a file write is returned as
    /// an effect for the host to perform.
    @discardableResult
    public mutating func update(_ action: Action) -> Effect? {
        var effect: Effect? = nil
        switch action {
        case .toggleRun:
            toggleRunning()
        case .sweep:
            if running { running = false }
            let before = simulation.sweeps
            let changed = simulation.sweep()
            advanceAnnealing(sweeps: simulation.sweeps - before)
            history.append(simulation.network.energy)
            message = "one sweep: \(changed) unit\(changed == 1 ? "" : "s") changed"
        case .step:
            if running { running = false }
            let before = simulation.sweeps
            if let u = simulation.step() {
                let (r, c) = (u.unit / cols, u.unit % cols)
                message = "updated unit (\(r),\(c)): \(u.flipped ? "flipped" : "unchanged")"
            } else {
                message = "synchronous step: every unit updated at once"
            }
            advanceAnnealing(sweeps: simulation.sweeps - before)
            history.append(simulation.network.energy)
        case .cue(let k):
            if k >= 0 && k < patterns.count {
                simulation.network.setState(up: patterns[k].spins.map { $0 > 0 })
                simulation.resetCounters()
                history.append(simulation.network.energy, edit: true)
                message = "cued memory \(k + 1): \(patterns[k].name)"
            } else {
                message = "no memory \(k + 1) (there \(patterns.count == 1 ? "is" : "are") \(patterns.count))"
            }
        case .corrupt:
            let k = max(1, Int((0.1 * Double(unitCount)).rounded()))
            HopfieldState.flipRandom(k, in: &simulation)
            history.append(simulation.network.energy, edit: true)
            message = "corrupted: flipped \(k) units"
        case .randomize:
            var up = [Bool](repeating: false, count: unitCount)
            for i in 0..<unitCount { up[i] = simulation.rng.nextUnit() < 0.5 }
            simulation.network.setState(up: up)
            simulation.resetCounters()
            history.append(simulation.network.energy, edit: true)
            message = "random state"
        case .invert:
            simulation.network.setState(up: simulation.network.upFlags.map { !$0 })
            history.append(simulation.network.energy, edit: true)
            message = "inverted the state"
        case .hotter:
            annealing = nil
            simulation.temperature = TemperatureSteps.raised(simulation.temperature)
            message = "T = \(Format.fixed(simulation.temperature, 3))"
        case .colder:
            annealing = nil
            simulation.temperature = TemperatureSteps.lowered(simulation.temperature)
            message = "T = \(Format.fixed(simulation.temperature, 3))"
        case .zeroTemperature:
            annealing = nil
            simulation.temperature = 0
            message = "T = 0: deterministic updates, E never rises"
        case .toggleAnnealing:
            if annealing != nil {
                annealing = nil
                message = "annealing off at T = \(Format.fixed(simulation.temperature, 3))"
            } else {
                let start = max(simulation.temperature, AnnealingDefaults.start)
                let schedule = AnnealingSchedule(start: start, end: AnnealingDefaults.end, sweeps: AnnealingDefaults.sweeps)
                annealing = AnnealingRun(schedule: schedule, sweepsDone: 0)
                simulation.temperature = start
                running = true
                budget.reset()
                message = "annealing: T from \(Format.fixed(start, 2)) toward 0 over \(AnnealingDefaults.sweeps) sweeps"
            }
        case .cycleSchedule:
            let next: UpdateSchedule
            switch simulation.schedule {
            case .random: next = .sequential
            case .sequential: next = .synchronous
            case .synchronous: next = .random
            }
            simulation.schedule = next
            message = "schedule: \(next.rawValue)"
        case .cycleRule:
            let next: LearningRule
            switch kind.rule ?? .pinv {
            case .hebb: next = .storkey
            case .storkey: next = .pinv
            case .pinv: next = .hebb
            }
            do { try NetworkBudget.check(count: unitCount, patterns: patterns.count, rule: next, units: simulation.network.units) } catch {
                message = "\(error)"
                break
            }
            kind = .pairwise(next)
            relearn(done: "re-learned the weights with the \(next.displayName) rule")
            if capacityPanel != nil {
                capacityPanel = CapacityPanel.measure(neurons: unitCount, memories: patterns.count, kind: kind, seed: simulation.rng.next())
            }
        case .cycleInteraction:
            let next: NetworkKind
            switch kind {
            case .pairwise: next = .dense(.polynomial(3))
            case .dense(.polynomial(3)): next = .dense(.exponential)
            case .dense: next = .softmax
            case .softmax: next = .hebb
            }
            do { try next.validate(count: unitCount, memories: patterns.count, units: simulation.network.units) } catch {
                message = "\(error)"
                break
            }
            kind = next
            relearn(done: "interaction \(next.interaction.name): \(next.interaction.formula)")
            if capacityPanel != nil {
                capacityPanel = CapacityPanel.measure(neurons: unitCount, memories: patterns.count, kind: kind, seed: simulation.rng.next())
            }
        case .slower:
            changeSpeed(faster: false)
        case .faster:
            changeSpeed(faster: true)
        case .storeState:
            if patterns.count >= HopfieldState.memoryLimit(for: kind) {
                message = "already \(patterns.count) memories: forget one first (D)"
            } else {
                let name = uniqueName()
                patterns.append(StoredPattern(name: name, up: simulation.network.upFlags))
                relearn(done: "stored the state as memory \(patterns.count): \(name)")
            }
        case .forgetLast:
            if patterns.count <= 1 {
                message = "cannot forget the only memory"
            } else {
                let gone = patterns.removeLast()
                relearn(done: "forgot memory \(patterns.count + 1): \(gone.name)")
            }
        case .writeState:
            effect = .writeStateFile(contents: stateFileText())
        case .toggleExplain:
            showExplain.toggle()
        case .toggleCapacity:
            if capacityPanel != nil {
                capacityPanel = nil
            } else {
                capacityPanel = CapacityPanel.measure(neurons: unitCount, memories: patterns.count, kind: kind, seed: simulation.rng.next())
                message = "capacity: \(capacityPanel?.points.count ?? 0) loads x \(capacityPanel?.trials ?? 0) trials of random patterns at N = \(capacityPanel?.neurons ?? 0)"
            }
        case .writePicture:
            effect = .writePicture
        case .toggleHelp:
            showHelp.toggle()
        case .closeOverlay:
            showHelp = false
        case .quit:
            quit = true
        case .moveCursor(let dr, let dc):
            if cursorVisible {
                cursorRow = min(rows - 1, max(0, cursorRow + dr))
                cursorCol = min(cols - 1, max(0, cursorCol + dc))
            }
            cursorVisible = true
            message = "cursor (\(cursorRow),\(cursorCol)): x or Enter flips"
        case .flipAtCursor:
            cursorVisible = true
            let i = cursorRow * cols + cursorCol
            simulation.network.flip(i)
            history.append(simulation.network.energy, edit: true)
            message = "flipped (\(cursorRow),\(cursorCol))"
        case .paint(let r, let c, let up):
            guard r >= 0, r < rows, c >= 0, c < cols else { break }
            let i = r * cols + c
            if simulation.network.isUp(i) != up {
                simulation.network.set(i, to: simulation.network.units.value(up))
                history.append(simulation.network.energy, edit: true)
                message = "painted (\(r),\(c)) \(up ? "up" : "down")"
            }
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
        }
        refresh()
        return effect
    }

    /// Advances the simulation by `elapsed` seconds at the current speed (the frame clock calls this).
    /// At T = 0 it stops at the end of a sweep with no change (a fixed point).
    public mutating func tick(elapsed: Double) {
        guard running else { return }
        if simulation.temperature == 0 && annealing == nil && atFixedPoint {
            budget.reset()
            return
        }
        budget.accrue(rate: updatesPerSecond, elapsed: elapsed)
        let cost = simulation.schedule == .synchronous ? Double(max(1, unitCount)) : 1
        var did = false
        while budget.take(cost) {
            let before = simulation.sweeps
            simulation.step()
            did = true
            let done = simulation.sweeps - before
            if done > 0 {
                advanceAnnealing(sweeps: done)
                if simulation.temperature == 0 && annealing == nil && simulation.flipsInLastSweep == 0 { break }
            }
        }
        if did { history.append(simulation.network.energy) }
        refresh()
    }

    /// Moves the annealing schedule on by completed sweeps; at its end T becomes exactly 0.
    mutating func advanceAnnealing(sweeps: Int) {
        guard var a = annealing, sweeps > 0 else { return }
        a.sweepsDone += sweeps
        if a.sweepsDone >= a.schedule.sweeps {
            annealing = nil
            simulation.temperature = 0
            message = "annealing done: T = 0"
        } else {
            annealing = a
            simulation.temperature = a.schedule.temperature(atSweep: a.sweepsDone)
        }
    }

    /// Re-learns the model of `kind` from `patterns`, keeping the state; `done` is the message once it is in
    /// place. A small network learns at once; a large one (more than `backgroundLearningCost`) on a
    /// `BackgroundJob`, while the app holds back input (`HopfieldApp`) and `q` stays instant.
    /// The kind must hold the memories (`NetworkKind.validate`, checked by the keys that change the kind or
    /// the memories); should it not, the model of no memories stands in.
    mutating func relearn(done: String) {
        let (stored, n, kind, units, t) = (patterns.map(\.spins), unitCount, kind, simulation.network.units, simulation.temperature)
        let build: @Sendable () -> AnyEnergyModel = {
            (try? kind.makeModel(patterns: stored, count: n, units: units, temperature: t)) ?? NetworkKind.emptyModel(count: n, units: units)
        }
        guard HopfieldState.learningCost(count: n, patterns: stored.count, kind: kind) > backgroundLearningCost else {
            applyModel(build())
            message = done
            return
        }
        let job = BackgroundJob(build)
        learning = PendingLearning(job: job, what: "the \(kind.displayName) weights for \(n.formatted(.number)) units", done: done)
        message = "learning \(learning?.what ?? "")… (q quits)"
    }

    /// Puts a newly learned model in place with the current state.
    mutating func applyModel(_ model: AnyEnergyModel) {
        var next = model
        next.setState(simulation.network.state)
        simulation.network = next
        history.append(simulation.network.energy, edit: true) // new weights, new energy landscape
    }

    /// Rough operation count of learning: Storkey N²p, the pseudo-inverse's Gram-Schmidt Np² (plus N²r
    /// when densified), Hebb Np (low rank) or N²p/64 (dense, bit-packed), the dense kinds Np.
    static func learningCost(count n: Int, patterns p: Int, kind: NetworkKind) -> Double {
        let (n, p) = (Double(n), Double(p))
        let dense = Learning.preferredRepresentation(count: Int(n), rank: Int(p)) == .dense
        switch kind {
        case .pairwise(.storkey): return n * n * p
        case .pairwise(.pinv): return 2 * n * p * p + (dense ? n * n * p : 0)
        case .pairwise(.hebb): return dense ? n * n * p / 64 : n * p
        // The dense kinds only copy the memories and compute the overlaps.
        case .dense, .softmax: return n * p
        }
    }

    /// Puts background couplings in place if they have arrived; true when nothing is pending any more.
    public mutating func collectLearning() -> Bool {
        guard let pending = learning else { return true }
        guard let net = pending.job.result else { return false }
        learning = nil
        applyModel(net)
        message = pending.done
        refresh()
        return true
    }

    /// Counts a frame spent waiting for background couplings, for the progress message.
    mutating func noteWaiting(_ elapsed: Double) {
        guard var pending = learning else { return }
        pending.waited += max(0, elapsed)
        learning = pending
        message = "learning \(pending.what)… \(Int(pending.waited)) s (q quits)"
    }

    /// Blocks until background couplings arrive and puts them in place (replays, snapshots, tests).
    public mutating func waitForLearning() {
        if let pending = learning { _ = pending.job.wait() }
        _ = collectLearning()
    }

    /// "S1", "S2", …: the first name not taken by a memory.
    func uniqueName() -> String {
        var k = 1
        while patterns.contains(where: { $0.name == "S\(k)" }) { k += 1 }
        return "S\(k)"
    }

    /// The memory limit for `S` (the overlap panel lists them all).
    public static let maxMemories = 20

    /// How many memories the view holds for a kind: 20 for the pairwise network (its capacity is 0.14 N, and
    /// the overlap panel shows them all at 100 units); 5000 for the dense kinds and softmax, whose point is to
    /// hold far more than N (the panel then shows the best ones).
    public static func memoryLimit(for kind: NetworkKind) -> Int {
        kind.rule == nil ? 5000 : maxMemories
    }

    /// The current state in the text pattern format (`#` up, `.` down).
    public func stateFileText(name: String = "state") -> String {
        let up = simulation.network.upFlags
        var out = "; written by hopfield\n>\(name)\n"
        for r in 0..<rows {
            out += String(up[(r * cols)..<((r + 1) * cols)].map { $0 ? "#" : "." }) + "\n"
        }
        return out
    }
}
