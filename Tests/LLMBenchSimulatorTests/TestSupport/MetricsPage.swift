import LLMBenchSimulator
import NIOHTTP1
import Testing

/// The samples of a simulator's `GET /metrics` page, by their full `name{labels}` key.
struct MetricsPage {
    let text: String
    private var values: [String: Double] = [:]

    /// The labels of every sample of a server with the default model.
    static let labels = "model_name=\"llm-bench-sim\",engine=\"0\""

    init(_ text: String) {
        self.text = text
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            values[String(line[..<space])] = value
        }
    }

    /// Fetches the page of `server`.
    static func fetch(_ server: SimulatedServer) async throws -> MetricsPage {
        let response = try await TestHTTPClient.get(port: server.port, "/metrics")
        #expect(response.status == .ok)
        #expect(response.headers["content-type"].first == "text/plain; version=0.0.4; charset=utf-8")
        return MetricsPage(response.body)
    }

    /// The sample `name` with the common labels and `extra` ones after them (`nil` if absent).
    func value(_ name: String, _ extra: String? = nil) -> Double? {
        values[name + "{" + Self.labels + (extra.map { "," + $0 } ?? "") + "}"]
    }

    /// `_count` and `_sum` of the histogram `name`.
    func histogram(_ name: String) -> (count: Double?, sum: Double?) {
        (value(name + "_count"), value(name + "_sum"))
    }
}
