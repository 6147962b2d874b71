/// A results file or folder that cannot be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    /// The path that failed.
    public var path: String
    /// What the system said.
    public var reason: String
    /// What to do, naming the setting the path came from.
    public var remedy =
        "Check that the folder exists or can be created, is writable and has free space (output_dir in the config)."

    /// A sentence naming the path, the reason and what to do.
    public var description: String {
        "cannot write '\(path)': \(reason). \(remedy)"
    }
}
