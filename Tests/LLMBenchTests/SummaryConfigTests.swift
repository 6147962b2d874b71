import Foundation
import Testing
import Yams

@testable import LLMBench

/// The summary's `config`: every key of a full config reaches it, secrets redacted, and it loads
/// back as the same config.
struct SummaryConfigTests {
    /// A config that sets every key the loader reads.
    static let fullConfig = """
        base_url: "https://api.example.com:8443/v1/"
        api_key: "${BENCH_KEY}"
        model: qwen3-235b
        output_prefix_name: full-run
        output_dir: out/results
        save_format: jsonl
        stream_writing: false
        report: false
        runs: 7
        num_concurrent_requests: 12
        cases:
          - input_tokens: 128
            output_tokens: 256
          - input_tokens: {uniform: [8, 12]}
            output_tokens: {normal: {mean: 20, stddev: 5, min: 10, max: 40}}
            shared_prefix_tokens: 4
            prefix_groups: 2
          - pairs: [[10, 5], [20, 6]]
          - dataset: data/prompts.json
            format: sharegpt
            max_requests: 100
          - input_tokens: {normal: {mean: 30, stddev: 4, min: 20, max: 40}}
            output_tokens: {uniform: [5, 9]}
          - sessions:
              turns: {uniform: [2, 4]}
              user_tokens: 64
              output_tokens: {normal: {mean: 20, stddev: 5, min: 10, max: 40}}
              system_tokens: 32
              think_time: {normal: {mean: 2s, stddev: 500ms, min: 0, max: 5s}}
          - sessions:
              dataset: data/chats.jsonl
              format: jsonl
              replay_answers: true
              max_sessions: 50
              output_tokens: 128
              think_time: {uniform: [1s, 3s]}
        input_file: corpus/vi.txt
        seed: 42
        retry:
          max_retries: 5
          backoff_ms: [50, 150]
          max_retry_after_ms: 2000
          jitter: true
        timeouts:
          connect_ms: 1500
          first_token_ms: 90000
          idle_ms: 30000
          total_ms: 0
        headers:
          X-Gateway: gateway-secret-value
          X-Team: "team-secret-value"
        tls_insecure: true
        prompt_source: corpus
        prompt_reuse: shared
        prompt_cache_dir: cache/prompts
        force_output_length: false
        max_event_bytes: 65536
        load:
          mode: sweep
          concurrency: 6
          rate: 2.5
          arrival: gamma
          burstiness: 0.5
          max_concurrency: 32
          requests: 40
          duration: 90
          warmup: 3
          ramp_up: 1.5
          sweep: {search: true, max_concurrency: 64}
        slo:
          ttft_ms: 500
          tpot_ms: 40
          itl_ms: 80
          e2e_ms: 9000
          percentile: 95
        api: chat
        extra_body:
          top_k: 20
          chat_template_kwargs: {enable_thinking: false}
        continuous_usage_stats: true
        fail_on: ['ttft_p99_ms<=500', 'failed_requests_pct > 1']
        metrics_port: "0.0.0.0:9464"
        client_threads: 3
        timestamps: user
        server_metrics:
          url: ['http://10.0.0.5:8000/metrics', 'http://10.0.0.6:8000/metrics']
          interval_ms: 500
          timeout_ms: 2000
        simulator:
          ttft_ms: 30
          prefill_tokens_per_second: 5000
          itl_ms: 8
          itl_per_sequence_ms: 0.5
          max_sequences: 32
          jitter: 0.1
          seed: 7
          tokens_per_event: 2
          tokenize_endpoints: false
          threads: 2
          server_timings: true
          kv_cache_tokens: 5000
          prefix_cache: false
          prefix_cache_block_tokens: 32
          prefix_cache_tokens: 4096
        """

    static func summaryConfig(of config: BenchmarkConfig) throws -> [String: Any] {
        let report = BenchmarkReport(
            cases: [],
            files: ResultFiles(runID: "abc123", results: "r", requests: "q", summary: "s"),
            seed: config.seed ?? 1,
            wasInterrupted: false,
            sweeps: []
        )
        let document = SummaryDocument(
            config: config,
            report: report,
            startedAt: Date(),
            finishedAt: Date(),
            redaction: SecretRedaction(config)
        )
        return try #require(try document.object()["config"] as? [String: Any])
    }

    /// The dotted paths of every scalar in a YAML node (`cases[1].input_tokens.uniform[0]`).
    static func paths(of node: Node, prefix: String = "") -> [String] {
        switch node {
        case .mapping(let mapping):
            return mapping.flatMap { key, value in
                paths(of: value, prefix: prefix.isEmpty ? key.string ?? "" : "\(prefix).\(key.string ?? "")")
            }
        case .sequence(let sequence):
            return sequence.enumerated().flatMap { index, value in paths(of: value, prefix: "\(prefix)[\(index)]") }
        default:
            return [prefix]
        }
    }

