extension ServerCaseFigures.ClientCounts {
    /// What the client counted over a case's `records` (all of them, failed ones included).
    init(records: [RequestRecord]) {
        let reported = records.compactMap(\.inputTokensReported)
        self.init(
            requestsFinished: records.count(where: \.isSuccess),
            requestsSent: records.count,
            promptTokens: reported.isEmpty ? nil : reported.reduce(0, +),
            outputTokens: records.reduce(0) { $0 + $1.outputTokens }
        )
    }
}
