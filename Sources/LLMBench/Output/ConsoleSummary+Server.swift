import Foundation

extension ConsoleSummary {
    /// The server's figures of a case block: its counts beside the client's, then its latencies and
    /// load, then why figures are missing; none when the server was not scraped.
    static func serverLines(_ summary: CaseSummary) -> [String] {
        guard let figures = summary.serverFigures else { return [] }
        let client = figures.client
        var counts = [String]()
        if let finished = figures.requestsFinished {
            counts.append("\(count(finished)) finished (client \(client.requestsFinished))")
        }
        if let prompt = figures.promptTokens {
            counts.append(
                "prompt tokens \(count(prompt)) (client \(client.promptTokens.map { String($0) } ?? "not reported")"
                    + (figures.promptTokensDifference.map { ", \(signed($0))" } ?? "") + ")"
            )
        }
        if let generated = figures.generationTokens {
            counts.append(
                "generated \(count(generated)) (client \(client.outputTokens)"
                    + (figures.generationTokensDifference.map { ", \(signed($0))" } ?? "") + ")"
            )
        }
        if figures.engine == .unknown {
            return [
                "  server     metrics of an engine llm-bench does not know: the raw series are in the server metrics file"
            ]
        }
        var lines = [
            "  server     \(figures.engine.rawValue)" + (counts.isEmpty ? "" : ": " + counts.joined(separator: ", "))
        ]
        if let detail = serverDetail(figures) { lines.append("  server     " + detail) }
        lines += figures.notes.map { "  note       server: \($0)" }
        return lines
    }

    /// Latency means with bucket-estimated p99 (`~`), KV-cache use, queue and prefix-cache figures.
    private static func serverDetail(_ figures: ServerCaseFigures) -> String? {
        var parts = [String]()
        for histogram in ServerVocabulary.Histogram.allCases {
            guard let latency = figures.latency[histogram], let mean = latency.mean else { continue }
            parts.append(
                consoleLabel(histogram) + String(format: " %.2f", mean)
                    + (latency.p99.map { String(format: " (p99~%.2f)", $0) } ?? "")
            )
        }
        if !parts.isEmpty { parts[parts.count - 1] += " ms" }
        if let prompt = figures.promptTimePerTokenMilliseconds {
            parts.append(String(format: "prompt %.3f ms/token", prompt))
        }
        if let usage = figures.kvCacheUsageMax, let mean = figures.kvCacheUsageMean {
            parts.append(String(format: "KV cache max %.1f %%, mean %.1f %%", usage * 100, mean * 100))
        }
        if let running = figures.requestsRunningMax { parts.append("running max \(count(running))") }
        if let waiting = figures.requestsWaitingMax { parts.append("waiting max \(count(waiting))") }
        if let preemptions = figures.preemptions { parts.append("preemptions \(count(preemptions))") }
        if let rate = figures.prefixCacheHitRate {
            parts.append(String(format: "prefix cache hits %.1f %%", rate * 100))
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    private static func consoleLabel(_ histogram: ServerVocabulary.Histogram) -> String {
        switch histogram {
        case .ttft, .itl, .tpot, .e2e: histogram.rawValue.uppercased()
        case .queue, .prefill, .decode: histogram.rawValue
        }
    }

    private static func count(_ value: Double) -> String {
        value.wholeNumber.map(String.init) ?? String(format: "%.1f", value)
    }

    private static func signed(_ value: Double) -> String {
        value > 0 ? "+" + count(value) : count(value)
    }
}
