import Foundation

/// One measured workload of `hopfield bench`: the wall time of each repetition, the work done per
/// repetition, and notes (representation, flips, memory) that say what exactly was measured.
public struct BenchmarkResult: Sendable {
    /// A stable key for scripts and JSON, e.g. `gibbs-low-rank`.
    public var id: String
    /// A one-line human description.
    public var title: String
    /// Seconds per repetition, in the order run.
    public var seconds: [Double]
    /// CPU seconds of the measuring thread per repetition (empty when not measured).
    public var cpuSeconds: [Double] = []
    /// Single-unit updates per repetition (0 when the workload is not counted in updates).
    public var updates: Double
    /// Extra facts, in display order.
    public var notes: [BenchmarkNote]

    public init(id: String, title: String, seconds: [Double], cpuSeconds: [Double] = [], updates: Double = 0,
                notes: [BenchmarkNote] = []) {
        self.id = id
        self.title = title
        self.seconds = seconds
        self.cpuSeconds = cpuSeconds
        self.updates = updates
        self.notes = notes
    }

    /// The median repetition time (the mean of the middle two for an even count); 0 with no repetitions.
    public var medianSeconds: Double { Self.median(seconds) }

    /// The median CPU time of the measuring thread.
    public var medianCPUSeconds: Double { Self.median(cpuSeconds) }

    /// Updates per CPU second at the median CPU time.
    public var updatesPerCPUSecond: Double? {
        let m = medianCPUSeconds
        return updates > 0 && m > 0 ? updates / m : nil
    }

    /// Single-unit updates per second at the median time, nil when the workload does not count updates.
    public var updatesPerSecond: Double? {
        let m = medianSeconds
        return updates > 0 && m > 0 ? updates / m : nil
    }

    /// Relative spread of the repetitions: (max - min) / median, a plain noise indicator.
    public var spread: Double {
        let m = medianSeconds
        guard let lo = seconds.min(), let hi = seconds.max(), m > 0 else { return 0 }
        return (hi - lo) / m
    }

    public static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted()
        let k = s.count / 2
        return s.count % 2 == 1 ? s[k] : (s[k - 1] + s[k]) / 2
    }
}

/// A named fact attached to a result.
public struct BenchmarkNote: Sendable, Equatable {
    public var key: String
    public var value: String
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// Facts about the machine a benchmark ran on.
public enum MachineInfo {
    /// More than any /proc file read here holds (cpuinfo on a large machine is about 1 KiB per core).
    static let procFileLimit = 4 << 20

    /// Logical processors available to this process.
    public static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The CPU model from /proc/cpuinfo (Linux), or "unknown".
    public static var cpuModel: String {
        guard let text = try? BoundedFile.readText(path: "/proc/cpuinfo", limit: procFileLimit) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }

    /// Resident set size now and its peak (VmRSS, VmHWM from /proc/self/status), in bytes; nil where unavailable.
    public static func residentMemory() -> (current: Int, peak: Int)? {
        guard let text = try? BoundedFile.readText(path: "/proc/self/status", limit: procFileLimit) else { return nil }
        var rss: Int?, hwm: Int?
        for line in text.split(separator: "\n") {
            // Lines look like "VmRSS:\t   12345 kB".
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 2, let kb = Int(parts[1]) else { continue }
            if parts[0] == "VmRSS:" { rss = kb * 1024 }
            if parts[0] == "VmHWM:" { hwm = kb * 1024 }
        }
        guard let rss, let hwm else { return nil }
        return (rss, hwm)
    }
}

/// A stopwatch for wall time (monotonic) and for the CPU time of the calling thread.
///
/// On a shared machine the CPU time of a single-threaded workload is the steadier figure: it does not count
/// the time the thread waited for a core while other processes ran.
public struct Stopwatch {
    private let wallStart: Double
    private let cpuStart: Double
    public init() {
        wallStart = Self.clock(CLOCK_MONOTONIC)
        cpuStart = Self.clock(CLOCK_THREAD_CPUTIME_ID)
    }
    /// Wall seconds since creation.
    public var elapsed: Double { Self.clock(CLOCK_MONOTONIC) - wallStart }
    /// CPU seconds of this thread since creation.
    public var cpuElapsed: Double { Self.clock(CLOCK_THREAD_CPUTIME_ID) - cpuStart }

    private static func clock(_ id: clockid_t) -> Double {
        var ts = timespec()
        clock_gettime(id, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
