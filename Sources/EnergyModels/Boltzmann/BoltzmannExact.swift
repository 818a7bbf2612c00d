import Foundation

/// Exact Boltzmann-machine quantities by enumerating states: feasible for up to `maxFreeUnits` free
/// units (2^20 ≈ 10^6 states). States are visited in Gray-code order, so each step flips one unit and the
/// energy is updated in O(n) with ΔE = -(s_new - s_old) h_k.
public enum BoltzmannExact {
    public static let maxFreeUnits = 22

    /// Calls `body(state, energy)` for every assignment of the units in `free` (the other units keep
    /// their values in `state`), starting from all free units 0. Precondition: free.count ≤ maxFreeUnits.
    public static func forEachState(_ m: BoltzmannMachine, state initial: [Double], free: [Int], _ body: ([Double], Double) -> Void) {
        precondition(free.count <= maxFreeUnits, "too many free units to enumerate")
        var state = initial
        for u in free { state[u] = 0 }
        var e = m.energy(state)
        body(state, e)
        let total = 1 << free.count
        if total < 2 { return }
        for k in 1..<total {
            let u = free[k.trailingZeroBitCount]
            let h = m.field(u, state: state)
            let new: Double = state[u] == 0 ? 1 : 0
            e -= (new - state[u]) * h
            state[u] = new
            body(state, e)
        }
    }

    /// log Σ exp(-E(s)/T) over the assignments of the free units.
    public static func logSum(_ m: BoltzmannMachine, state: [Double], free: [Int], temperature t: Double) -> Double {
        var top = -Double.infinity
        var sum = 0.0
        forEachState(m, state: state, free: free) { _, e in
            let x = -e / t
            if x > top {
                sum = sum * exp(top - x) + 1
                top = x
            } else {
                sum += exp(x - top)
            }
        }
        return top + log(sum)
    }

    /// log Z, Z = Σ_s exp(-E(s)/T) over all 2^n states.
    public static func logPartition(_ m: BoltzmannMachine, temperature t: Double) -> Double {
        logSum(m, state: [Double](repeating: 0, count: m.count), free: Array(0..<m.count), temperature: t)
    }

    /// Exact expectations of the free (negative) phase: ⟨s_i s_j⟩ under P(s) ∝ exp(-E(s)/T).
    public static func freeStatistics(_ m: BoltzmannMachine, temperature t: Double) -> BoltzmannStatistics {
        let zero = [Double](repeating: 0, count: m.count)
        let all = Array(0..<m.count)
        let logZ = logSum(m, state: zero, free: all, temperature: t)
        var stats = BoltzmannStatistics(count: m.count)
        forEachState(m, state: zero, free: all) { s, e in stats.add(s, weight: exp(-e / t - logZ)) }
        return stats
    }

    /// Exact expectations of the clamped (positive) phase: the visible units set to each data vector in
    /// turn, the hidden units distributed as P(h | v), averaged over the data vectors with equal weight.
    public static func clampedStatistics(_ m: BoltzmannMachine, data: [[Bool]], temperature t: Double) -> BoltzmannStatistics {
        let hidden = Array(m.visible..<m.count)
        var stats = BoltzmannStatistics(count: m.count)
        for v in data {
            let base = clampedState(m, v)
            let logZv = logSum(m, state: base, free: hidden, temperature: t)
            forEachState(m, state: base, free: hidden) { s, e in stats.add(s, weight: exp(-e / t - logZv) / Double(data.count)) }
        }
        return stats
    }

    /// The mean log-likelihood (1/|D|) Σ_v log P(v) in nats, P(v) = Σ_h exp(-E(v,h)/T) / Z.
    public static func logLikelihood(_ m: BoltzmannMachine, data: [[Bool]], temperature t: Double) -> Double {
        let logZ = logPartition(m, temperature: t)
        let hidden = Array(m.visible..<m.count)
        var total = 0.0
        for v in data { total += logSum(m, state: clampedState(m, v), free: hidden, temperature: t) - logZ }
        return total / Double(max(1, data.count))
    }

    /// The lowest-energy assignment of the free units (others as in `state`) and the energy gap to the
    /// next-lowest assignment (0 when the minimum is shared; +∞ when there is only one assignment).
    public static func groundState(_ m: BoltzmannMachine, state: [Double], free: [Int]) -> (state: [Double], energy: Double, gap: Double) {
        var best = state
        var bestE = Double.infinity
        var second = Double.infinity
        forEachState(m, state: state, free: free) { s, e in
            if e < bestE {
                second = bestE
                bestE = e
                best = s
            } else if e < second {
                second = e
            }
        }
        return (best, bestE, second - bestE)
    }

    /// A full state with the visible units set from `v` (v.count == m.visible) and the hidden units 0.
    public static func clampedState(_ m: BoltzmannMachine, _ v: [Bool]) -> [Double] {
        precondition(v.count == m.visible, "a data vector must have one entry per visible unit")
        var s = [Double](repeating: 0, count: m.count)
        for i in 0..<m.visible where v[i] { s[i] = 1 }
        return s
    }
}
