import Foundation
import NIOCore
import NIOHTTP1

/// Untimed calls to the server (models, tokenize, prompt generation, length probes), on a pool
/// of keep-alive connections of their own, opened by the same connector as the timed ones.
///
/// These calls have limits of their own, not the benchmark's per-request `timeouts`: a tight
/// `idle_ms` meant for streams must not break prompt preparation, where a server writes a whole
/// prompt before it answers.
actor ControlClient {
    /// An answer: its status and body.
    struct Answer: Sendable {
        var status: Int
        var body: ByteBuffer

        /// The server's message for an error answer.
        var message: String { ServerErrorMessage.extract(from: Array(body.readableBytesView)) }

        /// The body decoded from JSON as `T`; nil when it is not such JSON.
        func decoded<T: Decodable>(as type: T.Type) -> T? {
            try? JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        }
    }

    /// The limits of every control-plane call: 30 s to connect, 10 minutes without a byte (a
    /// non-streamed answer sends nothing until the whole text is written), 30 minutes in all.
    static let timeouts = RequestTimeouts(
        connectMilliseconds: 30_000,
        firstTokenMilliseconds: 0,
        idleMilliseconds: 600_000,
        totalMilliseconds: 1_800_000
    )

    let connector: ServerConnector
    /// Builds the requests' heads (path, key, headers).
    let factory: RequestFactory
    private let idle = ConnectionPool()

    init(connector: ServerConnector, factory: RequestFactory) {
        self.connector = connector
        self.factory = factory
    }

    /// Sends a JSON `POST` (or a `GET` when `body` is nil) and collects the answer.
    nonisolated func call(
        _ method: HTTPMethod,
        path: String,
        isRootPath: Bool = false,
        body: [String: Any]? = nil
    ) async throws(RequestFailure) -> Answer {
        var bytes: [UInt8] = []
        if let body {
            guard JSONSerialization.isValidJSONObject(body),
                let data = try? JSONSerialization.data(withJSONObject: body)
            else {
                throw RequestFailure(kind: .clientError, message: "the request body could not be encoded as JSON")
            }
            bytes = Array(data)
        }
        return try await send(method, path: path, isRootPath: isRootPath, bytes: bytes)
    }

    /// Sends `bytes` as the body of a `method` request to `path` and collects the answer.
    func send(_ method: HTTPMethod, path: String, isRootPath: Bool, bytes: [UInt8]) async throws(RequestFailure)
        -> Answer
    {
        let head = factory.head(method: method, path: path, isRootPath: isRootPath, bodyLength: bytes.count)
        var connection = try await takeConnection()
        while true {
            do {
                let exchange = try await connection.exchange(
                    head: head,
                    body: ByteBuffer(bytes: bytes),
                    isStreaming: false,
                    timeouts: Self.timeouts,
                    maxBodyBytes: 64 << 20
                )
                if connection.isActive { idle.give(connection) } else { await connection.close() }
                return Answer(status: exchange.status, body: exchange.body)
            } catch {
                await connection.close()
                guard error.isStaleConnection else { throw Self.naming(error) }
                // A kept-alive connection the server was closing: sent again on another one.
                connection = try await takeConnection()
            }
        }
    }

    /// Closes the pooled connections.
    func close() async {
        for connection in idle.takeAll() { await connection.close() }
    }

    private func takeConnection() async throws(RequestFailure) -> HTTPConnection {
        if let connection = idle.take() { return connection }
        do {
            return try await connector.connect(timeout: .milliseconds(Int64(Self.timeouts.connectMilliseconds)))
        } catch {
            throw Self.naming(error)
        }
    }

    /// A timeout named as the control-plane limit it hit, not as a `timeouts` setting.
    private static func naming(_ failure: RequestFailure) -> RequestFailure {
        var failure = failure
        switch failure.kind {
        case .timeoutConnect:
            failure.message = "connecting took longer than 30 s, the limit of untimed calls"
        case .timeoutIdle:
            failure.message = "no data for 10 minutes, the limit of untimed calls"
        case .timeoutTotal:
            failure.message = "the call took longer than 30 minutes, the limit of untimed calls"
        default:
            break
        }
        return failure
    }
}
