extension ServerCaseFigures.ClientCounts {
    /// What the client counted over the `records` of a case's window: all of them, failed and
    /// warm-up ones included, as the server counts them.
    init(records: [RequestRecord]) {
        let reported = records.compactMap(\.inputTokensReported)
        let cached = records.compactMap(\.cachedPromptTokens)
        self.init(
            requestsFinished: records.count(where: \.isSuccess),
            requestsWithOutput: records.count { $0.outputTokens > 0 },
            promptTokens: reported.isEmpty ? nil : reported.reduce(0, +),
            cachedPromptTokens: cached.isEmpty ? nil : cached.reduce(0, +),
            outputTokens: records.reduce(0) { $0 + $1.outputTokens }
        )
    }
}
