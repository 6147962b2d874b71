/// How requests are sent (`load:`): the original request's waves, a steady concurrency, an open-loop arrival
/// rate, or a sweep over several loads.
public struct LoadSettings: Sendable, Equatable {
    /// The load model.
    public enum Mode: String, Sendable, CaseIterable {
        /// `runs` waves of `num_concurrent_requests` requests sent at once; each waits for the last.
        case waves
        /// Exactly `concurrency` requests in flight: a new one starts the moment one ends.
        case concurrency
        /// Requests start at `rate` per second whatever the completions (open loop).
        case rate
        /// One step per load in `sweep`.
        case sweep
    }

    /// How the gaps between arrivals are drawn in rate mode.
    public enum Arrival: String, Sendable, CaseIterable {
        /// Equal gaps of 1/rate.
        case constant
        /// Exponential gaps (a Poisson process).
        case poisson
        /// Gamma gaps with shape `burstiness` (1 is Poisson; below 1 burstier, above 1 smoother).
        case gamma
    }

    /// The loads of a sweep.
    public enum Sweep: Sendable, Equatable {
        /// These concurrencies, in order.
        case concurrency([Int])
        /// These arrival rates (requests per second), in order.
        case rates([Double])
        /// Rising concurrency (1, 2, 4, …) until throughput stops growing or the SLOs fail, then a
        /// bisection: finds the highest concurrency that meets the SLOs.
        case search(maxConcurrency: Int)
    }

    /// The load model; `waves` keeps the original request's behaviour.
    public var mode: Mode = .waves
    /// Requests in flight in concurrency mode (default `num_concurrent_requests`).
    public var concurrency: Int?
    /// Arrival rate in rate mode, requests per second.
    public var rate: Double?
    /// Arrival process in rate mode.
    public var arrival: Arrival = .poisson
    /// Gamma shape in rate mode with `arrival: gamma`.
    var burstiness: Double = 1
    /// Cap on requests in flight in rate mode; later arrivals wait (their wait counts in intended latency).
    public var maxConcurrency: Int?
    /// Requests per case or step, warm-up excluded (default `runs × num_concurrent_requests`).
    public var requests: Int?
    /// Stop starting requests after this many seconds of a case or step.
    var durationSeconds: Double?
    /// Requests at the start of each case or step that are sent but not counted; nil: the default
    /// warm-up, `defaultWarmup(connections:)` requests before the first case or step only.
    var warmup: Int?
    /// Seconds over which concurrency (or rate) rises linearly to its target.
    var rampUpSeconds: Double = 0
    /// The loads of a sweep.
    public var sweep: Sweep?

    /// The defaults: the original request's waves.
    public init() {}

    /// Warm-up requests sent before the first measured case when `warmup` is not set: one per
    /// connection of the first load point, at most 8, so a server's first-request costs (loading,
    /// allocation, compilation) are not measured.
    static func defaultWarmup(connections: Int) -> Int { min(max(connections, 1), 8) }

    /// The warm-up requests of a load point opening `connections`; `isFirst` for the benchmark's first.
    func warmupRequests(connections: Int, isFirst: Bool) -> Int {
        warmup ?? (isFirst ? Self.defaultWarmup(connections: connections) : 0)
    }
}

extension LoadSettings {
    /// One sentence per setting that the chosen mode does not use, so none is silently ignored.
    var ineffectiveSettings: [String] {
        var isRateDriven = mode == .rate
        if mode == .sweep, case .rates? = sweep { isRateDriven = true }
        let inMode = "in \(mode.rawValue) mode"
        let unused: [(key: String, isUnused: Bool, reason: String)] = [
            ("concurrency", concurrency != nil && mode != .concurrency, inMode),
            ("rate", rate != nil && mode != .rate, inMode),
            ("requests", requests != nil && mode == .waves, inMode + " (waves send runs x num_concurrent_requests)"),
            ("duration", durationSeconds != nil && mode == .waves, inMode),
            ("ramp_up", rampUpSeconds > 0 && mode == .waves, inMode),
            ("arrival", arrival != .poisson && !isRateDriven, inMode),
            ("max_concurrency", maxConcurrency != nil && !isRateDriven, inMode),
            ("burstiness", burstiness != 1 && (!isRateDriven || arrival != .gamma), "without arrival: gamma"),
            ("sweep", sweep != nil && mode != .sweep, inMode),
        ]
        return unused.filter(\.isUnused).map { "load.\($0.key) has no effect \($0.reason)" }
    }
}
