import Synchronization

@testable import LLMBench

/// A loopback `/metrics` page whose counter `test_scrapes_total` counts the pages it served; any
/// other path answers 404. `answer` replaces the page (garbage, a status, silence) when given.
func withMetricsPageServer<T>(
    answer: (@Sendable (_ count: Int) -> [ScriptStep])? = nil,
    _ body: (ScriptedServer) async throws -> T
) async throws -> T {
    let served = Mutex(0)
    return try await withScriptedServer({ head in
        guard head.hasPrefix("GET /metrics ") else { return [.answer("404 Not Found", body: "no route")] }
        let count = served.withLock { count in
            count += 1
            return count
        }
        if let answer { return answer(count) }
        let page = "# TYPE test_scrapes_total counter\ntest_scrapes_total{path=\"/metrics\"} \(count)\n"
        return [.answer("200 OK", headers: ["Content-Type: text/plain; version=0.0.4"], body: page)]
    }) { server in
        try await body(server)
    }
}

extension ScriptedServer {
    /// The `GET /metrics` requests received.
    var metricsRequests: Int { requestHeads.count { $0.hasPrefix("GET /metrics ") } }
}
