/// One run as the report shows it: its results, the label that tells it from the other runs of
/// the page, and the records the charts draw.
///
/// Warm-up requests are left out of every chart as the summary leaves them out of every figure
/// (the engine's record sink never counts them).
struct ReportRun: Sendable {
    var results: RunResults
    /// The run id, and with several runs what differs between them (`base_url`, `model`, …).
    var label: String
    /// The run's position in the page, from 0: its palette colour in charts of several runs.
    var position: Int
    /// The counted requests (warm-ups left out), in the order of the requests file.
    var records: [RecordSample]
    /// The first counted send on the run's clock, in nanoseconds: 0 s on the run's time axis.
    var originNanoseconds: Int64

    init(results: RunResults, label: String, position: Int) {
        self.results = results
        self.label = label
        self.position = position
        records = results.records.filter { !$0.isWarmup }
        originNanoseconds = records.map(\.sendClockNanoseconds).min() ?? 0
    }

    /// The counted requests of one case, or of one step of a swept case.
    func records(caseIndex: Int, step: Int) -> [RecordSample] {
        records.filter { $0.caseIndex == caseIndex && $0.step == step }
    }

    /// Seconds from the run's first counted send to `nanoseconds` on the run's clock.
    func seconds(sinceOrigin nanoseconds: Int64) -> Double {
        Double(nanoseconds - originNanoseconds) / 1e9
    }

    /// The config keys whose values tell runs apart in their labels, in this order.
    static let distinguishingKeys = ["base_url", "model", "output_prefix_name", "api"]

    /// `runs` labelled: a lone run by its id; several by their id and each distinguishing config
    /// key whose value differs between them (`a1b2c3 · base_url=http://… · model=m`).
    static func labelled(_ runs: [RunResults]) -> [ReportRun] {
        let differing = distinguishingKeys.filter { key in
            Set(runs.map { ReportConfig($0.config).text(key) ?? "" }).count > 1
        }
        return runs.enumerated().map { position, run in
            let config = ReportConfig(run.config)
            let parts = [run.runID] + differing.map { "\($0)=\(config.text($0) ?? "-")" }
            return ReportRun(results: run, label: parts.joined(separator: " · "), position: position)
        }
    }
}
