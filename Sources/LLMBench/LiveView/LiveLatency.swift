import Histogram

/// One latency of the live view (TTFT, ITL or E2E) in microseconds, as an HdrHistogram of two
/// significant digits: mergeable across shards by adding, each percentile within 1 % of the
/// recorded value. A live view only: the final figures come from the raw records.
struct LiveLatency: Sendable, Codable {
    private(set) var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .two)

    init() {}

    /// The histogram holding `buckets`, each a recorded value and its count; nil when one is not
    /// a pair of a value and a count above 0, or they hold more than `largestCount` values.
    init?(buckets: [[UInt64]]) {
        var total: UInt64 = 0
        for bucket in buckets {
            guard bucket.count == 2, bucket[1] > 0, bucket[1] <= Self.largestCount - total,
                bucket[0] <= Self.largestBucketValue
            else { return nil }
            total += bucket[1]
            _ = histogram.record(bucket[0], count: bucket[1])
        }
    }

    /// Adds a latency of `nanoseconds`, at most a day.
    mutating func record(nanoseconds: UInt64) {
        _ = histogram.record(min(nanoseconds / 1_000, Self.largestMicroseconds))
    }

    /// Adds every value of `other`.
    mutating func add(_ other: LiveLatency) {
        histogram.add(other.histogram)
    }

    /// Reads the buckets a snapshot file holds; refuses any that is not a value and a count.
    init(from decoder: any Decoder) throws {
        let buckets = try [[UInt64]](from: decoder)
        guard let latency = LiveLatency(buckets: buckets) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "not [value, count] pairs")
            )
        }
        self = latency
    }

    func encode(to encoder: any Encoder) throws {
        try buckets.encode(to: encoder)
    }

    /// Each recorded value with its count, the form a snapshot file holds.
    var buckets: [[UInt64]] {
        histogram.recordedValues().map { [$0.value, $0.count] }
    }

    var count: UInt64 { histogram.totalCount }

    /// The value at `percentile` (0–100) in milliseconds; nil when nothing was recorded.
    func milliseconds(at percentile: Double) -> Double? {
        count == 0 ? nil : Double(histogram.valueAtPercentile(percentile)) / 1_000
    }

    /// A day, in microseconds: longer latencies are recorded as a day.
    static let largestMicroseconds: UInt64 = 86_400_000_000
    /// The most values a snapshot's latency may hold (2^40), so that the histograms of as many
    /// shards as a snapshot may name add up without overflow.
    static let largestCount: UInt64 = 1 << 40
    /// The value a snapshot gives the bucket of `largestMicroseconds`: its highest equivalent.
    static let largestBucketValue = Histogram<UInt64>(numberOfSignificantValueDigits: .two)
        .highestEquivalentForValue(largestMicroseconds)
}
