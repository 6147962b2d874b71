import Foundation
import LLMBenchSimulator
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization
import Testing

@testable import LLMBench

/// Answers of foreign servers and proxies that the simulator does not give: each request ends as
/// a result that says what happened, in the user's words.
struct ForeignServerTests {
    /// The timed loop of these tests' requests, apart from the one other suites share, so that a
    /// suite keeping that loop busy cannot hold these connects up.
    static let loops: any EventLoopGroup = {
        #if os(Linux)
            try! TimedEventLoopGroup(threads: 1, receiveTimestamps: true)
        #else
            MultiThreadedEventLoopGroup.singleton
        #endif
    }()

    /// The timeouts of these tests' requests: `RequestTimeouts`' but for connecting, which a
    /// whole suite running at once on two cores can hold up for seconds, and no test here times.
    static func timeouts(firstTokenMilliseconds: Int? = nil, idleMilliseconds: Int? = nil) -> RequestTimeouts {
        var timeouts = RequestTimeouts(connectMilliseconds: 120_000)
        if let firstTokenMilliseconds { timeouts.firstTokenMilliseconds = firstTokenMilliseconds }
        if let idleMilliseconds { timeouts.idleMilliseconds = idleMilliseconds }
        return timeouts
    }

    /// An executor aimed at `baseURL`, with no retries so the first failure is the record's.
    static func executor(
        baseURL: String,
        timeouts: RequestTimeouts = Self.timeouts(),
        tls: NIOSSLContext? = nil
    ) throws -> RequestExecutor {
        let address = try #require(ServerAddress(parsing: baseURL))
        return RequestExecutor(
            connector: ServerConnector(address: address, group: Self.loops, tls: tls),
            factory: RequestFactory(address: address, apiKey: nil, extraHeaders: [:], model: "m"),
            retry: RetryPolicy(maxRetries: 0),
            timeouts: timeouts,
            maxBodyBytes: 1 << 20
        )
    }

    /// One streamed generation request of `outputTokens` tokens.
    static func job(_ executor: RequestExecutor, outputTokens: Int = 4) -> RequestJob {
        RequestJob(
            runID: "test",
            caseIndex: 0,
            step: 0,
            run: 1,
            index: 0,
            inputTokens: 4,
            outputTokens: outputTokens,
            body: executor.factory.streamingCompletionBody(prompt: "Xin chào", maxTokens: outputTokens),
            isOutputLengthForced: false
        )
    }

    /// Runs one streamed generation request on a new connection.
    static func runOne(_ executor: RequestExecutor, outputTokens: Int = 4) async -> RequestRecord {
        let job = Self.job(executor, outputTokens: outputTokens)
        let (record, connection) = await executor.run(job, connection: nil, caseStart: MonotonicClock.now())
        await connection?.close()
        return record
    }

    /// Runs one request against a scripted server that answers with `steps`.
    static func failure(
        of steps: [ScriptStep],
        timeouts: RequestTimeouts = Self.timeouts()
    ) async throws -> RequestFailure {
        try await withScriptedServer({ _ in steps }) { server in
            let record = await runOne(try executor(baseURL: server.url(), timeouts: timeouts))
            return try #require(record.failure)
        }
    }

    /// What a message must never carry: NIO's and BoringSSL's own wording, file paths.
    static func expectPlainWords(_ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for raw in [
            "errno", "descriptor", "NIO", "OPENSSL", "error:", ".swift", ".c:", ".cc:", "/Sources/", "/.build/",
        ] {
            #expect(!message.contains(raw), "\(message)", sourceLocation: sourceLocation)
        }
    }

    @Test func aHeadSlowerThanTheIdleLimitButWithinTheFirstTokenLimitSucceeds() async throws {
        var options = SimulatorOptions(
            latency: .deterministic(timeToFirstTokenMilliseconds: 1, interTokenMilliseconds: 1)
        )
        options.faults = .only(.slowHeaders, firstRequests: 1)
        options.faults.slowHeadersMilliseconds = 300
        try await withSimulatedServer(options: options) { server in
            let executor = try Self.executor(
                baseURL: server.baseURL,
                timeouts: Self.timeouts(firstTokenMilliseconds: 2_000, idleMilliseconds: 50)
            )
            let record = await Self.runOne(executor)
            #expect(record.failure == nil)
            #expect(record.attempts == 1)
            #expect(record.tokenEvents == 4)
        }
    }

    @Test func aStallAfterTheFirstTokenIsStillAnIdleTimeout() async throws {
        let failure = try await Self.failure(
            of: [.chunkedHead(), .chunk(ScriptStep.tokenEvent("a")), .wait(.seconds(5))],
            timeouts: Self.timeouts(firstTokenMilliseconds: 2_000, idleMilliseconds: 50)
        )
        #expect(failure.kind == .timeoutIdle)
        #expect(failure.tokenEventsReceived == 1)
    }

