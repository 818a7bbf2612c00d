import EnergyModels
import Foundation

/// The RBM live view as a `TerminalApp`: the state machine plus the host-side effect (saving the model).
public struct RBMLiveApp: LiveViewApp {
    public var state: RBMLiveState
    /// Writes a model file; injectable for tests. Returns the path written.
    public var writeModel: (RBMModelFile) throws -> String

    public init(state: RBMLiveState, writeModel: @escaping (RBMModelFile) throws -> String) {
        self.state = state
        self.writeModel = writeModel
    }

    public mutating func perform(_ action: RBMAction) {
        guard let effect = state.update(action) else { return }
        switch effect {
        case .writeModel(let rbm, let shape):
            do {
                let path = try writeModel(RBMModelFile(rbm: rbm, visibleShape: shape))
                state.message = "saved \(path)"
            } catch {
                state.message = "could not save the model: \(error)"
            }
        }
    }

    /// Writes to `path` if given, else `rbm-live-N.json` in the current directory (N the first number not
    /// taken); atomic.
    public static func fileWriter(path: String?) -> (RBMModelFile) throws -> String {
        { file in
            var target = path
            if target == nil {
                var k = 1
                while FileManager.default.fileExists(atPath: "rbm-live-\(k).json") && k < 100_000 { k += 1 }
                target = "rbm-live-\(k).json"
            }
            let name = target ?? "rbm-live.json"
            try file.write(to: name)
            return name
        }
    }
}
