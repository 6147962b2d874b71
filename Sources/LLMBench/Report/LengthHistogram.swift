import Foundation

/// Token lengths of one case's requests as histograms sharing their bins: as asked and as the
/// server (or the client) counted them.
///
/// Bins are one token wide when the lengths span at most `maximumBins` values, else a "nice"
/// whole width (1, 2 or 5 times a power of ten) that needs at most `maximumBins` bins.
struct LengthHistogram: Sendable, Equatable {
    static let maximumBins = 40

    struct Series: Sendable, Equatable {
        var name: String
        /// Requests per bin, in bin order.
        var counts: [Int]
    }

    /// The first bin's lower edge; bin `i` holds lengths in `lower + i * width ..< lower + (i + 1) * width`.
    var lower: Int
    var width: Int
    var binCount: Int
    var series: [Series]

    /// The histograms of `values` by series name; series without values are left out.
    init(_ values: [(name: String, values: [Int])], maximumBins: Int = Self.maximumBins) {
        let present = values.filter { !$0.values.isEmpty }
        let all = present.flatMap(\.values)
        let minimum = all.min() ?? 0
        let maximum = all.max() ?? 0
        let spread = maximum - minimum + 1
        width = spread <= maximumBins ? 1 : Self.niceWidth(atLeast: Double(spread) / Double(maximumBins))
        lower = Int((Double(minimum) / Double(width)).rounded(.down)) * width
        let binCount = (maximum - lower) / width + 1
        self.binCount = binCount
        let lower = lower
        let width = width
        series = present.map { entry in
            var counts = [Int](repeating: 0, count: binCount)
            for value in entry.values { counts[(value - lower) / width] += 1 }
            return Series(name: entry.name, counts: counts)
        }
    }

    /// The prompt lengths of `records`: as asked (every counted request) and as the server's
    /// `usage.prompt_tokens` (the successful requests it reported them for).
    static func promptLengths(of records: [RecordSample]) -> [(name: String, values: [Int])] {
        let successes = records.filter(\.isSuccess)
        return [
            ("asked (input_tokens)", records.map(\.requestedInputTokens)),
            ("server (usage.prompt_tokens)", successes.compactMap(\.inputTokensServer)),
        ]
    }

    /// The output lengths of `records`: as asked (every counted request), as the server's
    /// `usage.completion_tokens` and as the token events the client counted (successful requests).
    static func outputLengths(of records: [RecordSample]) -> [(name: String, values: [Int])] {
        let successes = records.filter(\.isSuccess)
        return [
            ("asked (output_tokens)", records.map(\.requestedOutputTokens)),
            ("server (usage.completion_tokens)", successes.compactMap(\.outputTokensServer)),
            ("client (token events counted)", successes.map(\.outputTokensCounted)),
        ]
    }

    /// The lower edge of bin `index`.
    func binStart(_ index: Int) -> Int { lower + index * width }

    private static func niceWidth(atLeast target: Double) -> Int {
        let power = pow(10, floor(log10(target)))
        let width = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= target } ?? 10 * power
        return max(1, Int(width.rounded(.up)))
    }
}
