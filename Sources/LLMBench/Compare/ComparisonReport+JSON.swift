extension ComparisonReport {
    /// One JSON object: the options, per candidate its matched cases with every figure, test and
    /// verdict, the unmatched cases, and the gate. Keys sorted; numbers as computed.
    func jsonText() -> String {
        var object: [String: JSONValue] = [
            "comparisons": .array(comparisons.map(Self.json)),
            "options": comparisons.first.map { Self.json($0.options) } ?? .null,
        ]
        if let outcome { object["gate"] = Self.json(outcome, gate: gate) }
        return JSONValue.object(object).text() + "\n"
    }

    private static func json(_ options: ComparisonOptions) -> JSONValue {
        .object([
            "alpha": .number(options.alpha),
            "seed": Int(exactly: options.seed).map(JSONValue.integer) ?? .string(String(options.seed)),
            "bootstrap_resamples": .integer(options.bootstrapResamples),
            "bootstrap_sample_cap": .integer(options.bootstrapSampleCap),
            "throughput_windows": .integer(options.throughputWindows),
        ])
    }

    private static func json(_ comparison: RunComparison) -> JSONValue {
        .object([
            "baseline": .object([
                "name": .string(comparison.baselineName),
                "run_ids": .array(comparison.baselineRunIDs.map(JSONValue.string)),
            ]),
            "candidate": .object([
                "name": .string(comparison.candidateName),
                "run_ids": .array(comparison.candidateRunIDs.map(JSONValue.string)),
            ]),
            "cases": .array(comparison.cases.map(json)),
            "caveats": .array(ComparisonText.caveats(comparison).map(JSONValue.string)),
            "unmatched_baseline": .array(comparison.unmatchedBaseline.map(json)),
            "unmatched_candidate": .array(comparison.unmatchedCandidate.map(json)),
        ])
    }

    private static func json(_ key: CaseKey) -> JSONValue {
        .object([
            "description": .string(key.description),
            "input_tokens": key.inputTokens.map(JSONValue.integer) ?? .null,
            "output_tokens": key.outputTokens.map(JSONValue.integer) ?? .null,
            "workload": key.workload.map(JSONValue.string) ?? .null,
            "load_mode": key.loadMode.map(JSONValue.string) ?? .null,
            "load_concurrency": key.loadConcurrency.map(JSONValue.integer) ?? .null,
            "target_rate_rps": .number(key.targetRate),
        ])
    }

    private static func json(_ matched: CaseComparison) -> JSONValue {
        .object([
            "case": json(matched.key),
            "baseline_requests": .integer(matched.baselineRequests),
            "candidate_requests": .integer(matched.candidateRequests),
            "baseline_runs": .integer(matched.baselineCases),
            "candidate_runs": .integer(matched.candidateCases),
            "figures": .array(matched.figures.map(json)),
        ])
    }

    private static func json(_ figure: MetricComparison) -> JSONValue {
        .object([
            "name": .string(figure.figure.name),
            "baseline": .number(figure.baseline),
            "candidate": .number(figure.candidate),
            "absolute_change": .number(figure.absoluteChange),
            "relative_change": Self.relative(figure.relativeChange),
            "direction": .string(figure.figure.direction.rawValue),
            "significant": .bool(figure.isSignificant),
            "verdict": .string(figure.verdict.rawValue),
            "test": json(figure.test),
        ])
    }

    /// A relative change: a number, or `"+inf"` / `"-inf"` from a baseline of 0 (JSON has no infinity).
    private static func relative(_ value: Double?) -> JSONValue {
        guard let value, value.isInfinite else { return .number(value) }
        return .string(value > 0 ? "+inf" : "-inf")
    }

    private static func json(_ test: SignificanceTest) -> JSONValue {
        switch test {
        case .bootstrap(let interval, let resamples, let baseline, let candidate):
            .object([
                "kind": .string("bootstrap"),
                "lower": .number(interval.lower),
                "upper": .number(interval.upper),
                "level": .number(interval.level),
                "resamples": .integer(resamples),
                "baseline_values": .integer(baseline),
                "candidate_values": .integer(candidate),
            ])
        case .mannWhitney(let test, let samples):
            .object([
                "kind": .string("mann_whitney"),
                "samples": .string(samples),
                "u": .number(test.u),
                "p_value": .number(test.pValue),
                "method": .string(test.method.rawValue),
                "common_language_effect": .number(test.commonLanguageEffect),
                "rank_biserial": .number(test.rankBiserial),
                "baseline_count": .integer(test.baselineCount),
                "candidate_count": .integer(test.candidateCount),
            ])
        case .fisherExact(let pValue):
            .object(["kind": .string("fisher_exact"), "p_value": .number(pValue)])
        case .notTested(let reason):
            .object(["kind": .string("not_tested"), "reason": .string(reason)])
        }
    }

    private static func json(_ outcome: GateOutcome, gate: RegressionGate) -> JSONValue {
        let crossing = { (crossing: GateCrossing) -> JSONValue in
            .object([
                "expression": .string(crossing.expression),
                "case": .string(crossing.place),
                "observed": relative(crossing.observed),
                "significant": .bool(crossing.isSignificant),
            ])
        }
        return .object([
            "expressions": .array(gate.expressions.map { .string($0.text) }),
            "strict": .bool(gate.isStrict),
            "failed": .bool(outcome.isFailed),
            "crossings": .array(outcome.crossings.map(crossing)),
            "not_counted": .array(outcome.insignificant.map(crossing)),
            "unevaluated": .array(outcome.unevaluated.map(JSONValue.string)),
            "problems": .array(outcome.problems.map(JSONValue.string)),
        ])
    }
}
