import Foundation
import LLMBenchSupport

/// A length in tokens: fixed, or drawn per request.
public enum LengthDistribution: Sendable, Equatable, CustomStringConvertible {
    /// Always this length.
    case fixed(Int)
    /// Uniform over the closed range.
    case uniform(Int, Int)
    /// Normal with this mean and standard deviation, clamped to `min...max`.
    case normal(mean: Double, standardDeviation: Double, min: Int, max: Int)

    /// The mean asked for.
    public var mean: Double {
        switch self {
        case .fixed(let value): Double(value)
        case .uniform(let low, let high): Double(low + high) / 2
        case .normal(let mean, _, let low, let high): Swift.min(Swift.max(mean, Double(low)), Double(high))
        }
    }

    /// The smallest length it can give.
    public var minimum: Int {
        switch self {
        case .fixed(let value): value
        case .uniform(let low, _), .normal(_, _, let low, _): low
        }
    }

    /// One draw.
    func sample(using random: inout SeededRandom) -> Int {
        switch self {
        case .fixed(let value):
            return value
        case .uniform(let low, let high):
            return Int.random(in: low...high, using: &random)
        case .normal(let mean, let deviation, let low, let high):
            let u1 = max(Double.random(in: 0..<1, using: &random), .leastNonzeroMagnitude)
            let u2 = Double.random(in: 0..<1, using: &random)
            let draw = mean + deviation * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
            return Swift.min(high, Swift.max(low, Int(draw.rounded())))
        }
    }

    /// e.g. `128`, `uniform(100..300)`, `normal(200±50, 50..400)`.
    public var description: String {
        switch self {
        case .fixed(let value): "\(value)"
        case .uniform(let low, let high): "uniform(\(low)..\(high))"
        case .normal(let mean, let deviation, let low, let high):
            "normal(\(JSONObjectWriter.number(mean))±\(JSONObjectWriter.number(deviation)), \(low)..\(high))"
        }
    }
}

/// Where a case's requests get their lengths and prompts.
public enum Workload: Sendable, Equatable, CustomStringConvertible {
    /// Lengths drawn per request (fixed lengths are the seed's cases).
    case lengths(input: LengthDistribution, output: LengthDistribution)
    /// These (input, output) pairs, in turn.
    case pairs([LengthPair])
    /// Prompts and output lengths from a dataset file.
    case dataset(path: String, format: DatasetFormat, maxRequests: Int?)

    /// The mean prompt length asked for (0 for a dataset, known only once it is read).
    public var meanInputTokens: Double {
        switch self {
        case .lengths(let input, _): input.mean
        case .pairs(let pairs): Double(pairs.map(\.inputTokens).reduce(0, +)) / Double(max(1, pairs.count))
        case .dataset: 0
        }
    }

    /// The mean output length asked for (0 for a dataset).
    public var meanOutputTokens: Double {
        switch self {
        case .lengths(_, let output): output.mean
        case .pairs(let pairs): Double(pairs.map(\.outputTokens).reduce(0, +)) / Double(max(1, pairs.count))
        case .dataset: 0
        }
    }

    /// Whether every request asks for the same lengths.
    public var isFixed: Bool {
        if case .lengths(.fixed, .fixed) = self { return true }
        return false
    }

    /// A short description for results (`workload` column).
    public var description: String {
        switch self {
        case .lengths(let input, let output): "\(input)/\(output)"
        case .pairs(let pairs): "pairs(\(pairs.count))"
        case .dataset(let path, let format, _): "\(format.rawValue):\((path as NSString).lastPathComponent)"
        }
    }
}

/// One (input, output) length pair of a `pairs` workload.
public struct LengthPair: Sendable, Equatable {
    /// Prompt length in tokens.
    public var inputTokens: Int
    /// Output length in tokens.
    public var outputTokens: Int

    /// Creates a pair.
    public init(inputTokens: Int, outputTokens: Int) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }
}

/// The layout of a dataset file.
public enum DatasetFormat: String, Sendable, CaseIterable {
    /// One JSON object per line: `{"prompt": "...", "output_tokens": N}`.
    case jsonl
    /// ShareGPT conversations: a JSON array (or JSON lines) of `{"conversations": [{"from", "value"}, …]}`.
    case sharegpt
}

/// Requests that share one prompt prefix, to measure a server's prefix cache.
public struct SharedPrefix: Sendable, Equatable {
    /// Prefix length in tokens (part of each prompt's length).
    public var tokens: Int
    /// Distinct prefixes; request i uses prefix i mod groups.
    public var groups: Int

    /// Creates the setting.
    public init(tokens: Int, groups: Int) {
        self.tokens = tokens
        self.groups = groups
    }
}
