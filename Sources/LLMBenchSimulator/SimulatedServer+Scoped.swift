import Logging

/// Starts a ``SimulatedServer``, runs `body` with it, and shuts it down whether `body` returns or throws.
public func withSimulatedServer<T: Sendable>(
    options: SimulatorOptions = .init(),
    logger: Logger = Logger(label: "llm-bench.simulator"),
    isolation: isolated (any Actor)? = #isolation,
    _ body: (SimulatedServer) async throws -> T
) async throws -> T {
    let server = try await SimulatedServer.start(options: options, logger: logger)
    let result: T
    do {
        result = try await body(server)
    } catch {
        try? await server.shutdown()
        throw error
    }
    try await server.shutdown()
    return result
}
