import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// Reads metrics pages on an event loop and keep-alive connections of its own, apart from the
/// timed connections and their event loop: a slow page or its parsing never delays a timed
/// request's bytes or timestamps.
final class ScrapeClient: Sendable {
    /// One page read: what it exposed and when its answer had arrived.
    struct Page: Sendable {
        var exposition: MetricExposition
        /// `MonotonicClock` when the answer had arrived.
        var clockNanoseconds: UInt64
        /// The wall-clock time of the same moment.
        var date: Date
    }

    /// Why a page could not be read, as the user reads it.
    struct Failure: Error, Sendable, Equatable {
        var reason: String
    }

    /// The longest wait for one page, connecting included.
    let timeout: Duration
    private let group: MultiThreadedEventLoopGroup
    private let tls: NIOSSLContext?
    private let apiKey: APIKey?
    private let headers: [String: String]
    /// One idle connection per URL: a URL is read by one task at a time.
    private let idle = Mutex<[String: HTTPConnection]>([:])

    /// A client with one event-loop thread; `tls` for https URLs.
    init(timeout: Duration, tls: NIOSSLContext?, apiKey: APIKey?, headers: [String: String]) {
        self.timeout = timeout
        self.tls = tls
        self.apiKey = apiKey
        self.headers = headers
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    /// Reads `target`'s page within `timeout`: a failure for no answer in time, a status other
    /// than 200, or a body that is not Prometheus text.
    func read(_ target: ScrapeTarget) async -> Result<Page, Failure> {
        if target.address.isTLS, tls == nil {
            return .failure(Failure(reason: "TLS cannot be set up for it"))
        }
        let deadline = ContinuousClock.now + timeout
        let head = target.head(apiKey: apiKey, headers: headers)
        var isRetry = false
        while true {
            let connection: HTTPConnection
            switch await openConnection(to: target, until: deadline) {
            case .success(let opened): connection = opened
            case .failure(let failure): return .failure(failure)
            }
            let left = Self.milliseconds(until: deadline)
            do {
                let exchange = try await connection.exchange(
                    head: head,
                    body: ByteBuffer(),
                    isStreaming: false,
                    timeouts: RequestTimeouts(
                        connectMilliseconds: 0,
                        firstTokenMilliseconds: 0,
                        idleMilliseconds: left,
                        totalMilliseconds: left
                    ),
                    maxBodyBytes: 32 << 20
                )
                let arrived = MonotonicClock.now()
                let date = Date()
                idle.withLock { $0[target.url] = connection }
                return Self.page(of: exchange, clock: arrived, date: date)
            } catch {
                await connection.close()
                if error.isStaleConnection, !isRetry {
                    isRetry = true
                    continue
                }
                return .failure(describe(error))
            }
        }
    }

    /// Closes the idle connections and the event loop.
    func close() async {
        let connections = idle.withLock { idle in
            defer { idle.removeAll() }
            return Array(idle.values)
        }
        for connection in connections { await connection.close() }
        try? await group.shutdownGracefully()
    }

    private func openConnection(to target: ScrapeTarget, until deadline: ContinuousClock.Instant) async
        -> Result<HTTPConnection, Failure>
    {
        if let kept = idle.withLock({ $0.removeValue(forKey: target.url) }), kept.isActive { return .success(kept) }
        do {
            let connection = try await HTTPConnection.connect(
                to: target.address,
                group: group,
                tls: target.address.isTLS ? tls : nil,
                timeout: .milliseconds(Int64(Self.milliseconds(until: deadline)))
            )
            return .success(connection)
        } catch {
            return .failure(describe(error))
        }
    }

    private static func page(of exchange: HTTPExchange, clock: UInt64, date: Date) -> Result<Page, Failure> {
        guard exchange.status == 200 else {
            let message = ServerErrorMessage.extract(from: Array(exchange.body.readableBytesView))
            return .failure(
                Failure(reason: "it answered HTTP \(exchange.status)\(message.isEmpty ? "" : " (\(message))")")
            )
        }
        do {
            let exposition = try MetricExposition(
                parsing: String(decoding: exchange.body.readableBytesView, as: UTF8.self)
            )
            return .success(Page(exposition: exposition, clockNanoseconds: clock, date: date))
        } catch {
            return .failure(Failure(reason: error.description))
        }
    }

    /// A failure of the connection or the exchange; every time limit is named as this client's.
    private func describe(_ failure: RequestFailure) -> Failure {
        switch failure.kind {
        case .timeoutConnect, .timeoutIdle, .timeoutTotal, .timeoutFirstToken:
            Failure(reason: "no answer within \(Self.milliseconds(timeout)) ms (server_metrics.timeout_ms)")
        default:
            Failure(reason: failure.message)
        }
    }

    /// Whole milliseconds left until `deadline`, at least 1.
    private static func milliseconds(until deadline: ContinuousClock.Instant) -> Int {
        max(1, milliseconds(deadline - ContinuousClock.now))
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
