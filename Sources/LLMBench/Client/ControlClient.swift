import Foundation
import NIOCore
import NIOHTTP1

/// Untimed calls to the server (models, tokenize, prompt generation, length probes), on a small
/// pool of keep-alive connections kept apart from the timed ones.
actor ControlClient {
    /// A JSON answer: status and decoded object.
    struct Answer: @unchecked Sendable {
        var status: Int
        var object: [String: Any]?
        var body: ByteBuffer

        /// The server's message for an error answer.
        var message: String { ServerErrorMessage.extract(from: Array(body.readableBytesView)) }
    }

    let executor: RequestExecutor
    private var idle: [HTTPConnection] = []

    init(executor: RequestExecutor) {
        self.executor = executor
    }

    /// Sends a JSON `POST` (or a `GET` when `body` is nil) and decodes the JSON answer.
    nonisolated func call(
        _ method: HTTPMethod,
        path: String,
        isRootPath: Bool = false,
        body: [String: Any]? = nil
    ) async throws(RequestFailure) -> Answer {
        var bytes: [UInt8] = []
        if let body {
            guard let data = try? JSONSerialization.data(withJSONObject: body) else {
                throw RequestFailure(kind: .malformedEvent, message: "the request body could not be encoded")
            }
            bytes = Array(data)
        }
        return try await send(method, path: path, isRootPath: isRootPath, bytes: bytes)
    }

    private func send(_ method: HTTPMethod, path: String, isRootPath: Bool, bytes: [UInt8]) async throws(RequestFailure)
        -> Answer
    {
        let head = executor.factory.head(method: method, path: path, isRootPath: isRootPath, bodyLength: bytes.count)
        let connection = try await takeConnection()
        let exchange: HTTPExchange
        do {
            exchange = try await connection.exchange(
                head: head,
                body: ByteBuffer(bytes: bytes),
                isStreaming: false,
                timeouts: executor.timeouts,
                maxBodyBytes: 64 << 20
            )
        } catch {
            await connection.close()
            throw error
        }
        if connection.isActive { idle.append(connection) }
        let object = try? JSONSerialization.jsonObject(with: Data(exchange.body.readableBytesView)) as? [String: Any]
        return Answer(status: exchange.status, object: object, body: exchange.body)
    }

    /// Closes the pooled connections.
    func close() async {
        let connections = idle
        idle.removeAll()
        for connection in connections { await connection.close() }
    }

    private func takeConnection() async throws(RequestFailure) -> HTTPConnection {
        while let connection = idle.popLast() {
            if connection.isActive { return connection }
        }
        return try await executor.connect()
    }
}
