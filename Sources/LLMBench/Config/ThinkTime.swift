import Foundation
import LLMBenchSupport

/// The pause of a session's user between an answer and their next message, in seconds: fixed or
/// drawn per turn.
public enum ThinkTime: Sendable, Equatable, CustomStringConvertible {
    /// Always this long (0: the next turn is sent as soon as the answer ends).
    case fixed(Double)
    /// Uniform over the closed range.
    case uniform(Double, Double)
    /// Normal with this mean and standard deviation, clamped to `min...max`.
    case normal(mean: Double, standardDeviation: Double, min: Double, max: Double)
    /// Exponential with this mean (a memoryless user).
    case exponential(mean: Double)

    /// The mean pause asked for, in seconds.
    var mean: Double {
        switch self {
        case .fixed(let value): value
        case .uniform(let low, let high): (low + high) / 2
        case .normal(let mean, _, let low, let high): Swift.min(Swift.max(mean, low), high)
        case .exponential(let mean): mean
        }
    }

    /// One draw, in seconds.
    func sample(using random: inout SeededRandom) -> Double {
        switch self {
        case .fixed(let value):
            return value
        case .uniform(let low, let high):
            return low == high ? low : Double.random(in: low...high, using: &random)
        case .normal(let mean, let deviation, let low, let high):
            let u1 = max(Double.random(in: 0..<1, using: &random), .leastNonzeroMagnitude)
            let u2 = Double.random(in: 0..<1, using: &random)
            let draw = mean + deviation * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
            return Swift.min(high, Swift.max(low, draw))
        case .exponential(let mean):
            let u = max(Double.random(in: 0..<1, using: &random), .leastNonzeroMagnitude)
            return -mean * log(u)
        }
    }

    /// e.g. `2s`, `uniform(1s..3s)`, `normal(2s±0.5s, 0s..5s)`, `exponential(2s)`.
    public var description: String {
        let s = { (value: Double) in "\(JSONObjectWriter.number(value))s" }
        return switch self {
        case .fixed(let value): s(value)
        case .uniform(let low, let high): "uniform(\(s(low))..\(s(high)))"
        case .normal(let mean, let deviation, let low, let high):
            "normal(\(s(mean))±\(s(deviation)), \(s(low))..\(s(high)))"
        case .exponential(let mean): "exponential(\(s(mean)))"
        }
    }
}