    /// The value at a path of `paths(of:)` in a JSON object, or nil.
    static func value(at path: String, in object: Any) -> Any? {
        var current: Any? = object
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indices: [Int] = []
            while let open = name.lastIndex(of: "["), let index = Int(name[name.index(after: open)...].dropLast()) {
                indices.insert(index, at: 0)
                name = name[..<open]
            }
            current = (current as? [String: Any])?[String(name)]
            for index in indices {
                guard let array = current as? [Any], array.indices.contains(index) else { return nil }
                current = array[index]
            }
        }
        return current
    }

    @Test func everyKeyOfAFullConfigReachesTheSummary() throws {
        let config = try ConfigLoader.parse(
            yaml: Self.fullConfig,
            file: "full.yaml",
            environment: ["BENCH_KEY": "sk-x"]
        )
        let written = try Self.summaryConfig(of: config)
        let root = try #require(try Yams.compose(yaml: Self.fullConfig))
        for path in Self.paths(of: root) {
            #expect(Self.value(at: path, in: written) != nil, "\(path) is missing from the summary's config")
        }
        #expect(written["api_key"] as? String == "<redacted>")
        #expect(written["headers"] as? [String: String] == ["X-Gateway": "<redacted>", "X-Team": "<redacted>"])
        let text = String(decoding: try JSONSerialization.data(withJSONObject: written), as: UTF8.self)
        for secret in ["sk-x", "gateway-secret-value", "team-secret-value"] { #expect(!text.contains(secret)) }
    }

    /// Configs that between them set every key the loader reads: `fullConfig`, and the forms it
    /// cannot hold at once (another sweep, a deterministic simulator, the prompt cache off, a trace).
    static let configs = [
        fullConfig,
        "runs: 1\nnum_concurrent_requests: 2\nsimulator: {deterministic: true, ttft_ms: 5, itl_ms: 1}\n"
            + "cases: [{input_tokens: 3, output_tokens: 4}]\nload: {mode: sweep, sweep: {rates: [1.5, 3]}}",
        "runs: 1\nnum_concurrent_requests: 2\ncases: [{input_tokens: 3, output_tokens: 4}]\n"
            + "load: {mode: sweep, sweep: {concurrency: [1, 4]}}\nprompt_cache_dir: \"off\"",
        "runs: 1\nnum_concurrent_requests: 2\n"
            + "cases: [{trace: t.jsonl, format: mooncake, speed: 2, max_requests: 5, duration: 30s, block_tokens: 64}]",
        "runs: 1\nnum_concurrent_requests: 2\n"
            + "cases: [{sessions: {turns: {normal: {mean: 3, stddev: 1, min: 1, max: 6}}, user_tokens: 3, "
            + "output_tokens: {uniform: [4, 8]}, think_time: {exponential: 2s}}}]",
        "runs: 1\nnum_concurrent_requests: 2\napi: responses\n"
            + "cases: [{sessions: {turns: 2, user_tokens: 3, output_tokens: 4, previous_response_id: true}}]",
    ]

    /// A key's name with its list positions dropped: `cases[].input_tokens`.
    static func schemaName(_ name: String) -> String {
        name.replacing(/\[\d+\]/, with: "[]")
    }

    /// The keys the loader knows are the ones it reads, so a key it learns must be set in one of
    /// `configs`; each key read from a config must reach that config's summary.
    @Test func everyKeyTheLoaderReadsIsSetByATestConfigAndReachesItsSummary() throws {
        var asked: Set<String> = []
        var set: Set<String> = []
        for yaml in Self.configs {
            let log = ConfigKeyLog()
            let config = try ConfigLoader.read(
                yaml: yaml,
                file: "full.yaml",
                environment: ["BENCH_KEY": "sk-x"],
                log: log
            )
            let written = try Self.summaryConfig(of: config)
            for entry in log.entries {
                asked.insert(Self.schemaName(entry.fullName))
                guard entry.isSet else { continue }
                set.insert(Self.schemaName(entry.fullName))
                #expect(
                    Self.value(at: entry.fullName, in: written) != nil,
                    "\(entry.fullName) is missing from the summary's config"
                )
            }
        }
        #expect(asked.subtracting(set).isEmpty, "keys the loader reads that no test config sets")
        #expect(asked.isSuperset(of: ["load.sweep.search", "simulator.deterministic", "cases[].pairs"]))
    }

    @Test(arguments: SummaryConfigTests.configs)
    func theSummarysConfigLoadsBackAsTheSameConfig(yaml: String) throws {
        let config = try ConfigLoader.parse(yaml: yaml, file: "full.yaml", environment: ["BENCH_KEY": "sk-x"])
        let written = try JSONSerialization.data(
            withJSONObject: try Self.summaryConfig(of: config),
            options: [.prettyPrinted, .sortedKeys]
        )
        let reloaded = try ConfigLoader.parse(yaml: String(decoding: written, as: UTF8.self), file: "summary.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var ran = config
        ran.seed = config.seed ?? 1
        let expected = String(decoding: try encoder.encode(ran), as: UTF8.self)
        #expect(String(decoding: try encoder.encode(reloaded), as: UTF8.self) == expected)
    }
}
