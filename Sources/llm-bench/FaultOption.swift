import ArgumentParser
import LLMBenchSimulator

/// Parses `--fault NAME=VALUE` options into the simulator's fault injection.
enum FaultOption {
    static let names = [
        "http500", "http503", "http429", "retry_after_s", "reset", "close_mid_stream", "close_after_tokens",
        "malformed", "error_event", "stall", "stall_ms", "slow_headers", "slow_headers_ms", "first_requests",
    ]

    static func parse(_ options: [String], seed: UInt64?) throws -> FaultInjection {
        var faults = FaultInjection()
        if let seed { faults.seed = seed }
        for option in options {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), value >= 0 else {
                throw ValidationError("--fault takes NAME=NUMBER, e.g. http503=0.05; got '\(option)'.")
            }
            let probability = { () throws -> Double in
                guard value <= 1 else { throw ValidationError("--fault \(parts[0]) is a probability between 0 and 1.") }
                return value
            }
            switch parts[0] {
            case "http500": faults.http500 = try probability()
            case "http503": faults.http503 = try probability()
            case "http429": faults.http429 = try probability()
            case "retry_after_s": faults.retryAfterSeconds = Int(value)
            case "reset": faults.resetBeforeHeaders = try probability()
            case "close_mid_stream": faults.closeMidStream = try probability()
            case "close_after_tokens": faults.closeAfterTokens = Int(value)
            case "malformed": faults.malformedChunk = try probability()
            case "error_event": faults.errorEvent = try probability()
            case "stall": faults.stall = try probability()
            case "stall_ms": faults.stallMilliseconds = Int(value)
            case "slow_headers": faults.slowHeaders = try probability()
            case "slow_headers_ms": faults.slowHeadersMilliseconds = Int(value)
            case "first_requests": faults.firstRequests = Int(value)
            default:
                throw ValidationError("unknown fault '\(parts[0])'; known: \(names.joined(separator: ", ")).")
            }
        }
        return faults
    }
}
