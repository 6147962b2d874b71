/// Faults the simulated server injects, each with a probability per generation request.
///
/// At the arrival of each eligible `/v1/completions` or `/v1/chat/completions` request (streamed ones
/// only, unless ``streamingOnly`` is `false`) one number is drawn from a generator seeded with ``seed``; it selects at most one fault, checked in the order of the
/// properties below (so when the probabilities add up to more than 1 the earlier ones win). The
/// chosen fault's name (``InjectedFault/rawValue``) is recorded in ``RequestTruth/fault``.
public struct FaultInjection: Sendable, Equatable {
    /// Seed of the fault generator.
    public var seed: UInt64
    /// Answer with HTTP 500 and an OpenAI-style error body.
    public var http500: Double
    /// Answer with HTTP 503 and an OpenAI-style error body.
    public var http503: Double
    /// Answer with HTTP 429, an OpenAI-style error body and `Retry-After: retryAfterSeconds`.
    public var http429: Double
    /// The `Retry-After` seconds of an injected 429.
    public var retryAfterSeconds: Int
    /// Reset the connection (RST) without any response.
    public var resetBeforeHeaders: Double
    /// Close the connection once `closeAfterTokens` tokens were sent (0: right after the headers),
    /// without finishing the stream. A non-streaming request gets no response.
    public var closeMidStream: Double
    /// Tokens sent before an injected mid-stream close.
    public var closeAfterTokens: Int
    /// Send one `data: {not json` event after the first token event, then continue normally.
    /// A non-streaming request gets `{not json` as its body.
    public var malformedChunk: Double
    /// After the first token event send
    /// `data: {"error":{"message":"simulated failure","type":"server_error","code":500}}`, then
    /// `data: [DONE]` and end the stream. A non-streaming request gets that error with HTTP 500.
    public var errorEvent: Double
    /// Pause `stallMilliseconds` once, after the first token.
    public var stall: Double
    /// Length of an injected stall.
    public var stallMilliseconds: Int
    /// Delay the response head (and the start of generation) by `slowHeadersMilliseconds`.
    public var slowHeaders: Double
    /// Length of an injected head delay.
    public var slowHeadersMilliseconds: Int
    /// When above 0, faults apply only to the first `firstRequests` eligible generation requests received.
    public var firstRequests: Int
    /// Faults apply only to streamed generation requests (the timed path); non-streamed calls, such
    /// as a client's prompt preparation, are never faulted and do not count toward `firstRequests`.
    public var streamingOnly: Bool

    /// Creates a fault configuration; all probabilities default to 0 (no faults).
    public init(
        seed: UInt64 = 7,
        http500: Double = 0,
        http503: Double = 0,
        http429: Double = 0,
        retryAfterSeconds: Int = 1,
        resetBeforeHeaders: Double = 0,
        closeMidStream: Double = 0,
        closeAfterTokens: Int = 2,
        malformedChunk: Double = 0,
        errorEvent: Double = 0,
        stall: Double = 0,
        stallMilliseconds: Int = 500,
        slowHeaders: Double = 0,
        slowHeadersMilliseconds: Int = 500,
        firstRequests: Int = 0,
        streamingOnly: Bool = true
    ) {
        self.streamingOnly = streamingOnly
        self.seed = seed
        self.http500 = http500
        self.http503 = http503
        self.http429 = http429
        self.retryAfterSeconds = retryAfterSeconds
        self.resetBeforeHeaders = resetBeforeHeaders
        self.closeMidStream = closeMidStream
        self.closeAfterTokens = closeAfterTokens
        self.malformedChunk = malformedChunk
        self.errorEvent = errorEvent
        self.stall = stall
        self.stallMilliseconds = stallMilliseconds
        self.slowHeaders = slowHeaders
        self.slowHeadersMilliseconds = slowHeadersMilliseconds
        self.firstRequests = firstRequests
    }

    /// A configuration in which `fault` happens with `probability`, limited to the first `firstRequests`.
    public static func only(_ fault: InjectedFault, probability: Double = 1, firstRequests: Int = 0) -> FaultInjection {
        var faults = FaultInjection(firstRequests: firstRequests)
        faults[fault] = probability
        return faults
    }

    /// The probability of one fault.
    public subscript(fault: InjectedFault) -> Double {
        get {
            switch fault {
            case .http500: http500
            case .http503: http503
            case .http429: http429
            case .resetBeforeHeaders: resetBeforeHeaders
            case .closeMidStream: closeMidStream
            case .malformedChunk: malformedChunk
            case .errorEvent: errorEvent
            case .stall: stall
            case .slowHeaders: slowHeaders
            }
        }
        set {
            switch fault {
            case .http500: http500 = newValue
            case .http503: http503 = newValue
            case .http429: http429 = newValue
            case .resetBeforeHeaders: resetBeforeHeaders = newValue
            case .closeMidStream: closeMidStream = newValue
            case .malformedChunk: malformedChunk = newValue
            case .errorEvent: errorEvent = newValue
            case .stall: stall = newValue
            case .slowHeaders: slowHeaders = newValue
            }
        }
    }

    /// Whether any fault has a probability above 0.
    public var isEnabled: Bool {
        InjectedFault.allCases.contains { self[$0] > 0 }
    }

    /// Picks the fault for a uniform draw `u` in `0 ..< 1`, or `nil`.
    func fault(forDraw u: Double) -> InjectedFault? {
        var cumulative = 0.0
        for fault in InjectedFault.allCases {
            let probability = self[fault]
            guard probability > 0 else { continue }
            cumulative += probability
            if u < cumulative { return fault }
        }
        return nil
    }

    func validate() throws(SimulatorError) {
        for fault in InjectedFault.allCases where !(0...1).contains(self[fault]) {
            throw .invalidOption(
                name: "faults.\(fault.rawValue)",
                value: "\(self[fault])",
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
