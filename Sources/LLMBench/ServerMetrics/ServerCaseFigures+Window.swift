extension ServerCaseFigures {
    /// A case's scrapes arranged for reading: each source's first and last exposition (for the
    /// deltas of counters and histograms) and the rounds taken while it ran (for gauges: the
    /// start and end rounds see an idle server, before the warm-up and after the last request).
    struct Window: Sendable {
        /// What reading a counter or histogram over the window found.
        enum Reading<Value: Sendable>: Sendable {
            /// No source exposes it in two scrapes.
            case absent
            case value(Value)
            /// A series of `name` went down or vanished: the server restarted in the window.
            case reset(name: String)
        }

        /// How a gauge's series (label sets, then sources) combine within one round.
        enum Combination: Sendable {
            /// Counts such as requests running add up.
            case sum
            /// Fractions such as KV-cache use are averaged.
            case mean
        }

        /// Per source with at least two scrapes: its `start` (else earliest) and `end` (else latest).
        private let ends: [(first: MetricExposition, last: MetricExposition)]
        /// The expositions of each interval round, in round order.
        private let rounds: [[MetricExposition]]
        /// Every sample name of every scrape.
        let names: Set<String>
        /// Whether no source was scraped twice, so that no delta exists.
        var hasNoDeltas: Bool { ends.isEmpty }
        /// Whether no round was taken while the case ran, so that gauges have no value.
        var hasNoIntervalRounds: Bool { rounds.isEmpty }

        init(scrapes: [MetricScrape]) {
            ends = Dictionary(grouping: scrapes, by: \.source).sorted { $0.key < $1.key }.compactMap { _, scrapes in
                let ordered = scrapes.sorted { ($0.clockNanoseconds, $0.round) < ($1.clockNanoseconds, $1.round) }
                guard ordered.count >= 2, let earliest = ordered.first, let latest = ordered.last else { return nil }
                let first = ordered.first { $0.moment == .start } ?? earliest
                let last = ordered.last { $0.moment == .end } ?? latest
                return (first.exposition, last.exposition)
            }
            let during = scrapes.filter { $0.moment == .interval }
            rounds = Dictionary(grouping: during, by: \.round).sorted { $0.key < $1.key }.map {
                $0.value.map(\.exposition)
            }
            names = Set(scrapes.flatMap { $0.exposition.samples.map(\.name) })
        }

        /// The first of `candidates` some scrape exposes (a histogram's base name by its buckets or count).
        func firstPresent(_ candidates: [String], histogram: Bool = false) -> String? {
            candidates.first { name in
                histogram ? names.contains(name + "_bucket") || names.contains(name + "_count") : names.contains(name)
            }
        }

        /// The increase of the counter named by the first present of `candidates`, over every series
        /// and source: a series that first appears counts from 0.
        func counter(_ candidates: [String]) -> Reading<Double> {
            guard let name = firstPresent(candidates), !ends.isEmpty else { return .absent }
            var total = 0.0
            for (first, last) in ends {
                let start = Self.values(of: name, in: first)
                let end = Self.values(of: name, in: last)
                for (series, value) in start where (end[series] ?? -.infinity) < value { return .reset(name: name) }
                total += end.reduce(0) { $0 + $1.value - (start[$1.key] ?? 0) }
            }
            return .value(total)
        }

        /// The observations of the histogram named by the first present of `candidates`, its series
        /// (label sets other than `le`) and sources summed.
        func histogram(_ candidates: [String]) -> Reading<HistogramEstimate> {
            guard let name = firstPresent(candidates, histogram: true), !ends.isEmpty else { return .absent }
            var windows: [HistogramEstimate] = []
            for (first, last) in ends {
                let start = Self.histograms(named: name, in: first)
                let end = Self.histograms(named: name, in: last)
                if start.keys.contains(where: { end[$0] == nil }) { return .reset(name: name) }
                for (series, cumulative) in end {
                    let window = HistogramEstimate(from: start[series], to: cumulative)
                    if window.isAfterReset { return .reset(name: name) }
                    windows.append(window)
                }
            }
            return HistogramEstimate.combined(windows).map { .value($0) } ?? .absent
        }

        /// The highest and the mean over the rounds of the gauge named by the first present of
        /// `candidates`, each round's series and sources combined by `combination`.
        func gauge(_ candidates: [String], combining combination: Combination) -> (max: Double, mean: Double)? {
            guard let name = firstPresent(candidates) else { return nil }
            let perRound = rounds.compactMap { expositions in
                Self.combine(
                    expositions.compactMap { Self.combine(Array(Self.values(of: name, in: $0).values), combination) },
                    combination
                )
            }
            guard let highest = perRound.max() else { return nil }
            return (highest, perRound.reduce(0, +) / Double(perRound.count))
        }

        private static func combine(_ values: [Double], _ combination: Combination) -> Double? {
            guard !values.isEmpty else { return nil }
            let total = values.reduce(0, +)
            return combination == .sum ? total : total / Double(values.count)
        }

        /// The finite values of `name` in `exposition` by series.
        private static func values(of name: String, in exposition: MetricExposition) -> [String: Double] {
            var values = [String: Double]()
            for sample in exposition.samples where sample.name == name && sample.value.isFinite {
                values[seriesKey(sample.labels), default: 0] += sample.value
            }
            return values
        }

        /// Each series of histogram `name` (its labels but `le`) as `exposition` shows it.
        private static func histograms(
            named name: String,
            in exposition: MetricExposition
        ) -> [String: HistogramEstimate.Cumulative] {
            var histograms = [String: HistogramEstimate.Cumulative]()
            for sample in exposition.samples where sample.value.isFinite {
                let key = seriesKey(sample.labels)
                switch sample.name {
                case name + "_bucket":
                    guard let bound = sample.label("le").flatMap(Double.init) else { continue }
                    histograms[key, default: .init(buckets: [:])].buckets[bound] = sample.value
                case name + "_sum": histograms[key, default: .init(buckets: [:])].sum = sample.value
                case name + "_count": histograms[key, default: .init(buckets: [:])].count = sample.value
                default: continue
                }
            }
            return histograms
        }

        /// One series' identity: its labels but `le`, in their sorted order.
        private static func seriesKey(_ labels: [MetricLabel]) -> String {
            labels.filter { $0.name != "le" }.map { "\($0.name)=\($0.value)" }.joined(separator: "\u{1}")
        }
    }
}
