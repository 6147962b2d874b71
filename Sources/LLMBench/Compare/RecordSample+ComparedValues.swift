extension RecordSample {
    /// The values of `metric` in this record, milliseconds: those the record holds, or for the
    /// load model's metrics (rate mode), the ones its offsets give by their definitions.
    func comparedValues(of metric: LatencyMetric) -> [Double] {
        switch metric {
        case .scheduleLag:
            guard let scheduled = scheduledOffsetMilliseconds else { return [] }
            return [startOffsetMilliseconds - min(scheduled, startOffsetMilliseconds)]
        case .intendedTTFT:
            guard let scheduled = scheduledOffsetMilliseconds, let ttft = latencies[.ttft] else { return [] }
            let firstToken = sendOffsetMilliseconds + ttft
            return [firstToken - min(scheduled, firstToken)]
        case .intendedE2E:
            guard let scheduled = scheduledOffsetMilliseconds, latencies[.e2e] != nil else { return [] }
            let end = endOffsetMilliseconds
            return [end - min(scheduled, end)]
        case .ttft, .tpot, .itl, .itlToken, .connect, .ttftContent, .e2e, .timingsPrompt, .timingsTPOT, .clientLag:
            return values(of: metric)
        }
    }
}
