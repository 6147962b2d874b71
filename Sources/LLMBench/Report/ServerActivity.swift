/// What a run's server said of itself over time, from its scraped metrics: per scrape round, the
/// requests it was running and holding in its queue, its KV-cache use, and the tokens it
/// generated per second, on the run's time axis.
///
/// Each round's value sums every series of the figure's name over the metrics URLs (several
/// nodes add up), except the KV-cache use, a fraction, which is their mean.
struct ServerActivity: Sendable, Equatable {
    /// One value at one scrape round.
    struct Point: Sendable, Equatable {
        /// Seconds since the run's first counted send, at the round's last answer.
        var seconds: Double
        var value: Double
    }

    /// The engine its names were recognised as.
    var engine: ServerVocabulary.Engine
    var requestsRunning: [Point]
    var requestsWaiting: [Point]
    /// Fraction of the KV cache in use, 0–1.
    var kvCacheUsage: [Point]
    /// The growth of the generation tokens counter between consecutive rounds, per second, at
    /// the later round; a round where the counter went down (a restart) has none.
    var generationTokensPerSecond: [Point]

    /// The activity of `run`; nil when its server's metrics are not of an engine llm-bench knows.
    init?(run: ReportRun) {
        guard let vocabulary = ServerVocabulary.recognising(Set(run.results.serverSeries.map(\.name))) else {
            return nil
        }
        engine = vocabulary.engine
        let rounds = Dictionary(grouping: run.results.serverSeries, by: \.round).sorted { $0.key < $1.key }
        func points(_ names: [String], mean: Bool = false) -> [Point] {
            rounds.compactMap { _, samples in
                guard let name = names.first(where: { name in samples.contains { $0.name == name } }) else {
                    return nil
                }
                let values = samples.filter { $0.name == name && $0.value.isFinite }.map(\.value)
                guard !values.isEmpty else { return nil }
                let total = values.reduce(0, +)
                return Point(
                    seconds: run.seconds(sinceOrigin: samples.map(\.clockNanoseconds).max() ?? 0),
                    value: mean ? total / Double(values.count) : total
                )
            }
        }
        requestsRunning = points(vocabulary.requestsRunning)
        requestsWaiting = points(vocabulary.requestsWaiting)
        kvCacheUsage = points(vocabulary.kvCacheUsage, mean: true)
        let generated = points(vocabulary.generationTokens)
        generationTokensPerSecond = zip(generated, generated.dropFirst()).compactMap { before, after in
            let elapsed = after.seconds - before.seconds
            guard elapsed > 0, after.value >= before.value else { return nil }
            return Point(seconds: after.seconds, value: (after.value - before.value) / elapsed)
        }
    }
}
