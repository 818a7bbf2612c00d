/// A problem with an experiment's parameters, worded for the person who typed them.
public struct ExperimentError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}
