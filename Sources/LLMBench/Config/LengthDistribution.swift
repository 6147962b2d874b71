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
    var minimum: Int {
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
