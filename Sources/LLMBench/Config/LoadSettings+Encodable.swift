/// The `load:` section as its YAML keys; durations in seconds.
extension LoadSettings: Encodable {
    enum CodingKeys: String, CodingKey {
        case mode
        case concurrency
        case rate
        case arrival
        case burstiness
        case maxConcurrency = "max_concurrency"
        case requests
        case duration
        case warmup
        case rampUp = "ramp_up"
        case sweep
    }

    private enum SweepKeys: String, CodingKey {
        case concurrency
        case rates
        case search
        case maxConcurrency = "max_concurrency"
    }

    /// Writes every key that is set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mode.rawValue, forKey: .mode)
        try container.encodeIfPresent(concurrency, forKey: .concurrency)
        try container.encodeIfPresent(rate, forKey: .rate)
        try container.encode(arrival.rawValue, forKey: .arrival)
        try container.encode(burstiness, forKey: .burstiness)
        try container.encodeIfPresent(maxConcurrency, forKey: .maxConcurrency)
        try container.encodeIfPresent(requests, forKey: .requests)
        try container.encodeIfPresent(durationSeconds, forKey: .duration)
        try container.encodeIfPresent(warmup, forKey: .warmup)
        try container.encode(rampUpSeconds, forKey: .rampUp)
        guard let sweep else { return }
        var nested = container.nestedContainer(keyedBy: SweepKeys.self, forKey: .sweep)
        switch sweep {
        case .concurrency(let values): try nested.encode(values, forKey: .concurrency)
        case .rates(let values): try nested.encode(values, forKey: .rates)
        case .search(let maximum):
            try nested.encode(true, forKey: .search)
            try nested.encode(maximum, forKey: .maxConcurrency)
        }
    }
}
