import Foundation
import LLMBenchSimulator
import NIOCore
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
