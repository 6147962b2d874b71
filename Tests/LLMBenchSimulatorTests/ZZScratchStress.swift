import Foundation
import LLMBenchSimulator
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

@Suite(.serialized) struct ZZScratchStress {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SIM_STRESS"] != nil), arguments: [1, 2])
    func stress(threads: Int) async throws {
        let streams = Int(ProcessInfo.processInfo.environment["SIM_STRESS"]!)!
        let latency = LatencyModel(
            baseTimeToFirstTokenMilliseconds: 25, prefillTokensPerSecond: 8000, interTokenMilliseconds: 12,
            interTokenMillisecondsPerActiveSequence: 0.01, maxConcurrentSequences: 4096, jitterFraction: 0.05)
        try await withSimulatedServer(options: SimulatorOptions(eventLoopThreads: threads, latency: latency)) { server in
            let start = NIODeadline.now()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<streams {
                    group.addTask {
                        let r = try await TestHTTPClient.post(
                            port: server.port, "/v1/completions", json: RequestBodies.completion(maxTokens: 64))
                        precondition(r.isComplete)
                    }
                }
                try await group.waitForAll()
            }
            let elapsed = NIODeadline.now() - start
            let truths = server.truths()
            let lateness = truths.map { Double($0.lateness) / 1e6 }.sorted()
            let stats = server.stats()
            print("threads=\(threads) streams=\(streams) elapsed=\(Double(elapsed.nanoseconds)/1e9)s maxActive=\(stats.maxActive) tokens=\(stats.tokensGenerated)")
            print("lateness ms p50=\(lateness[lateness.count/2]) p99=\(lateness[lateness.count*99/100]) max=\(lateness.last!)")
        }
    }
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["SIM_SLOW"] != nil))
func zzSlowReader() async throws {
    try await withSimulatedServer(options: .testing()) { server in
        let client = try await TestHTTPClient.connect(port: server.port)
        try await client.channel.setOption(ChannelOptions.autoRead, value: false)
        async let response = client.send(TestRequest(method: .POST, path: "/v1/completions", body: RequestBodies.completion(maxTokens: 100_000, includeUsage: false)))
        try await Task.sleep(for: .seconds(3))
        try await client.channel.setOption(ChannelOptions.autoRead, value: true)
        client.channel.read()
        let r = try await response
        print("complete", r.isComplete, SSE.payloads(r.body).count)
        await client.close()
    }
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["SIM_CURL"] != nil))
func zzCurl() async throws {
    try await withSimulatedServer(options: SimulatorOptions()) { server in
        let big = String(repeating: "người người đi dạo ", count: 200)
        let scripts = [
            "curl -sS -N -w '\\nTIME %{time_starttransfer} %{time_total}\\n' \(server.baseURL)/completions -H 'content-type: application/json' -d '{\"prompt\":\"\(big)\",\"max_tokens\":5,\"stream\":true,\"stream_options\":{\"include_usage\":true}}'",
            "curl -sS -i \(server.baseURL)/chat/completions -H 'content-type: application/json' -d '{\"messages\":[{\"role\":\"user\",\"content\":\"chào\"}],\"max_tokens\":3}'",
            "curl -sS -i -N \(server.baseURL)/chat/completions -H 'content-type: application/json' -d '{\"messages\":[{\"role\":\"user\",\"content\":\"chào\"}],\"max_tokens\":3,\"stream\":true}'",
            "curl -sS -0 -i -N \(server.baseURL)/completions -H 'content-type: application/json' -d '{\"prompt\":\"a\",\"max_tokens\":2,\"stream\":true}'",
            "curl -sS -i http://127.0.0.1:\(server.port)/sim/stats",
            "curl -sS -i -X POST http://127.0.0.1:\(server.port)/v1/models",
            "curl -sS -i http://127.0.0.1:\(server.port)/sim/truth?since=1",
        ]
        for script in scripts {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script]
            try process.run()
            process.waitUntilExit()
            print("\n-----")
        }
    }
}
