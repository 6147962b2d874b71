/// One load a case is measured at: a row of the results.
public enum LoadPoint: Sendable, Equatable, CustomStringConvertible {
    /// `runs` waves of `concurrency` requests.
    case waves(runs: Int, concurrency: Int)
    /// A steady `concurrency` for `requests` requests (or the duration; nil: the duration alone).
    case concurrency(Int, requests: Int?)
    /// Arrivals at `rate` per second for `requests` requests (or the duration; nil: the duration alone).
    case rate(Double, requests: Int?)
    /// A trace's requests at its own offsets, whatever `load.mode`.
    case trace(TraceReplay)

    /// The mode's name in results.
    var modeName: String {
        switch self {
        case .waves: "waves"
        case .concurrency: "concurrency"
        case .rate: "rate"
        case .trace: "trace"
        }
    }

    /// Counted requests it sends at most; nil when only the duration ends it.
    var requestCount: Int? {
        switch self {
        case .waves(let runs, let concurrency): runs * concurrency
        case .concurrency(_, let requests), .rate(_, let requests): requests
        case .trace(let replay): replay.requests
        }
    }

    /// e.g. `concurrency 16` or `rate 20.0/s`.
    public var description: String {
        switch self {
        case .waves(let runs, let concurrency): "\(runs) run(s) x \(concurrency) concurrent"
        case .concurrency(let concurrency, _): "concurrency \(concurrency)"
        case .rate(let rate, _): "rate \(rate)/s"
        case .trace(let replay): "trace at \(ConfigMapping.number(replay.speed))x speed"
        }
    }
}

extension LoadPoint {
    /// Connections to open before timing.
    func connectionsNeeded(cap: Int?) -> Int {
        switch self {
        case .waves(_, let concurrency), .concurrency(let concurrency, _): concurrency
        case .rate(let rate, _): min(cap ?? max(8, Int(rate.rounded(.up))), 1024)
        case .trace(let replay): min(cap ?? max(8, replay.peakRequestsPerSecond), 1024)
        }
    }

    /// The `runs` column: the runs of waves, 1 for the other modes.
    var runs: Int {
        if case .waves(let runs, _) = self { return runs }
        return 1
    }
}