    @Test func aRedirectIsClassedAsSuchWithItsLocation() async throws {
        let failure = try await Self.failure(of: [
            .answer("301 Moved Permanently", headers: ["Location: https://new.example.com/v1/completions"], body: "")
        ])
        #expect(failure.kind == .redirect)
        #expect(failure.httpStatus == 301)
        #expect(failure.message.contains("https://new.example.com/v1/completions"))
        #expect(!failure.isRetryable)
    }

    @Test func a200WithAJSONErrorKeepsTheServersMessage() async throws {
        let failure = try await Self.failure(of: [
            .answer(
                "200 OK",
                headers: ["Content-Type: application/json"],
                body: #"{"error":{"message":"The model is overloaded.","type":"server_error"}}"#
            )
        ])
        #expect(failure.kind == .serverErrorEvent)
        #expect(failure.httpStatus == 200)
        #expect(failure.message == "The model is overloaded.")
    }

    @Test func a200JSONCompletionInsteadOfAStreamSaysSo() async throws {
        let failure = try await Self.failure(of: [
            .answer("200 OK", headers: ["Content-Type: application/json"], body: #"{"choices":[{"text":"hi"}]}"#)
        ])
        #expect(failure.kind == .streamBroken)
        #expect(failure.message.contains("not an SSE stream"))
    }

    @Test func aCompressedStreamSaysItIsCompressed() async throws {
        try await withScriptedServer({ _ in
            [
                .chunkedHead(headers: ["Content-Type: text/event-stream", "Content-Encoding: gzip"]),
                .chunk("\u{1F}\u{8B}\u{08}\u{00}binary"), .lastChunk,
            ]
        }) { server in
            let record = await Self.runOne(try Self.executor(baseURL: server.url()))
            let failure = try #require(record.failure)
            #expect(failure.message.contains("compressed (Content-Encoding: gzip)"))
            #expect(failure.kind == .malformedEvent)
            let head = try #require(server.requestHeads.first)
            #expect(head.contains("Accept-Encoding: identity"))
        }
    }

    @Test func aCompressedErrorKeepsItsStatusClass() async throws {
        let failure = try await Self.failure(of: [
            .answer("503 Service Unavailable", headers: ["Content-Encoding: br"], body: "\u{0B}\u{02}")
        ])
        #expect(failure.kind == .http5xx)
        #expect(failure.message.contains("compressed (Content-Encoding: br)"))
    }

    @Test func aResetBeforeTheAnswerSaysTheServerResetTheConnection() async throws {
        let failure = try await Self.failure(of: [.reset])
        #expect(failure.kind == .connect)
        #expect(failure.message == "connection reset by the server")
    }

    @Test func aResetMidStreamSaysTheServerResetTheConnection() async throws {
        let failure = try await Self.failure(of: [.chunkedHead(), .chunk(ScriptStep.tokenEvent("a")), .reset])
        #expect(failure.message == "connection reset by the server")
    }

    @Test func anAnswerThatIsNotHTTPSaysSoInPlainWords() async throws {
        let failure = try await Self.failure(of: [.send("SSH-2.0-OpenSSH_9.6\r\n\r\n")])
        #expect(failure.kind == .connect)
        #expect(failure.message.contains("not valid HTTP/1.1"))
        Self.expectPlainWords(failure.message)
    }

    @Test func plainHTTPToATLSPortHintsAtHTTPS() async throws {
        try await withTemporaryDirectory { directory in
            var options = SimulatorOptions(latency: .instant)
            options.tls = try makeCertificate(in: directory)
            try await withSimulatedServer(options: options) { server in
                let url = server.baseURL.replacingOccurrences(of: "https://", with: "http://")
                let record = await Self.runOne(try Self.executor(baseURL: url))
                let failure = try #require(record.failure)
                #expect(failure.message.contains("use https://"), "\(failure.message)")
            }
        }
    }

    @Test func anUntrustedCertificateIsWordedTheSameEveryTimeInPlainWords() async throws {
        try await withTemporaryDirectory { directory in
            var options = SimulatorOptions(latency: .instant)
            options.tls = try makeCertificate(in: directory)
            try await withSimulatedServer(options: options) { server in
                let tls = try NIOSSLContext(configuration: .makeClientConfiguration())
                let executor = try Self.executor(baseURL: server.baseURL, tls: tls)
                var messages: Set<String> = []
                for _ in 0..<3 {
                    let failure = try #require(await Self.runOne(executor).failure)
                    #expect(failure.kind == .tls)
                    messages.insert(failure.message)
                }
                #expect(messages.count == 1)
                let message = try #require(messages.first)
                #expect(message.contains("certificate is not trusted"), "\(message)")
                Self.expectPlainWords(message.replacingOccurrences(of: "127.0.0.1:\(server.port)", with: ""))
            }
        }
    }

    @Test func httpsToAPlainHTTPPortSaysTheServerDoesNotSpeakTLS() async throws {
        try await withSimulatedServer(options: SimulatorOptions(latency: .instant)) { server in
            let url = server.baseURL.replacingOccurrences(of: "http://", with: "https://")
            let tls = try NIOSSLContext(configuration: .makeClientConfiguration())
            let failure = try #require(await Self.runOne(try Self.executor(baseURL: url, tls: tls)).failure)
            #expect(failure.message.contains("does not speak TLS"), "\(failure.message)")
        }
    }

    @Test func anAnswerSayingConnectionCloseIsNotFollowedByAnotherRequestOnItsConnection() async throws {
        try await withScriptedServer({ head in
            head.hasPrefix("GET /v1/first")
                ? [.send("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")]
                : [.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")]
        }) { server in
            let executor = try Self.executor(baseURL: server.url())
            let client = ControlClient(connector: executor.connector, factory: executor.factory)
            #expect(try await client.call(.GET, path: "/first").status == 400)
            #expect(try await client.call(.GET, path: "/second").status == 200)
            #expect(try await client.call(.GET, path: "/third").status == 200)
            await client.close()
            #expect(server.connections == 2, "the closing answer's connection is not reused; the next one is")
        }
    }

    @Test func theBaseURLQueryIsSentWithTimedAndControlRequests() async throws {
        try await withScriptedServer({ _ in
            [
                .chunkedHead(), .chunk(ScriptStep.tokenEvent("a") + ScriptStep.tokenEvent("b") + "data: [DONE]\n\n"),
                .lastChunk,
            ]
        }) { server in
            let executor = try Self.executor(baseURL: server.url("/openai?api-version=2024-02-01"))
            #expect(await Self.runOne(executor).failure == nil)
            let client = ControlClient(connector: executor.connector, factory: executor.factory)
            _ = try? await client.call(.GET, path: "/models")
            await client.close()
            let targets = server.requestHeads.map { $0.prefix { $0 != "\r\n" } }
            #expect(
                targets == [
                    "POST /openai/completions?api-version=2024-02-01 HTTP/1.1",
                    "GET /openai/models?api-version=2024-02-01 HTTP/1.1",
                ]
            )
        }
    }

    /// An SSE body of `events` token events and `[DONE]`.
    static func streamBody(events: Int) -> String {
        (0..<events).map { ScriptStep.tokenEvent("t\($0)") }.joined() + "data: [DONE]\n\n"
    }

    @Test(arguments: [3, 400])
    func aStreamDeliveredAllAtOnceIsFlaggedBuffered(events: Int) async throws {
        try await withScriptedServer({ _ in
            [.answer("200 OK", headers: ["Content-Type: text/event-stream"], body: Self.streamBody(events: events))]
        }) { server in
            let record = await Self.runOne(try Self.executor(baseURL: server.url()), outputTokens: events)
            #expect(record.failure == nil)
            #expect(record.tokenEvents == events)
            #expect(record.isBufferedStream)
        }
    }

    /// llama.cpp closes a connection after each stream although it answers `Keep-Alive`: the next
    /// request finds it closing and is sent again at once on a new connection, not retried.
    @Test func aRequestOnAConnectionTheServerWasClosingIsSentAgainOnANewOne() async throws {
        let requests = Mutex(0)
        let answer: [ScriptStep] = [
            .chunkedHead(), .chunk(ScriptStep.tokenEvent("a") + ScriptStep.tokenEvent("b") + "data: [DONE]\n\n"),
            .lastChunk,
        ]
        try await withScriptedServer({ _ in
            let number = requests.withLock { count in
                count += 1
                return count
            }
            return number == 2 ? [.close] : answer
        }) { server in
            let executor = try Self.executor(baseURL: server.url())
            let job = Self.job(executor, outputTokens: 2)
            let (first, kept) = await executor.run(job, connection: nil, caseStart: MonotonicClock.now())
            #expect(first.failure == nil)
            let reused = try #require(kept)
            let (second, fresh) = await executor.run(job, connection: reused, caseStart: MonotonicClock.now())
            await fresh?.close()
            #expect(second.failure == nil, "\(String(describing: second.failure))")
            #expect(second.attempts == 1, "a resend on a new connection is not a retry")
            #expect(second.connectNanoseconds != nil, "the new connection's time is kept apart from latency")
            #expect(requests.withLock { $0 } == 3)
        }
    }
}
