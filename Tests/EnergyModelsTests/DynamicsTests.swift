import EnergyModels
import Foundation
import XCTest

final class DynamicsTests: XCTestCase {
    /// The convergence theorem: under asynchronous T = 0 updates ΔE = -(s' - s) h ≤ 0 at every single step,
    /// on random symmetric networks with biases, in both conventions and both asynchronous orders.
    func testEnergyNeverIncreasesUnderAsynchronousZeroTemperatureUpdates() {
        for units in UnitConvention.allCases {
            for seed in UInt64(1)...40 {
                let net = randomNetwork(count: 24, units: units, seed: seed)
                let schedule: UpdateSchedule = seed % 2 == 0 ? .random : .sequential
                var sim = Simulation(network: net, temperature: 0, schedule: schedule, seed: seed)
                var previous = sim.network.recomputedEnergy()
                var settled = false
                for _ in 0..<(24 * 60) {
                    guard let u = sim.step() else { return XCTFail("no update") }
                    let e = sim.network.recomputedEnergy()
                    XCTAssertLessThanOrEqual(e, previous + 1e-12, "energy rose at unit \(u.unit) (\(units), seed \(seed))")
                    XCTAssertLessThanOrEqual(u.deltaEnergy, 0)
                    XCTAssertEqual(u.deltaEnergy, e - previous, accuracy: 1e-9)
                    XCTAssertEqual(sim.network.energy, e, accuracy: 1e-9, "incremental energy drifted")
                    previous = e
                    if sim.cursor == 0 && sim.flipsInLastSweep == 0 { settled = true; break }
                }
                XCTAssertTrue(settled, "T = 0 dynamics must reach a fixed point (\(units), seed \(seed))")
                XCTAssertTrue(sim.network.isFixedPoint)
            }
        }
    }

    /// The heat-bath sampler's stationary distribution is exp(-E/T)/Z. Many independent chains, each
    /// burnt in, give independent samples; every state's frequency f must lie within 5 standard errors
    /// √(p(1-p)/M) of its exact probability p (32 states, so a false alarm has probability < 2e-5).
    func testGibbsSamplerMatchesBoltzmannDistributionByEnumeration() {
        // Couplings are kept moderate (|w| ≤ 0.5) so that 30 sweeps mix well at T = 0.7: the test is about
        // the stationary distribution, not about escaping deep minima.
        let n = 5, chains = 8_000, burnIn = 30
        for units in UnitConvention.allCases {
            for (k, t) in [0.7, 1.0, 2.5].enumerated() {
                let base = randomNetwork(count: n, units: units, seed: UInt64(100 + k), weightScale: 0.5)
                // Exact distribution by enumeration.
                var weights = [Double](repeating: 0, count: 1 << n)
                for code in 0..<(1 << n) {
                    let e = EnergyNetwork.energy(of: enumeratedState(code, count: n, units: units), couplings: base.couplings, biases: base.biases)
                    weights[code] = exp(-e / t)
                }
                let z = weights.reduce(0, +)
                let exact = weights.map { $0 / z }
                var counts = [Int](repeating: 0, count: 1 << n)
                var sim = Simulation(network: base, temperature: t, schedule: .random, seed: UInt64(7 + k))
                var starts = Xoshiro256(seed: 99)
                for _ in 0..<chains {
                    sim.network.setState(up: (0..<n).map { _ in starts.next() & 1 == 1 })
                    for _ in 0..<burnIn { sim.sweep() }
                    counts[stateCode(sim.network)] += 1
                }
                for code in 0..<(1 << n) {
                    let f = Double(counts[code]) / Double(chains)
                    let p = exact[code]
                    let se = (p * (1 - p) / Double(chains)).squareRoot()
                    XCTAssertEqual(f, p, accuracy: 5 * se + 1e-4, "state \(code) at T = \(t), \(units)")
                }
            }
        }
    }

