/// `NAME=NUMBER` fault specs, as the `simulate` command's `--fault` takes them.
extension FaultInjection {
    /// The spellings before the fault names were unified, still read.
    private static let aliases: [String: InjectedFault] = ["reset": .resetBeforeHeaders, "malformed": .malformedChunk]
    /// The numbers that shape the faults, beside their probabilities.
    private static let parameters = [
        "retry_after_s", "close_after_tokens", "stall_ms", "slow_headers_ms", "first_requests",
    ]

    /// Every name a spec takes, faults first.
    public static let specNames = InjectedFault.allCases.map(\.rawValue) + parameters

    /// The faults that `specs` describe, each `NAME=NUMBER`: a fault named as in the truth log
    /// (``InjectedFault/rawValue``) with its probability, or one of the parameters; `seed`, when given,
    /// seeds the fault generator.
    public init(specs: [String], seed: UInt64?) throws(FaultSpecError) {
        self.init()
        if let seed { self.seed = seed }
        for spec in specs {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), value >= 0 else { throw .notNameEqualsNumber(spec) }
            let name = parts[0]
            if let fault = InjectedFault(rawValue: name) ?? Self.aliases[name] {
                guard value <= 1 else { throw .probabilityOutOfRange(fault: name, value: value) }
                probabilities[fault] = value
                continue
            }
            switch name {
            case "retry_after_s": retryAfterSeconds = Int(value)
            case "close_after_tokens": closeAfterTokens = Int(value)
            case "stall_ms": stallMilliseconds = Int(value)
            case "slow_headers_ms": slowHeadersMilliseconds = Int(value)
            case "first_requests": firstRequests = Int(value)
            default: throw .unknownName(name)
            }
        }
    }
}

/// A fault spec that ``FaultInjection/init(specs:seed:)`` cannot read.
public enum FaultSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The spec is not `NAME=NUMBER` with a number of 0 or more.
    case notNameEqualsNumber(String)
    /// A fault's probability is above 1.
    case probabilityOutOfRange(fault: String, value: Double)
    /// The name is neither a fault nor a parameter.
    case unknownName(String)

    /// What is wrong, worded to follow the option's name (`--fault …`).
    public var description: String {
        switch self {
        case .notNameEqualsNumber(let spec):
            "takes NAME=NUMBER with a number of 0 or more, e.g. http503=0.05; got '\(spec)'."
        case .probabilityOutOfRange(let fault, let value):
            "\(fault) is a probability between 0 and 1; got \(value)."
        case .unknownName(let name):
            "names an unknown fault '\(name)'; known: \(FaultInjection.specNames.joined(separator: ", "))."
        }
    }
}
