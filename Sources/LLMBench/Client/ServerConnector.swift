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
                group.addTask { await connectResult(timeout: timeout) }
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

    /// A connection or why it could not be opened. A method, not a closure: in a closure the
    /// `catch` would lose the error's type.
    private func connectResult(timeout: TimeAmount?) async -> Result<HTTPConnection, RequestFailure> {
        do {
            return .success(try await connect(timeout: timeout))
        } catch {
            return .failure(error)
        }
    }
}
