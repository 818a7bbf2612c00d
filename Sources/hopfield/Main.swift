import ArgumentParser
import EnergyModels
import Foundation

extension Hopfield {
    /// The program's entry: parses the (normalised) arguments, runs the command, and shows any error
    /// through the one sanitiser, so text from files or arguments cannot reach the terminal raw.
    static func main() {
        do {
            var command = try parseAsRoot(normalizedArguments(Array(CommandLine.arguments.dropFirst())))
            try command.run()
            // What `print` buffered: a full disk or a closed pipe must not pass for success.
            if fflush(nil) != 0 { standardOutputFailed(String(cString: strerror(errno))) }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }  // help and version text are ours
                if fflush(nil) != 0 { standardOutputFailed(String(cString: strerror(errno))) }
            } else if !message.isEmpty {
                let safe = message.split(separator: "\n", omittingEmptySubsequences: false).map { Sanitize.terminal(String($0)) }
                writeStderr(safe.joined(separator: "\n") + "\n")
            }
            Foundation.exit(code.rawValue)
        }
    }

    /// `--option -1` as `--option=-1`: a negative number after a long option is its value, so that range
    /// validation speaks ("--noise must be from 0 to 1, found -1") instead of the parser reporting a
    /// missing value and an unknown option `-1`. Numbers are `-` then a digit or a point (lists such as
    /// `-0.1,0.2` included), or `-inf`/`-nan`. Nothing after `--` is touched.
    static func normalizedArguments(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var k = 0
        while k < arguments.count {
            let a = arguments[k]
            if a == "--" { return out + arguments[k...] }
            if a.hasPrefix("--"), a.count > 2, !a.contains("="), k + 1 < arguments.count, isNegativeNumber(arguments[k + 1]) {
                out.append(a + "=" + arguments[k + 1])
                k += 2
            } else {
                out.append(a)
                k += 1
            }
        }
        return out
    }

    static func isNegativeNumber(_ s: String) -> Bool {
        guard s.hasPrefix("-"), let second = s.dropFirst().first else { return false }
        if second.isASCII && (second.isNumber || second == ".") { return true }
        let word = s.dropFirst().lowercased()
        return word == "inf" || word == "infinity" || word == "nan"
    }
}
