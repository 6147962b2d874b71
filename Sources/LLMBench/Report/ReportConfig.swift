/// The few settings the report reads from a run's config as the summary holds it (JSON, secrets
/// already redacted): the target, the model, the load model and the SLOs.
struct ReportConfig: Sendable {
    var json: JSONValue

    init(_ json: JSONValue) {
        self.json = json
    }

    /// The value at `path` (object keys), nil where a key is missing or a value is no object.
    func value(_ path: String...) -> JSONValue? {
        var current = json
        for key in path {
            guard case .object(let fields) = current, let next = fields[key] else { return nil }
            current = next
        }
        return current
    }

    /// The top-level `key` as text: strings as they are, numbers and Booleans spelled out.
    func text(_ key: String) -> String? {
        value(key).flatMap(Self.text)
    }

    /// How the load model reads in a line: `sweep`, `rate`, … with its main settings; `waves`
    /// (the default) when a config states no `load`, nil without a config (an unfinished run).
    var loadDescription: String? {
        guard case .object = json else { return nil }
        guard case .object(let load)? = value("load") else { return "waves" }
        let mode = load["mode"].flatMap(Self.text) ?? "waves"
        let details = load.keys.sorted().filter { $0 != "mode" }.compactMap { key -> String? in
            guard let value = load[key], let text = Self.compact(value) else { return nil }
            return "\(key) \(text)"
        }
        return details.isEmpty ? mode : "\(mode) (\(details.joined(separator: ", ")))"
    }

    /// The SLO targets (`slo:`), by metric, in milliseconds; empty without SLOs.
    var serviceLevelTargets: [LatencyMetric: Double] {
        guard case .object(let slo)? = value("slo") else { return [:] }
        var targets: [LatencyMetric: Double] = [:]
        for metric in LatencyMetric.allCases {
            if let target = slo["\(metric.columnPrefix)_ms"].flatMap(Self.number) { targets[metric] = target }
        }
        return targets
    }

    /// The percentile the SLO targets are judged at (default 99).
    var serviceLevelPercentile: Double {
        value("slo", "percentile").flatMap(Self.number) ?? 99
    }

    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let number): Double(number)
        case .number(let number): number
        default: nil
        }
    }

    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .number(let number): JSONObjectWriter.number(number)
        case .bool(let flag): String(flag)
        case .null, .array, .object: nil
        }
    }

    /// Short text of a scalar or of a flat object or list (`{concurrency: [1, 4]}`), for one line.
    private static func compact(_ value: JSONValue) -> String? {
        switch value {
        case .array(let items): "[" + items.map { compact($0) ?? "…" }.joined(separator: ", ") + "]"
        case .object(let fields):
            "{" + fields.keys.sorted().map { "\($0): \(fields[$0].flatMap(compact) ?? "…")" }.joined(separator: ", ")
                + "}"
        case .null: nil
        default: text(value)
        }
    }
}
