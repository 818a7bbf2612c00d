import Foundation

/// A network too large to build: what it would need and the limit, in words.
public struct NetworkSizeError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String
}

/// Memory checked before a network is built, so a legal but large input (one 1000x1000 image stored with
/// Storkey) is refused with a message instead of an 8 TB allocation.
///
/// The estimate is an upper bound of the couplings' peak while learning (the other arrays of a network are
/// O(N)): dense N² Doubles plus the exact Int16 copy; low rank N·p Doubles, the Int16 copy and the sign
/// bits; the pseudo-inverse's Gram-Schmidt basis held twice; binary units one more copy (the rescaling).
public enum NetworkBudget {
    /// Half the machine's memory, at most 16 GB.
    public static let maxBytes: Int = min(16_000_000_000, Int(clamping: ProcessInfo.processInfo.physicalMemory / 2))

    /// Peak bytes for the couplings of `rule` on `count` units and `patterns` patterns in `representation`
    /// (nil: the automatic choice); `Int.max` when the product overflows.
    public static func bytes(count n: Int, patterns p: Int, rule: LearningRule, units: UnitConvention = .spin,
                             representation: CouplingRepresentation? = nil) -> Int {
        let rep = rule == .storkey ? .dense : representation ?? Learning.preferredRepresentation(count: n, rank: p)
        let lowRank = sum(product(n, p, 8 + 2), product(n, (p + 63) / 64 + 1, 8), product(p, (n + 63) / 64, 8))
        var total: Int
        switch (rule, rep) {
        case (.storkey, _): total = sum(product(n, n, 8), product(n, 16))
        case (.hebb, .dense): total = sum(product(n, n, 8 + 2), product(n, (p + 63) / 64 + 1, 8))
        case (.hebb, .lowRank): total = lowRank
        case (.pinv, .lowRank): total = sum(lowRank, product(n, p, 8))
        case (.pinv, .dense): total = sum(product(n, n, 8 + 2), lowRank, product(n, p, 8))
        }
        if units == .binary { total = product(total, 2) }
        return total
    }

    /// Refuses a network whose couplings would need more than `maxBytes`, saying what it needs.
    public static func check(count n: Int, patterns p: Int, rule: LearningRule, units: UnitConvention = .spin,
                             representation: CouplingRepresentation? = nil) throws(NetworkSizeError) {
        let need = bytes(count: n, patterns: p, rule: rule, units: units, representation: representation)
        guard need > maxBytes else { return }
        let rep = rule == .storkey ? .dense : representation ?? Learning.preferredRepresentation(count: n, rank: p)
        let kind = rep == .dense ? "weights" : "low-rank factors"
        let message = "a \(n.formatted(.number))-unit \(rule.displayName) network of \(p.formatted(.number)) pattern\(p == 1 ? "" : "s") "
            + "needs \(format(need)) of \(kind); the limit is \(format(maxBytes)) (half this machine's memory, at most 16 GB)"
        throw NetworkSizeError(description: message)
    }

    /// Bytes in decimal units ("8 TB").
    public static func format(_ bytes: Int) -> String {
        bytes == .max ? "more than 9 EB" : Int64(bytes).formatted(.byteCount(style: .decimal))
    }

    static func product(_ factors: Int...) -> Int {
        var r = 1
        for f in factors {
            let (v, overflow) = r.multipliedReportingOverflow(by: max(0, f))
            if overflow { return .max }
            r = v
        }
        return r
    }

    static func sum(_ terms: Int...) -> Int {
        var r = 0
        for t in terms {
            let (v, overflow) = r.addingReportingOverflow(t)
            if overflow { return .max }
            r = v
        }
        return r
    }
}
