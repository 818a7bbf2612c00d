import Foundation

/// Lists of parameter values as typed on a command line: `0.05,0.1,0.2` or a range `start:stop:step`.
public enum ValueList {
    /// The most values a list may hold (a typo such as step 0.0001 should fail fast, not run for hours).
    public static let maximumCount = 1000

    /// Parses `text` for the option named `option` (used in messages).
    ///
    /// A range `start:stop:step` (step > 0, stop ≥ start) gives start + k·step for k = 0, 1, … while that
    /// value is ≤ stop, with a relative tolerance of 1e-9 of the step so that `0.05:0.25:0.01` includes
    /// 0.25 although 0.05 + 20 · 0.01 is not exactly 0.25 in binary. Each value is computed by one
    /// multiplication (no accumulated rounding) and rounded to 12 significant digits, so it prints as typed.
    /// Values must be finite; range checks belong to the caller (`check`).
    public static func parse(_ text: String, option: String) throws(ExperimentError) -> [Double] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ExperimentError("\(option) is empty: give values like 0.1,0.2 or a range like 0.05:0.25:0.01") }
        if trimmed.contains(":") {
            let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else {
                throw ExperimentError("\(option) \"\(trimmed)\": a range is start:stop:step (three numbers), found \(parts.count) part\(parts.count == 1 ? "" : "s")")
            }
            let start = try number(parts[0], option: option, what: "range start")
            let stop = try number(parts[1], option: option, what: "range stop")
            let step = try number(parts[2], option: option, what: "range step")
            guard step > 0 else { throw ExperimentError("\(option): the range step must be positive, found \(parts[2])") }
            guard stop >= start else { throw ExperimentError("\(option): the range stop \(parts[1]) is below its start \(parts[0])") }
            let steps = ((stop - start) / step + 1e-9).rounded(.down)
            guard steps < Double(maximumCount) else {
                throw ExperimentError("\(option) \"\(trimmed)\" has more than \(maximumCount) values; use a larger step")
            }
            return (0...Int(steps)).map { k in tidy(start + Double(k) * step) }
        }
        let parts = trimmed.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= maximumCount else { throw ExperimentError("\(option) has more than \(maximumCount) values") }
        var values: [Double] = []
        for (k, part) in parts.enumerated() {
            values.append(try number(part, option: option, what: "value \(k + 1)"))
        }
        return values
    }

    /// Throws unless every value lies in the interval described by `lower`/`upper` (open or closed ends).
    public static func check(_ values: [Double], option: String, above lower: Double? = nil, atLeast floor: Double? = nil,
                             atMost upper: Double? = nil) throws(ExperimentError) {
        for (k, v) in values.enumerated() {
            let place = values.count == 1 ? option : "\(option) value \(k + 1) (\(format(v)))"
            if let lower, !(v > lower) { throw ExperimentError("\(place) must be greater than \(format(lower))") }
            if let floor, !(v >= floor) { throw ExperimentError("\(place) must be at least \(format(floor))") }
            if let upper, !(v <= upper) { throw ExperimentError("\(place) must be at most \(format(upper))") }
        }
    }

    private static func number(_ raw: String, option: String, what: String) throws(ExperimentError) -> Double {
        let s = raw.trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty else { throw ExperimentError("\(option): \(what) is empty") }
        guard let v = Double(s), v.isFinite else {
            throw ExperimentError("\(option): \(what) \"\(s.prefix(40))\" is not a finite number")
        }
        return v
    }

    /// Rounds to 12 significant digits: 0.05 + 3 · 0.01 prints as 0.08, not 0.08000000000000000166.
    static func tidy(_ x: Double) -> Double {
        Double(String(format: "%.12g", x)) ?? x
    }

    static func format(_ x: Double) -> String { String(format: "%g", x) }
}
