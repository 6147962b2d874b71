import Foundation
import Yams

extension ConfigLoader {
    /// Reads the `load:` section as written; `LoadPlan` checks that the mode has what it needs.
    static func loadSettings(_ mapping: ConfigMapping) throws(ConfigError) -> LoadSettings {
        var load = LoadSettings()
        load.mode = try choice("mode", in: mapping) ?? load.mode
        load.concurrency = try mapping.int("concurrency", in: 1...1_000_000, rule: "at least 1")
        load.rate = try mapping.double("rate", in: 0.000_001...1e9, rule: "more than 0 requests per second")
        load.arrival = try choice("arrival", in: mapping) ?? load.arrival
        load.burstiness = try mapping.double("burstiness", in: 0.01...1000, rule: "between 0.01 and 1000") ?? 1
        load.maxConcurrency = try mapping.int("max_concurrency", in: 1...1_000_000, rule: "at least 1")
        load.requests = try mapping.int("requests", in: 1...100_000_000, rule: "at least 1")
        load.durationSeconds = try seconds("duration", in: mapping)
        load.warmup = try mapping.int("warmup", in: 0...1_000_000, rule: "0 or more")
        load.rampUpSeconds = try seconds("ramp_up", in: mapping) ?? 0
        if let sweep = try mapping.mapping("sweep") {
            load.sweep = try sweepSettings(sweep)
        }
        try mapping.rejectUnreadKeys()
        return load
    }

    /// `sweep:`: a list of concurrencies, a list of rates, or a search; the first given wins.
    static func sweepSettings(_ mapping: ConfigMapping) throws(ConfigError) -> LoadSettings.Sweep {
        let concurrencies = try mapping.intList(
            "concurrency",
            in: 1...1_000_000,
            rule: "at least 1",
            what: "concurrency"
        )
        let rates = try sweepRates(mapping)
        let isSearch = try mapping.bool("search") == true
        let maximum = try mapping.int("max_concurrency", in: 1...1_000_000, rule: "at least 1") ?? 1024
        try mapping.rejectUnreadKeys()
        if let concurrencies { return .concurrency(concurrencies) }
        if let rates { return .rates(rates) }
        if isSearch { return .search(maxConcurrency: maximum) }
        throw .missingOneOf(
            mapping.location(of: mapping.node),
            keys: ["concurrency", "rates", "search"].map(mapping.fullName)
        )
    }

    /// `sweep.rates`, each above 0 requests per second; nil when absent.
    static func sweepRates(_ mapping: ConfigMapping) throws(ConfigError) -> [Double]? {
        guard let nodes = try mapping.nonEmptySequence("rates", of: "rate") else { return nil }
        var values: [Double] = []
        for (index, node) in nodes.enumerated() {
            guard let value = node.float ?? node.int.map({ Double($0) }), value > 0, value.isFinite else {
                throw .outOfRange(
                    mapping.location(of: node),
                    key: "\(mapping.fullName("rates"))[\(index)]",
                    value: ConfigMapping.describe(node),
                    rule: "a rate above 0 requests per second"
                )
            }
            values.append(value)
        }
        return values
    }

    /// A duration written as seconds (`60`, `1.5`) or with a unit (`500ms`, `60s`, `5m`).
    static func seconds(_ key: String, in mapping: ConfigMapping) throws(ConfigError) -> Double? {
        guard let node = mapping.value(key) else { return nil }
        if let seconds = node.scalar.flatMap({ LoadOverrides.seconds($0.string) }) { return seconds }
        throw .wrongType(
            mapping.location(of: node),
            key: mapping.fullName(key),
            expected: "a duration such as 60, 60s, 500ms or 5m",
            found: ConfigMapping.describe(node)
        )
    }

    /// Reads the `slo:` section.
    static func serviceLevelObjectives(_ mapping: ConfigMapping) throws(ConfigError) -> ServiceLevelObjectives {
        var slo = ServiceLevelObjectives()
        let rule = "more than 0 ms"
        slo.timeToFirstTokenMilliseconds = try mapping.double("ttft_ms", in: 0.000_001...1e9, rule: rule)
        slo.timePerOutputTokenMilliseconds = try mapping.double("tpot_ms", in: 0.000_001...1e9, rule: rule)
        slo.interTokenLatencyMilliseconds = try mapping.double("itl_ms", in: 0.000_001...1e9, rule: rule)
        slo.endToEndMilliseconds = try mapping.double("e2e_ms", in: 0.000_001...1e9, rule: rule)
        slo.percentile = try mapping.double("percentile", in: 1...100, rule: "between 1 and 100") ?? 99
        try mapping.rejectUnreadKeys()
        return slo
    }

    /// Reads `extra_body:` into JSON text per field, checking each value can be sent as JSON.
    static func extraBody(_ mapping: ConfigMapping) throws(ConfigError) -> [String: String] {
        var fields: [String: String] = [:]
        let forbidden = [
            (
                fields: ["ignore_eos", "min_tokens", "max_completion_tokens"],
                reason:
                    "each case's output_tokens sets the length; force_output_length: false stops llm-bench from forcing it"
            ),
            (
                fields: [
                    "model", "prompt", "messages", "stream", "stream_options", "max_tokens", "input",
                    "max_output_tokens", "previous_response_id",
                ],
                reason: "llm-bench sets those itself"
            ),
        ]
        for pair in mapping.pairs {
            for rule in forbidden where rule.fields.contains(pair.key) {
                throw .invalidValue(
                    mapping.location(of: pair.keyNode),
                    key: mapping.fullName(pair.key),
                    value: pair.key,
                    allowed: ["a field other than " + rule.fields.joined(separator: ", ") + " (\(rule.reason))"]
                )
            }
            let value = jsonCompatible(pair.value)
            guard JSONSerialization.isValidJSONObject([value]),
                let data = try? JSONSerialization.data(
                    withJSONObject: [value],
                    options: [.sortedKeys, .withoutEscapingSlashes]
                )
            else {
                throw mapping.wrongType(pair.key, pair.value, expected: "a JSON-compatible value")
            }
            let text = String(decoding: data, as: UTF8.self)
            fields[pair.key] = String(text.dropFirst().dropLast())
        }
        return fields
    }

    /// A YAML node as the Foundation objects JSONSerialization takes.
    static func jsonCompatible(_ node: Node) -> Any {
        switch node {
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping { object[key.string ?? "\(key)"] = jsonCompatible(value) }
            return object
        case .sequence(let sequence):
            return sequence.map(jsonCompatible)
        case .scalar:
            if node.tag == Tag(.null) { return NSNull() }
            if node.tag == Tag(.bool), let value = node.bool { return value }
            if node.tag == Tag(.int), let value = node.int { return value }
            if node.tag == Tag(.float), let value = node.float { return value }
            return node.string ?? ""
        case .alias:
            return NSNull()
        }
    }
}
