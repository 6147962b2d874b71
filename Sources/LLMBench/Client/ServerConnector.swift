import LLMBenchSupport
import NIOCore
import NIOSSL

/// Opens connections to the server under test: its address, the event loops and the TLS context,
/// shared by the timed requests (`RequestExecutor`) and the untimed calls (`ControlClient`), each
/// with its own connect limit.
struct ServerConnector: Sendable {
    let address: ServerAddress
    let group: any EventLoopGroup
    let tls: NIOSSLContext?

    /// Opens a connection; `timeout` nil waits as long as the system does.
    func connect(timeout: TimeAmount?) async throws(RequestFailure) -> HTTPConnection {
        try await HTTPConnection.connect(to: address, group: group, tls: tls, timeout: timeout)
    }

    /// Opens `count` connections at once; the failures come back beside the connections opened.
    func connect(count: Int, timeout: TimeAmount?) async -> (opened: [HTTPConnection], failures: [RequestFailure]) {
        var opened: [HTTPConnection] = []
        var failures: [RequestFailure] = []
        await withTaskGroup(of: Result<HTTPConnection, RequestFailure>.self) { group in
            for _ in 0..<count {
                // The closure spells its error type: inferred, it would be `any Error`.
                group.addTask {
                    await Result { () async throws(RequestFailure) in try await connect(timeout: timeout) }
                }
            }
            for await result in group {
                switch result {
                case .success(let connection): opened.append(connection)
                case .failure(let failure): failures.append(failure)
                }
            }
        }
        return (opened, failures)
    }
}
