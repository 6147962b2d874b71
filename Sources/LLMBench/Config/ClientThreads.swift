import Foundation

/// How many event loops carry the timed connections (`client_threads`, `--client-threads`).
public enum ClientThreads {
    /// The counts accepted. Above the machine's cores the loops share cores and gain nothing, but
    /// a config written for a larger machine still runs; beyond 1,024 a count is a mistake.
    public static let range = 1...1_024

    /// What `client_threads` and `--client-threads` accept, for messages.
    static let rule = "auto or a whole number from 1 to 1024"

    /// `auto`: one loop per two cores, at least one, so the server or other work keeps cores of
    /// its own on a shared machine.
    public static func automatic(cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        max(1, cores / 2)
    }
}
