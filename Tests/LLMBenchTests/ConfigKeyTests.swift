import Testing

@testable import LLMBench

/// Keys are declared by being read: what nothing reads is refused with the closest read key as
/// the suggestion, a misspelling is named before the key it leaves missing, and the keys a form
/// of a section does not use are still known.
struct ConfigKeyTests {
    static let preamble = "runs: 1\nnum_concurrent_requests: 1\n"

    static func error(_ yaml: String) -> ConfigError? {
        do {
            _ = try ConfigLoader.parse(yaml: yaml, file: "bench.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        (
            "cases: [{input_tokens: 4, output_tokens: 2}]\nload: {sweep: {serch: true}}", "load.sweep.serch",
            "load.sweep.search"
        ),
        (
            "cases: [{input_tokens: {unifrom: [1, 2]}, output_tokens: 2}]", "cases[0].input_tokens.unifrom",
            "cases[0].input_tokens.uniform"
        ),
        (
            "cases: [{input_tokens: {normal: {mean: 5, stdev: 1}}, output_tokens: 2}]",
            "cases[0].input_tokens.normal.stdev", "cases[0].input_tokens.normal.stddev"
        ),
        ("cases: [{input_tokens: 4, outptu_tokens: 2}]", "cases[0].outptu_tokens", "cases[0].output_tokens"),
        ("caess: [{input_tokens: 4, output_tokens: 2}]", "caess", "cases"),
        ("cases: [{input_tokens: 4, output_tokens: 2}]\nload: {mode: rate, rat: 5}", "load.rat", "load.rate"),
        (
            "cases: [{input_tokens: 4, output_tokens: 2}]\nsimulator: {itl_sm: 3}", "simulator.itl_sm",
            "simulator.itl_ms"
        ),
        ("cases: [{input_tokens: 4, output_tokens: 2}]\nslo: {tpot_sm: 3}", "slo.tpot_sm", "slo.tpot_ms"),
        (
            "cases: [{input_tokens: 4, output_tokens: 2}]\ntimeouts: {idle_sm: 3}", "timeouts.idle_sm",
            "timeouts.idle_ms"
        ),
    ])
    func aMisspeltKeyIsNamedBeforeTheKeyItLeavesMissing(yaml: String, key: String, suggestion: String) throws {
        let error = try #require(Self.error(Self.preamble + yaml))
        #expect(error.description.contains("unknown key '\(key)'. Did you mean '\(suggestion)'?"), "\(error)")
    }

    @Test(arguments: [
        "cases: [{input_tokens: 4, output_tokens: 2}]\nload: {mode: sweep, sweep: {concurrency: [1, 2], max_concurrency: 8}}",
        "cases: [{dataset: data.jsonl, input_tokens: 4, output_tokens: 2}]",
        "cases: [{input_tokens: 4, output_tokens: 2, prefix_groups: 3}]",
        "cases: [{pairs: [[4, 2]], format: jsonl}]",
        "cases: [{input_tokens: {uniform: [2, 4], normal: {mean: 3, stddev: 1}}, output_tokens: 2}]",
    ])
    func keysTheChosenFormDoesNotUseAreStillKnown(yaml: String) throws {
        _ = try ConfigLoader.parse(yaml: Self.preamble + yaml, file: "bench.yaml")
    }

    @Test(arguments: [
        ("cases: []", "'cases' is empty, but it must be a list of at least one case."),
        ("cases: [{pairs: []}]", "'cases[0].pairs' is empty, but it must be a list of at least one pair."),
        (
            "cases: [{input_tokens: 4, output_tokens: 2}]\nload: {mode: sweep, sweep: {rates: []}}",
            "'load.sweep.rates' is empty, but it must be a list of at least one rate."
        ),
        (
            "cases: [{input_tokens: 4, output_tokens: 2}]\nretry: {backoff_ms: []}",
            "'retry.backoff_ms' is empty, but it must be a list of at least one wait."
        ),
    ])
    func anEmptyListSaysWhatItMustHold(yaml: String, message: String) throws {
        let error = try #require(Self.error(Self.preamble + yaml))
        #expect(error.description.hasSuffix(message), "\(error)")
    }

    @Test func theLogNamesEachKeyReadOnceWithWhetherTheFileSetsIt() throws {
        let log = ConfigKeyLog()
        _ = try ConfigLoader.read(
            yaml: Self.preamble + "cases: [{input_tokens: 4, output_tokens: 2}]\nretry: {jitter: false}",
            file: "bench.yaml",
            environment: [:],
            log: log
        )
        let names = log.entries.map(\.fullName)
        #expect(Set(names).count == names.count)
        #expect(log.entries.first { $0.fullName == "retry.jitter" }?.isSet == true)
        #expect(log.entries.first { $0.fullName == "retry.max_retries" }?.isSet == false)
        #expect(log.keys(askedIn: "cases[0]").contains("dataset"))
    }
}