    /// Sequential order also leaves the Boltzmann distribution invariant (each single-site update does);
    /// checked on one network with the same statistics.
    func testSequentialScheduleSamplesTheSameDistribution() {
        let n = 4, chains = 10_000, t = 1.0
        let base = randomNetwork(count: n, units: .spin, seed: 5)
        var weights = (0..<(1 << n)).map { code in
            exp(-EnergyNetwork.energy(of: enumeratedState(code, count: n, units: .spin), couplings: base.couplings, biases: base.biases) / t)
        }
        let z = weights.reduce(0, +)
        weights = weights.map { $0 / z }
        var counts = [Int](repeating: 0, count: 1 << n)
        var sim = Simulation(network: base, temperature: t, schedule: .sequential, seed: 3)
        for _ in 0..<chains {
            for _ in 0..<20 { sim.sweep() }
            counts[stateCode(sim.network)] += 1
            sim.network.setState(up: (0..<n).map { _ in sim.rng.next() & 1 == 1 })
        }
        for code in 0..<(1 << n) {
            let p = weights[code], f = Double(counts[code]) / Double(chains)
            XCTAssertEqual(f, p, accuracy: 5 * (p * (1 - p) / Double(chains)).squareRoot() + 1e-4)
        }
    }

    /// P(up) = σ(2h/T) for spins and σ(h/T) for binary units, the ratio of the two states' Boltzmann weights;
    /// safe limits at T → 0 and T → ∞, no NaN.
    func testHeatBathProbabilitiesAndLimits() {
        let h = 0.37
        for t in [0.1, 1.0, 3.0] {
            XCTAssertEqual(EnergyNetwork.probabilityUp(field: h, units: .spin, temperature: t), 1 / (1 + exp(-2 * h / t)), accuracy: 1e-15)
            XCTAssertEqual(EnergyNetwork.probabilityUp(field: h, units: .binary, temperature: t), 1 / (1 + exp(-h / t)), accuracy: 1e-15)
        }
        for units in UnitConvention.allCases {
            XCTAssertEqual(EnergyNetwork.probabilityUp(field: 1, units: units, temperature: 1e-300), 1)
            XCTAssertEqual(EnergyNetwork.probabilityUp(field: -1, units: units, temperature: 1e-300), 0)
            XCTAssertEqual(EnergyNetwork.probabilityUp(field: 0, units: units, temperature: 1e-300), 0.5)
            XCTAssertEqual(EnergyNetwork.probabilityUp(field: 1e308, units: units, temperature: 1e-308), 1)
            XCTAssertEqual(EnergyNetwork.probabilityUp(field: -1e308, units: units, temperature: 1e-308), 0)
            XCTAssertEqual(EnergyNetwork.probabilityUp(field: 5, units: units, temperature: .infinity), 0.5)
            XCTAssertEqual(EnergyNetwork.probabilityUp(field: 5, units: units, temperature: 1e300), 0.5, accuracy: 1e-12)
            XCTAssertEqual(EnergyNetwork.probabilityUp(field: 5, units: units, temperature: 0), 1)
        }
        XCTAssertEqual(logistic(-1000), 0)
        XCTAssertEqual(logistic(1000), 1)
        XCTAssertFalse(logistic(-.infinity).isNaN)
    }

    /// At T = 0 a tie h_i = 0 leaves the unit unchanged, in both conventions.
    func testTieLeavesUnitUnchanged() {
        // Two units, no coupling, no bias: every field is exactly zero.
        for units in UnitConvention.allCases {
            var net = EnergyNetwork(couplings: .dense(DenseCouplings(count: 2, values: [0, 0, 0, 0])), units: units)
            net.setState(up: [true, false])
            var rng = Xoshiro256(seed: 1)
            for i in 0..<2 {
                let u = net.update(i, temperature: 0, rng: &rng)
                XCTAssertFalse(u.flipped)
            }
            XCTAssertEqual(net.upFlags, [true, false])
            XCTAssertTrue(net.isFixedPoint)
        }
    }

