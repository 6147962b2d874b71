import LLMBenchSimulator

/// Request bodies for the simulator tests.
enum RequestBodies {
    static func completion(
        prompt: String = "Hà Nội mùa thu",
        maxTokens: Int? = 8,
        stream: Bool = true,
        includeUsage: Bool = true,
        extra: String = ""
    ) -> String {
        var fields = ["\"model\":\"llm-bench-sim\"", "\"prompt\":\"\(prompt)\"", "\"stream\":\(stream)"]
        if let maxTokens { fields.append("\"max_tokens\":\(maxTokens)") }
        if includeUsage { fields.append("\"stream_options\":{\"include_usage\":true}") }
        if !extra.isEmpty { fields.append(extra) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func chat(
        messages: [(role: String, content: String)] = [("system", "Trả lời ngắn."), ("user", "Hà Nội ở đâu?")],
        maxTokens: Int = 6,
        stream: Bool = true,
        includeUsage: Bool = true
    ) -> String {
        let list = messages.map { "{\"role\":\"\($0.role)\",\"content\":\"\($0.content)\"}" }.joined(separator: ",")
        var body =
            "{\"model\":\"llm-bench-sim\",\"messages\":[\(list)],\"max_tokens\":\(maxTokens),\"stream\":\(stream)"
        if includeUsage { body += ",\"stream_options\":{\"include_usage\":true}" }
        return body + "}"
    }
}

extension SimulatorOptions {
    /// Options for fast tests: instant latency unless given.
    static func testing(_ configure: (inout SimulatorOptions) -> Void = { _ in }) -> SimulatorOptions {
        var options = SimulatorOptions(latency: .instant)
        configure(&options)
        return options
    }
}
