import LLMBenchSimulator
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

/// `GET /metrics`: vLLM's families, every figure equal to what the truth log says happened.
@Suite(.timeLimit(.minutes(1)))
struct MetricsEndpointTests {
    private static let deterministic = SimulatorOptions.testing {
        $0.latency = .deterministic(timeToFirstTokenMilliseconds: 2, interTokenMilliseconds: 1)
        $0.eosProbability = 0.3
        $0.tokensPerEvent = 2
    }

    private static func seconds(_ nanoseconds: some Sequence<UInt64?>) -> Double {
        nanoseconds.reduce(0) { $0 + Double($1 ?? 0) / 1e9 }
    }

    @Test func countersAndHistogramsEqualTheTruthsSums() async throws {
        try await withSimulatedServer(options: Self.deterministic) { server in
            for maxTokens in [1, 5, 9, 16] {
                _ = try await TestHTTPClient.post(
                    port: server.port,
                    "/v1/completions",
                    json: RequestBodies.completion(maxTokens: maxTokens, extra: "\"min_tokens\":1")
                )
            }
            _ = try await TestHTTPClient.post(port: server.port, "/v1/chat/completions", json: RequestBodies.chat())
            _ = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 7, stream: false)
            )
            let truths = server.truths()
            let page = try await MetricsPage.fetch(server)
            #expect(truths.count == 6)
            let count = Double(truths.count)

            #expect(page.value("vllm:prompt_tokens_total") == Double(truths.map(\.promptTokens).reduce(0, +)))
            let generated = truths.map(\.completionTokens).reduce(0, +)
            #expect(page.value("vllm:generation_tokens_total") == Double(generated))
            for reason in ["stop", "length"] {
                let expected = truths.filter { $0.outcome == reason }.count
                #expect(page.value("vllm:request_success_total", "finished_reason=\"\(reason)\"") == Double(expected))
            }
            #expect(page.value("vllm:request_success_total", "finished_reason=\"abort\"") == 0)
            #expect(page.value("vllm:num_preemptions_total") == 0)
            #expect(page.value("vllm:prefix_cache_queries_total") == page.value("vllm:prompt_tokens_total"))
            #expect(page.value("vllm:prefix_cache_hits_total") == 0)
            #expect(page.value("vllm:num_requests_running") == 0)
            #expect(page.value("vllm:num_requests_waiting") == 0)
            #expect(page.value("vllm:kv_cache_usage_perc") == 0)

