extension ServerMetricsScraper {
    /// The metrics URLs of `settings` that answer Prometheus text now, each read once before
    /// anything is measured.
    ///
    /// The automatic choice, `/metrics` at `server`'s root, is kept only when it answers 200 with
    /// at least one sample; otherwise scraping is off, said by an event and no warning (many
    /// servers have no such page). An explicit URL that fails is warned about and dropped.
    static func check(
        _ settings: ServerMetricsSettings,
        server: ServerAddress,
        client: ScrapeClient,
        emit: BenchmarkObserver
    ) async -> [ScrapeTarget] {
        let targets: [ScrapeTarget]
        switch settings.source {
        case .off:
            return []
        case .automatic:
            let target = ScrapeTarget.automatic(for: server)
            switch await client.read(target) {
            case .success(let page) where !page.exposition.samples.isEmpty:
                targets = [target]
            case .success:
                emit(.serverMetricsOff(reason: "\(target.url) exposes no metric"))
                return []
            case .failure(let failure):
                emit(.serverMetricsOff(reason: "\(target.url): \(failure.reason)"))
                return []
            }
        case .urls(let addresses):
            var answering: [ScrapeTarget] = []
            for target in addresses.map({ ScrapeTarget($0, server: server) }) {
                switch await client.read(target) {
                case .success: answering.append(target)
                case .failure(let failure):
                    emit(.warning(.serverMetricsUnavailable(url: target.url, reason: failure.reason)))
                }
            }
            guard !answering.isEmpty else {
                emit(.serverMetricsOff(reason: "no server_metrics.url answers"))
                return []
            }
            targets = answering
        }
        emit(.serverMetricsOn(urls: targets.map(\.url), intervalMilliseconds: settings.intervalMilliseconds))
        return targets
    }
}
