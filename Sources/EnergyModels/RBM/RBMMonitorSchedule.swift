import Foundation

/// How often `rbm train` computes its monitoring figures by default: every K epochs and after the last,
/// with K the smallest interval at which they cost at most `budget` of the training time.
///
/// Costs are estimated from the sizes, in CPU nanoseconds of the release build measured on optdigits-8x8
/// (1797 samples, 64 visible, 16 and 256 hidden units, PCD-1, 500 monitoring samples), so the choice is
/// deterministic: the same command always monitors the same epochs, on any machine.
public enum RBMMonitorSchedule {
    /// The largest fraction of the training time the figures may take.
    public static let budget = 0.2

    /// Training time of one epoch: per sample and pass over the weights (CD-k / PCD-k make k + 1 passes),
    /// a fixed part (sampling, logistic, bookkeeping) and a part per weight.
    static func epochNanoseconds(samples: Int, visible m: Int, hidden n: Int, gibbsSteps k: Int) -> Double {
        Double(samples) * Double(k + 1) * (600 + 0.1 * Double(m) * Double(n))
    }

    /// One evaluation of the figures: free energy and reconstruction (two products with W per sample), the
    /// pseudo-likelihood (a multiply-add per weight and two logarithms per visible unit, per sample) and
    /// exact log Z (per enumerated state and unit of the other layer).
    static func monitorNanoseconds(visible m: Int, hidden n: Int, monitorSamples: Int, pseudoLikelihood: Bool,
                                   exactLogPartition: Bool) -> Double {
        let weights = Double(m) * Double(n)
        var perSample = 0.3 * weights
        if pseudoLikelihood { perSample += 40 * Double(m) + 0.4 * weights }
        var total = Double(monitorSamples) * perSample
        if exactLogPartition { total += pow(2, Double(min(m, n))) * Double(max(m, n)) * 0.75 }
        return total
    }

    /// The interval K in 1...max(epochs, 1): the figures are computed ⌈epochs / K⌉ times (every K-th epoch
    /// and the last), at most budget × the training time when even one evaluation fits in it; otherwise
    /// once, after the last epoch (never left out).
    public static func automaticInterval(samples: Int, visible m: Int, hidden n: Int, gibbsSteps k: Int, monitorSamples: Int,
                                         pseudoLikelihood: Bool, exactLogPartition: Bool, epochs: Int) -> Int {
        guard epochs > 1 else { return 1 }
        let training = Double(epochs) * epochNanoseconds(samples: samples, visible: m, hidden: n, gibbsSteps: k)
        let monitor = monitorNanoseconds(visible: m, hidden: n, monitorSamples: monitorSamples, pseudoLikelihood: pseudoLikelihood,
                                         exactLogPartition: exactLogPartition)
        guard monitor > 0 else { return 1 }
        let allowed = min(Double(epochs), (budget * training / monitor).rounded(.down))
        guard allowed >= 1 else { return epochs }
        return (epochs + Int(allowed) - 1) / Int(allowed)
    }
}
