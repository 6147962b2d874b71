/// One side's measurements of a matched case: every case of its runs with that key (the same
/// case in repeated runs), their figures and records pooled.
struct CaseSample {
    /// The summaries' figures of each pooled case.
    let cases: [CaseResults]
    /// The counted (not warm-up) records of each pooled case, in the order of `cases`.
    let records: [[RecordSample]]

    /// Counted requests, successful or failed, as the summaries state them.
    var requestCount: Int { successfulRequests + failedRequests }

    var successfulRequests: Int { sum("successful_requests") }
    var failedRequests: Int { sum("failed_requests") }

    /// The values of `metric` over the pooled records that its figures cover (successful
    /// requests, or all for metrics covering failures), finite ones only, sorted ascending.
    func sortedValues(of metric: LatencyMetric) -> [Double] {
        records.joined()
            .filter { metric.coversFailedRequests || $0.isSuccess }
            .flatMap { $0.comparedValues(of: metric) }
            .filter(\.isFinite)
            .sorted()
    }

    /// The figure's value: the summary's own for a single case; for pooled cases, the statistic
    /// of the pooled values (latency) or the pooled counts over the pooled wall time.
    func value(of figure: ComparisonFigure, sortedValues: [Double]) -> Double? {
        switch figure {
        case .latency(_, let statistic):
            if cases.count == 1 { return cases[0].number(figure.name) }
            guard !sortedValues.isEmpty else { return nil }
            if let fraction = statistic.distributionStatistic.fraction {
                return Distribution.percentile(fraction, ofSorted: sortedValues)
            }
            return sortedValues.reduce(0, +) / Double(sortedValues.count)
        case .distribution:
            return nil
        case .outputThroughput:
            if cases.count == 1 { return cases[0].number(figure.name) }
            return perSecond(sum("total_output_tokens"))
        case .requestThroughput:
            if cases.count == 1 { return cases[0].number(figure.name) }
            return perSecond(successfulRequests)
        case .failedShare:
            return requestCount > 0 ? 100 * Double(failedRequests) / Double(requestCount) : nil
        }
    }

    /// `count` over the pooled wall time; nil without any.
    private func perSecond(_ count: Int) -> Double? {
        let seconds = cases.compactMap { $0.number("wall_time_s") }.reduce(0, +)
        return seconds > 0 ? Double(count) / seconds : nil
    }

    private func sum(_ column: String) -> Int {
        cases.reduce(0) { $0 + Int($1.number(column) ?? 0) }
    }
}
