import EnergyModels
import Foundation
import XCTest

/// Random symmetric networks with zero diagonal and biases, for property tests.
func randomNetwork(count n: Int, units: UnitConvention, seed: UInt64, weightScale: Double = 1, biasScale: Double = 0.5) -> EnergyNetwork {
    var rng = Xoshiro256(seed: seed)
    var w = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
        for j in (i + 1)..<max(n, i + 1) {
            let v = (2 * rng.nextUnit() - 1) * weightScale
            w[i * n + j] = v
            w[j * n + i] = v
        }
    }
    let b = (0..<n).map { _ in (2 * rng.nextUnit() - 1) * biasScale }
    var net = EnergyNetwork(couplings: .dense(DenseCouplings(count: n, values: w)), biases: b, units: units)
    net.setState(up: (0..<n).map { _ in rng.next() & 1 == 1 })
    return net
}

/// p random unbiased ±1 patterns of length n.
func randomPatterns(_ p: Int, count n: Int, seed: UInt64) -> [[Int8]] {
    var rng = Xoshiro256(seed: seed)
    return (0..<p).map { _ in (0..<n).map { _ in rng.next() & 1 == 1 ? 1 : -1 } }
}

/// The state with index `code` (bit i = unit i up) in a convention.
func enumeratedState(_ code: Int, count n: Int, units: UnitConvention) -> [Double] {
    (0..<n).map { units.value(code >> $0 & 1 == 1) }
}

/// Index of a state (bit i = unit i up).
func stateCode(_ net: EnergyNetwork) -> Int {
    var code = 0
    for i in 0..<net.count where net.isUp(i) { code |= 1 << i }
    return code
}

/// A new empty directory removed when `test` ends.
func temporaryDirectory(for test: XCTestCase) throws -> String {
    let dir = NSTemporaryDirectory() + "hopfield-test-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
    return dir
}