            let phases: [(String, [UInt64?])] = [
                ("vllm:time_to_first_token_seconds", truths.map(\.timeToFirstTokenNanoseconds)),
                ("vllm:e2e_request_latency_seconds", truths.map(\.endToEndNanoseconds)),
                ("vllm:request_queue_time_seconds", truths.map(\.queueNanoseconds)),
                ("vllm:request_prefill_time_seconds", truths.map(\.prefillNanoseconds)),
                ("vllm:request_decode_time_seconds", truths.map(\.decodeNanoseconds)),
            ]
            for (name, values) in phases {
                let (histogramCount, sum) = page.histogram(name)
                #expect(histogramCount == count, "\(name)")
                #expect(abs(try #require(sum) - Self.seconds(values)) < 1e-9, "\(name)")
            }
            let itl = page.histogram("vllm:inter_token_latency_seconds")
            let firstEventTokens = truths.map { $0.isStreaming ? $0.tokensPerEvent[0] : min(2, $0.completionTokens) }
            #expect(itl.count == Double(generated - firstEventTokens.reduce(0, +)))
            #expect(abs(try #require(itl.sum) - Self.seconds(truths.map(\.decodeNanoseconds))) < 1e-9)
            let perToken = truths.map { truth -> Double in
                truth.completionTokens > 1
                    ? Double(truth.decodeNanoseconds ?? 0) / 1e9 / Double(truth.completionTokens - 1) : 0
            }
            let tpot = page.histogram("vllm:request_time_per_output_token_seconds")
            #expect(tpot.count == count)
            #expect(abs(try #require(tpot.sum) - perToken.reduce(0, +)) < 1e-9)
            #expect(page.histogram("vllm:request_prompt_tokens").sum == page.value("vllm:prompt_tokens_total"))
            #expect(page.histogram("vllm:request_generation_tokens").sum == Double(generated))
            #expect(page.histogram("vllm:request_generation_tokens").count == count)
        }
    }

    @Test func histogramBucketsAreCumulativeUpToTheirCount() async throws {
        try await withSimulatedServer(options: Self.deterministic) { server in
            for _ in 0..<3 {
                _ = try await TestHTTPClient.post(
                    port: server.port,
                    "/v1/completions",
                    json: RequestBodies.completion(maxTokens: 4)
                )
            }
            let page = try await MetricsPage.fetch(server)
            let prefix = "vllm:time_to_first_token_seconds_bucket{" + MetricsPage.labels + ",le=\""
            let buckets = page.text.split(separator: "\n").filter { $0.hasPrefix(prefix) }
            #expect(buckets.count == 23)
            #expect(buckets.first?.hasPrefix(prefix + "0.001\"} ") == true)
            #expect(buckets.last == Substring(prefix + "+Inf\"} 3"))
            let counts = buckets.compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 <= $1 })
            // Each TTFT is about 2 ms: every request sits in the buckets from 5 ms on.
            #expect(page.value("vllm:time_to_first_token_seconds_bucket", "le=\"0.001\"") == 0)
            #expect(page.value("vllm:time_to_first_token_seconds_bucket", "le=\"2560.0\"") == 3)
        }
    }

    @Test func anAbandonedStreamCountsAsAnAbortWithTheTokensItGot() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.send(
                port: server.port,
                .completion(maxTokens: 100_000, requestID: "gone", closeAfterBodyParts: 3)
            )
            #expect(!response.isComplete)
            try await server.waitForStats { $0.clientDisconnects == 1 }
            let truth = try #require(server.truth(requestID: "gone"))
            let page = try await MetricsPage.fetch(server)
            #expect(truth.outcome == "disconnected")
            #expect(page.value("vllm:request_success_total", "finished_reason=\"abort\"") == 1)
            #expect(page.value("vllm:generation_tokens_total") == Double(truth.completionTokens))
            #expect(page.histogram("vllm:e2e_request_latency_seconds").count == 1)
            #expect(page.value("vllm:kv_cache_usage_perc") == 0)
        }
    }

    @Test func requestsRefusedBeforeTheyRunAreNotCounted() async throws {
        let options = SimulatorOptions.testing { $0.faults = .only(.http503, firstRequests: 1) }
        try await withSimulatedServer(options: options) { server in
            let refused = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 3)
            )
            #expect(refused.status == .serviceUnavailable)
            let page = try await MetricsPage.fetch(server)
            #expect(page.histogram("vllm:e2e_request_latency_seconds").count == 0)
            #expect(page.value("vllm:prompt_tokens_total") == 0)
            #expect(page.value("vllm:prefix_cache_queries_total") == 0)
        }
    }

    @Test func gaugesShowRunningAndWaitingRequestsAndTheirKVCache() async throws {
        let options = SimulatorOptions.testing {
            $0.latency = .deterministic(timeToFirstTokenMilliseconds: 1, interTokenMilliseconds: 1)
            $0.latency.maxConcurrentSequences = 1
            $0.faults = .only(.stall, firstRequests: 1)
            $0.faults.stallMilliseconds = 600_000
            $0.kvCacheCapacityTokens = 10
        }
        try await withSimulatedServer(options: options) { server in
            // The first request stalls after its first token: it holds its slot and 4 + 1 tokens of KV.
            let started = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: Void.self)
            let holder = try await TestHTTPClient.connect(port: server.port)
            let held = Task {
                try await holder.send(TestRequest.completion(maxTokens: 5, requestID: "held"), firstBodyPart: started)
            }
            try await started.futureResult.get()
            async let second = TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 2)
            )
            async let third = TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 2)
            )
            try await server.waitForStats { $0.queued == 2 }
            let during = try await MetricsPage.fetch(server)
            #expect(during.value("vllm:num_requests_running") == 1)
            #expect(during.value("vllm:num_requests_waiting") == 2)
            #expect(during.value("vllm:kv_cache_usage_perc") == 0.5)
            #expect(during.value("vllm:generation_tokens_total") == 1)
            #expect(during.histogram("vllm:time_to_first_token_seconds").count == 1)

            await holder.close()
            _ = try await (held.value, second, third)
            try await server.waitUntilIdle()
            let after = try await MetricsPage.fetch(server)
            #expect(after.value("vllm:num_requests_running") == 0)
            #expect(after.value("vllm:num_requests_waiting") == 0)
            #expect(after.value("vllm:kv_cache_usage_perc") == 0)
            let queued = server.truths().dropFirst().compactMap(\.queueNanoseconds)
            #expect(queued.count == 2)
            #expect(after.histogram("vllm:request_queue_time_seconds").count == 3)
        }
    }

    @Test func answersOnlyGet() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.post(port: server.port, "/metrics", json: "{}")
            #expect(response.status == .methodNotAllowed)
        }
    }
}
