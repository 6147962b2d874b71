/// A Prometheus histogram with fixed upper bounds: a count per bucket (not cumulative), the sum
/// and the count of every observation. An observation costs one walk over at most a few dozen
/// bounds and no allocation.
struct MetricHistogram: Sendable, Equatable {
    /// The buckets' inclusive upper bounds, ascending; `+Inf` is implied after the last.
    let upperBounds: [Double]
    /// Observations per bucket; the last entry counts those above every bound.
    private(set) var bucketCounts: [UInt64]
    private(set) var sum: Double = 0
    private(set) var count: UInt64 = 0

    init(upperBounds: [Double]) {
        self.upperBounds = upperBounds
        bucketCounts = Array(repeating: 0, count: upperBounds.count + 1)
    }

    /// Adds one observation.
    mutating func observe(_ value: Double) {
        observe(value, times: 1)
    }

    /// Adds `times` observations of the same value.
    mutating func observe(_ value: Double, times: UInt64) {
        guard times > 0 else { return }
        var index = 0
        while index < upperBounds.count, value > upperBounds[index] { index += 1 }
        bucketCounts[index] += times
        sum += value * Double(times)
        count += times
    }

    /// The cumulative counts of the `le` buckets, `+Inf` last (equal to ``count``).
    var cumulativeCounts: [UInt64] {
        var running: UInt64 = 0
        return bucketCounts.map { count in
            running += count
            return running
        }
    }
}

extension MetricHistogram {
    /// vLLM's buckets of `time_to_first_token_seconds`.
    static let timeToFirstTokenBounds: [Double] = [
        0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0,
        80.0, 160.0, 640.0, 2560.0,
    ]
    /// vLLM's buckets of `inter_token_latency_seconds` and `request_time_per_output_token_seconds`.
    static let perTokenBounds: [Double] = [
        0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0,
    ]
    /// vLLM's buckets of the per-request phases (e2e, queue, prefill, decode).
    static let requestLatencyBounds: [Double] = [
        0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0,
        960.0, 1920.0, 7680.0,
    ]

    /// vLLM's 1-2-5 buckets of token counts up to `maximum` (its `max_model_len`).
    static func tokenCountBounds(upTo maximum: Int) -> [Double] {
        var bounds: [Double] = []
        var scale = 1
        while true {
            for mantissa in [1, 2, 5] {
                let (value, overflow) = mantissa.multipliedReportingOverflow(by: scale)
                guard !overflow, value <= maximum else { return bounds }
                bounds.append(Double(value))
            }
            scale *= 10
        }
    }
}
