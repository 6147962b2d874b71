extension ServerVocabulary {
    /// Whether a run's server series of this name are read back with the run: the figures the
    /// report charts over time (requests running and waiting, KV-cache use, generated tokens),
    /// of every engine known. The file keeps every series for other tools.
    static func isChartedOverTime(_ name: String) -> Bool { chartedOverTime.contains(name) }

    private static let chartedOverTime: Set<String> = Set(
        known.flatMap { vocabulary in
            vocabulary.requestsRunning + vocabulary.requestsWaiting + vocabulary.kvCacheUsage
                + vocabulary.generationTokens
        }
    )
}
