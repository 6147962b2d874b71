import Foundation
import NIOCore
import NIOHTTP1

/// Runs one request to its end: sends it on the slot's connection, reconnects when needed,
/// retries per the policy, and turns what happened into a `RequestRecord`.
struct RequestExecutor: Sendable {
    /// Opens the connections of the timed requests.
    let connector: ServerConnector
    let factory: RequestFactory
    let retry: RetryPolicy
    let timeouts: RequestTimeouts
    /// The largest stream event or error body accepted.
    let maxBodyBytes: Int

    /// The server's address.
    var address: ServerAddress { connector.address }

    /// The configured connect limit (`timeouts.connect_ms`); nil when 0 (none).
    var connectTimeout: TimeAmount? {
        timeouts.connectMilliseconds > 0 ? .milliseconds(Int64(timeouts.connectMilliseconds)) : nil
    }

    /// Opens a connection with the configured connect timeout.
    func connect() async throws(RequestFailure) -> HTTPConnection {
        try await connector.connect(timeout: connectTimeout)
    }

    /// Runs `job`, reusing `connection` when it is still open; returns the record and the
    /// connection to reuse for the slot's next request.
    func run(
        _ job: RequestJob,
        connection: HTTPConnection?,
        caseStart: UInt64
    ) async -> (RequestRecord, HTTPConnection?) {
        let (record, connection, _) = await runKeepingAnswer(job, connection: connection, caseStart: caseStart)
        return (record, connection)
    }

    /// As ``run(_:connection:caseStart:)``, also returning the answer's text when the job
    /// `collectsAnswer` and it succeeded.
    func runKeepingAnswer(
        _ job: RequestJob,
        connection: HTTPConnection?,
        caseStart: UInt64
    ) async -> (RequestRecord, HTTPConnection?, KeptAnswer?) {
        var record = RequestRecord(
            caseIndex: job.caseIndex,
            step: job.step,
            run: job.run,
            index: job.index,
            requestID: job.requestID(attempt: 1),
            requestedInputTokens: job.inputTokens,
            requestedOutputTokens: job.outputTokens
        )
        record.isWarmup = job.isWarmup
        record.sessionPosition = job.sessionPosition
        record.scheduledOffsetNanoseconds = job.scheduledNanoseconds.map { $0 &- min($0, caseStart) }
        var connection = connection
        let start = MonotonicClock.now()
        record.startOffsetNanoseconds = start &- caseStart
        var hasResentOnFreshConnection = false
        record.attempts = 1
        while true {
            record.requestID = job.requestID(attempt: record.attempts)
            record.connectNanoseconds = nil
            let attemptStart = MonotonicClock.now()
            var answer: KeptAnswer?
            guard
                let failure = await attempt(
                    job,
                    on: &connection,
                    record: &record,
                    answer: &answer,
                    caseStart: caseStart
                )
            else {
                record.totalNanoseconds = MonotonicClock.now() &- start
                return (record, connection, record.isSuccess ? answer : nil)
            }
            if failure.isStaleConnection, !hasResentOnFreshConnection {
                hasResentOnFreshConnection = true
                connection = nil
                continue
            }
            record.failure = failure
            record.endOffsetNanoseconds = MonotonicClock.now() &- caseStart
            record.sendOffsetNanoseconds = attemptStart &- caseStart
            record.sendClockNanoseconds = attemptStart
            guard failure.isRetryable, record.attempts <= retry.maxRetries, !Task.isCancelled else { break }
            var wait = retry.wait(beforeRetry: record.attempts)
            if let asked = failure.retryAfter {
                wait = max(wait, min(asked, .milliseconds(retry.maxRetryAfterMilliseconds)))
            }
            do {
                try await Task.sleep(for: wait)
            } catch {
                break
            }
            record.attempts += 1
        }
        if Task.isCancelled, record.failure?.kind != .cancelled {
            record.failure = RequestFailure(kind: .cancelled, message: "the benchmark was interrupted")
        }
        record.totalNanoseconds = MonotonicClock.now() &- start
        return (record, connection, nil)
    }

    /// One attempt of `job`: connects when `connection` is closed, sends, and fills `record` (and
    /// `answer`, when the job collects it) from a stream with tokens (nil is returned then);
    /// otherwise the failure. A connection that failed is dropped.
    private func attempt(
        _ job: RequestJob,
        on connection: inout HTTPConnection?,
        record: inout RequestRecord,
        answer kept: inout KeptAnswer?,
        caseStart: UInt64
    ) async -> RequestFailure? {
        do {
            let open: HTTPConnection
            if let current = connection, current.isActive {
                open = current
            } else {
                open = try await connect()
                record.connectNanoseconds = UInt64(open.connectDuration.nanosecondsRounded)
            }
            connection = open
            let head = factory.head(
                method: .POST,
                path: factory.generationPath,
                bodyLength: job.body.readableBytes,
                requestID: record.requestID,
                acceptsEventStream: true
            )
            let answer = try await open.exchange(
                head: head,
                body: job.body,
                isStreaming: true,
                timeouts: timeouts,
                maxBodyBytes: maxBodyBytes,
                expectedTokenEvents: job.outputTokens,
                readsResponseEvents: factory.api.streamsResponseEvents,
                collectsAnswer: job.collectsAnswer
            )
            guard let timeline = answer.timeline, timeline.tokenEvents > 0 else { return Self.failure(for: answer) }
            record.apply(timeline, caseStart: caseStart)
            record.failure = nil
            if job.collectsAnswer, let text = timeline.answerText {
                kept = KeptAnswer(text: text, responseID: timeline.responseID)
            }
            if job.isOutputLengthForced, record.outputTokens < job.outputTokens {
                record.failure = RequestFailure(
                    kind: .truncated,
                    httpStatus: 200,
                    message: "the stream ended after \(record.outputTokens) of \(job.outputTokens) output tokens",
                    tokenEventsReceived: timeline.tokenEvents
                )
            }
            return nil
        } catch {
            if connection?.isActive != true { connection = nil }
            return error
        }
    }

    /// The failure an answer without tokens stands for: its status class with the server's
    /// message, or for a 200, the `error` its JSON body carries or the missing stream.
    static func failure(for answer: HTTPExchange) -> RequestFailure {
        let body = Array(answer.body.readableBytesView)
        guard let kind = FailureKind(status: answer.status) else {
            if let message = ServerErrorMessage.errorMessage(in: body) {
                return RequestFailure(kind: .serverErrorEvent, httpStatus: answer.status, message: message)
            }
            let what =
                body.isEmpty
                ? "the answer carried no token events" : "the answer is one JSON document, not an SSE stream"
            return RequestFailure(
                kind: .streamBroken,
                httpStatus: answer.status,
                message: what + " (does the server stream SSE for \"stream\": true?)"
            )
        }
        let isRetryLater = kind == .rateLimited || kind == .http5xx
        return RequestFailure(
            kind: kind,
            httpStatus: answer.status,
            message: ServerErrorMessage.extract(from: body),
            retryAfter: isRetryLater ? RetryAfter.parse(answer.headers.first(name: "Retry-After")) : nil
        )
    }
}
