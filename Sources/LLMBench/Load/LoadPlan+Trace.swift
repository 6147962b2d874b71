/// What the `load:` section does to trace cases: only `max_concurrency` and `warmup` apply; a
/// trace's timestamps replace the mode's pacing, and its `max_requests`/`duration` the counts.
extension LoadPlan {
    /// The `load:` keys set that a trace case does not use.
    var keysTracesIgnore: [String] {
        let keys: [(key: String, isSet: Bool)] = [
            ("mode", settings.mode != .waves),
            ("concurrency", settings.concurrency != nil),
            ("rate", settings.rate != nil),
            ("arrival", settings.arrival != .poisson),
            ("burstiness", settings.burstiness != 1),
            ("requests", settings.requests != nil),
            ("duration", settings.durationSeconds != nil),
            ("ramp_up", settings.rampUpSeconds > 0),
            ("sweep", settings.sweep != nil),
        ]
        return keys.filter(\.isSet).map { "load.\($0.key)" }
    }

    /// The sentences of a config with trace cases: with traces only, one per key they ignore;
    /// with other cases too, the mode's sentences (the cap applies to the traces, so not its) and
    /// one naming the keys the traces ignore.
    var ineffectiveSettingsWithTraces: [String] {
        let ignored = keysTracesIgnore
        let reason = "a trace sets its own arrivals and counts (its speed, max_requests and duration)"
        if traceCases.count == caseCount {
            return ignored.map { "\($0) has no effect on trace cases: \(reason)" }
        }
        let others = settings.ineffectiveSettings.filter { !$0.hasPrefix("load.max_concurrency ") }
        guard !ignored.isEmpty else { return others }
        let names = traceCases.map { "\($0 + 1)" }.joined(separator: ", ")
        return others + [
            "\(ignored.joined(separator: ", ")) apply only to the cases that are not traces (not to case(s) \(names)): \(reason)"
        ]
    }
}
