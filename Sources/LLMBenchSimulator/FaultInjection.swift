/// Faults the simulated server injects, each with a probability per generation request.
///
/// At the arrival of each eligible `/v1/completions` or `/v1/chat/completions` request (streamed ones
/// only, unless ``streamingOnly`` is `false`) one number is drawn from a generator seeded with
/// ``seed``; it selects at most one fault, checked in the order of ``InjectedFault/allCases`` (so
/// when the probabilities add up to more than 1 the earlier ones win). The chosen fault's name
/// (``InjectedFault/rawValue``) is recorded in ``RequestTruth/fault``.
public struct FaultInjection: Sendable, Equatable {
    /// Seed of the fault generator.
    public var seed: UInt64
    /// The probability of each fault, 0 to 1; a fault not listed has probability 0.
    public var probabilities: [InjectedFault: Double]
    /// The `Retry-After` seconds of an injected ``InjectedFault/http429``.
    public var retryAfterSeconds: Int
    /// Tokens sent before an injected ``InjectedFault/closeMidStream``.
    public var closeAfterTokens: Int
    /// Length of an injected ``InjectedFault/stall``.
    public var stallMilliseconds: Int
    /// Length of an injected ``InjectedFault/slowHeaders`` delay.
    public var slowHeadersMilliseconds: Int
    /// When above 0, faults apply only to the first `firstRequests` eligible generation requests received.
    public var firstRequests: Int
    /// Faults apply only to streamed generation requests (the timed path); non-streamed calls, such
    /// as a client's prompt preparation, are never faulted and do not count toward `firstRequests`.
    public var streamingOnly: Bool

    /// Creates a fault configuration; by default no fault has a probability above 0.
    public init(
        seed: UInt64 = 7,
        probabilities: [InjectedFault: Double] = [:],
        retryAfterSeconds: Int = 1,
        closeAfterTokens: Int = 2,
        stallMilliseconds: Int = 500,
        slowHeadersMilliseconds: Int = 500,
        firstRequests: Int = 0,
        streamingOnly: Bool = true
    ) {
        self.seed = seed
        self.probabilities = probabilities
        self.retryAfterSeconds = retryAfterSeconds
        self.closeAfterTokens = closeAfterTokens
        self.stallMilliseconds = stallMilliseconds
        self.slowHeadersMilliseconds = slowHeadersMilliseconds
        self.firstRequests = firstRequests
        self.streamingOnly = streamingOnly
    }

    /// A configuration in which `fault` happens with `probability`, limited to the first `firstRequests`.
    public static func only(_ fault: InjectedFault, probability: Double = 1, firstRequests: Int = 0) -> FaultInjection {
        FaultInjection(probabilities: [fault: probability], firstRequests: firstRequests)
    }

    /// Whether any fault has a probability above 0.
    public var isEnabled: Bool {
        probabilities.values.contains { $0 > 0 }
    }

    /// Picks the fault for a uniform draw `u` in `0 ..< 1`, or `nil`.
    func fault(forDraw u: Double) -> InjectedFault? {
        var cumulative = 0.0
        for fault in InjectedFault.allCases {
            guard let probability = probabilities[fault], probability > 0 else { continue }
            cumulative += probability
            if u < cumulative { return fault }
        }
        return nil
    }

    func validate() throws(SimulatorError) {
        for fault in InjectedFault.allCases {
            guard let probability = probabilities[fault], !(0...1).contains(probability) else { continue }
            throw .invalidOption(
                name: "faults.probabilities[\(fault.rawValue)]",
                value: "\(probability)",
                reason: "a probability is between 0 and 1"
            )
        }
        let counts = [
            ("faults.retryAfterSeconds", retryAfterSeconds), ("faults.closeAfterTokens", closeAfterTokens),
            ("faults.stallMilliseconds", stallMilliseconds),
            ("faults.slowHeadersMilliseconds", slowHeadersMilliseconds), ("faults.firstRequests", firstRequests),
        ]
        for (name, value) in counts where value < 0 {
            throw .invalidOption(name: name, value: "\(value)", reason: "it must not be negative")
        }
    }
}
