import EnergyModels
import Foundation

/// The RBM live view as a `TerminalApp`: the state machine plus the host-side effect (saving the model).
public struct RBMLiveApp: LiveViewApp {
    public var state: RBMLiveState
    /// Whether saving writes the model or (replaying) only says where it would.
    public let writes: FileWrites
    /// Writes a model file; injectable for tests. Returns the path written.
    public var writeModel: (RBMModelFile) throws -> String

    public init(state: RBMLiveState, writes: FileWrites = .perform, writeModel: @escaping (RBMModelFile) throws -> String) {
        self.state = state
        self.writes = writes
        self.writeModel = writeModel
    }

    public mutating func perform(_ action: RBMAction) {
        guard let effect = state.update(action) else { return }
        switch effect {
        case .writeModel(let rbm, let shape):
            do {
                let path = try writeModel(RBMModelFile(rbm: rbm, visibleShape: shape))
                state.message = writes.report(path, done: "saved", wouldDo: "would save")
            } catch {
                state.message = "could not save the model"
                state.alert = "could not save the model: \(error)"
            }
        }
    }

    /// Writes to `path` if given, else `rbm-live-N.json` in the current directory (N the first number not
    /// taken); atomic.
    public static func fileWriter(path: String?, writes: FileWrites = .perform) -> (RBMModelFile) throws -> String {
        { file in
            let name = path ?? "rbm-live-\(HopfieldApp.firstFreeNumber { "rbm-live-\($0).json" }).json"
            if writes == .perform { try file.write(to: name) }
            return name
        }
    }
}