    /// Incremental fields and energy agree with a full recomputation after thousands of random flips,
    /// for dense and low-rank couplings.
    func testIncrementalBookkeepingMatchesRecomputation() {
        let pats = randomPatterns(6, count: 60, seed: 4)
        for rep in CouplingRepresentation.allCases {
            for units in UnitConvention.allCases {
                var net = EnergyNetwork(patterns: pats, count: 60, rule: .hebb, units: units, representation: rep)
                XCTAssertEqual(net.representation, rep)
                var rng = Xoshiro256(seed: 8)
                for _ in 0..<5000 { net.flip(rng.nextInt(below: 60)) }
                XCTAssertLessThan(net.invariantError(), 1e-9)
                XCTAssertEqual(net.energy, net.recomputedEnergy(), accuracy: 1e-9)
            }
        }
    }

    /// Dense and low-rank representations of the same Hebbian weights run identical trajectories.
    func testDenseAndLowRankGiveIdenticalDynamics() {
        let n = 100
        let pats = randomPatterns(8, count: n, seed: 11)
        for t in [0.0, 0.8] {
            var a = Simulation(network: EnergyNetwork(patterns: pats, count: n, rule: .hebb, units: .spin, representation: .dense), temperature: t, seed: 5)
            var b = Simulation(network: EnergyNetwork(patterns: pats, count: n, rule: .hebb, units: .spin, representation: .lowRank), temperature: t, seed: 5)
            var rng = Xoshiro256(seed: 2)
            let start = (0..<n).map { _ in rng.next() & 1 == 1 }
            a.network.setState(up: start)
            b.network.setState(up: start)
            for _ in 0..<20 { a.sweep(); b.sweep() }
            XCTAssertEqual(a.network.upFlags, b.network.upFlags, "T = \(t)")
            XCTAssertEqual(a.network.energy, b.network.energy, accuracy: 1e-9)
        }
    }

    /// Geometric cooling hits both ends and multiplies T by a constant factor per sweep.
    func testAnnealingScheduleIsGeometric() {
        let s = AnnealingSchedule(start: 4, end: 0.25, sweeps: 5)
        XCTAssertEqual(s.temperature(atSweep: 0), 4)
        XCTAssertEqual(s.temperature(atSweep: 4), 0.25, accuracy: 1e-12)
        XCTAssertEqual(s.temperature(atSweep: 2), 1, accuracy: 1e-12)
        XCTAssertEqual(s.temperature(atSweep: 10), 0.25)
        XCTAssertEqual(s.factorPerSweep, 0.5, accuracy: 1e-12)
    }

    /// Same seed, same run; different seeds, different runs.
    func testSeededRunsAreReproducible() {
        func run(_ seed: UInt64) -> [Bool] {
            var sim = Simulation(network: randomNetwork(count: 30, units: .spin, seed: 1), temperature: 1, seed: seed)
            for _ in 0..<10 { sim.sweep() }
            return sim.network.upFlags
        }
        XCTAssertEqual(run(42), run(42))
        XCTAssertNotEqual(run(42), run(43))
        // The generator's sequence is fixed by the seed on every machine.
        var g = Xoshiro256(seed: 0)
        let first = (0..<3).map { _ in g.next() }
        var h = Xoshiro256(seed: 0)
        XCTAssertEqual(first, (0..<3).map { _ in h.next() })
        XCTAssertEqual(Xoshiro256(seed: 1, stream: 2), Xoshiro256(seed: 1, stream: 2))
        XCTAssertNotEqual(Xoshiro256(seed: 1, stream: 2), Xoshiro256(seed: 1, stream: 3))
    }

    /// nextInt(below:) is uniform: a chi-square test over 10 bins with 9 degrees of freedom
    /// (the 99.99th percentile of χ²₉ is about 33.7).
    func testBoundedIntegersAreUniform() {
        var g = Xoshiro256(seed: 12)
        var counts = [Int](repeating: 0, count: 10)
        let draws = 100_000
        for _ in 0..<draws { counts[g.nextInt(below: 10)] += 1 }
        let expected = Double(draws) / 10
        let chi2 = counts.reduce(0.0) { $0 + pow(Double($1) - expected, 2) / expected }
        XCTAssertLessThan(chi2, 33.7)
    }
}
