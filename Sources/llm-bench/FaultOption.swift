import ArgumentParser
import LLMBenchSimulator

/// Parses `--fault NAME=VALUE` options into the simulator's fault injection.
///
/// A fault is named as in the truth log (``InjectedFault/rawValue``); `reset` and `malformed`, the
/// spellings before the names were unified, are still read.
enum FaultOption {
    private static let aliases: [String: InjectedFault] = ["reset": .resetBeforeHeaders, "malformed": .malformedChunk]
    /// The numbers that shape the faults, beside their probabilities.
    private static let parameters = [
        "retry_after_s", "close_after_tokens", "stall_ms", "slow_headers_ms", "first_requests",
    ]

    /// Every name `--fault` takes, faults first.
    static let names = InjectedFault.allCases.map(\.rawValue) + parameters

    static func parse(_ options: [String], seed: UInt64?) throws -> FaultInjection {
        var faults = FaultInjection()
        if let seed { faults.seed = seed }
        for option in options {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), value >= 0 else {
                throw ValidationError("--fault takes NAME=NUMBER, e.g. http503=0.05; got '\(option)'.")
            }
            if let fault = InjectedFault(rawValue: parts[0]) ?? aliases[parts[0]] {
                guard value <= 1 else { throw ValidationError("--fault \(parts[0]) is a probability between 0 and 1.") }
                faults.probabilities[fault] = value
                continue
            }
            switch parts[0] {
            case "retry_after_s": faults.retryAfterSeconds = Int(value)
            case "close_after_tokens": faults.closeAfterTokens = Int(value)
            case "stall_ms": faults.stallMilliseconds = Int(value)
            case "slow_headers_ms": faults.slowHeadersMilliseconds = Int(value)
            case "first_requests": faults.firstRequests = Int(value)
            default: throw ValidationError("unknown fault '\(parts[0])'; known: \(names.joined(separator: ", ")).")
            }
        }
        return faults
    }
}
