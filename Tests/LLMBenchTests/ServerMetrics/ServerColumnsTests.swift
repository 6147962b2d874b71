import Foundation
import Testing

@testable import LLMBench

/// The server's figures in a case's row, its definitions, its console lines and its warnings.
struct ServerColumnsTests {
    typealias Fixtures = ServerMetricsFixtures

    /// A case of four successful requests (512 prompt tokens, 16 output tokens) and `scrapes`.
    static func summary(scrapes: [MetricScrape]) -> CaseSummary {
        CaseSummary(
            records: (0..<4).map(successfulRecord),
            context: CaseSummary.Context(
                caseIndex: 0,
                step: 0,
                benchmarkCase: BenchmarkCase(inputTokens: 128, outputTokens: 4),
                model: "m",
                point: .waves(runs: 1, concurrency: 4),
                slo: ServiceLevelObjectives(),
                prompts: PreparedPromptFacts([]),
                lengthControl: OutputLengthControl(sendsLengthFields: false),
                startedAt: Date(timeIntervalSince1970: 0),
                serverScrapes: scrapes
            )
        )
    }

    static var serverColumns: [String] { ResultRow.columns.filter { $0.hasPrefix("server_") } }

    @Test func theServerColumnsComeLast() throws {
        let columns = ResultRow.columns
        let first = try #require(columns.firstIndex(of: "server_metrics_source"))
        #expect(columns[..<first].allSatisfy { !$0.hasPrefix("server_") })
        #expect(columns[first...].allSatisfy { $0.hasPrefix("server_") })
        #expect(columns[first - 1] == "cached_prompt_token_rate", "the columns before keep their order")
        for name in [
            "server_requests_finished", "server_prompt_tokens", "server_prompt_tokens_client",
            "server_prompt_tokens_diff",
            "server_generation_tokens_diff", "server_ttft_mean_ms", "server_ttft_p50_est_ms", "server_ttft_p99_est_ms",
            "server_itl_p99_est_ms", "server_tpot_mean_ms", "server_e2e_mean_ms", "server_queue_mean_ms",
            "server_prefill_mean_ms", "server_decode_p50_est_ms", "server_kv_cache_usage_max",
            "server_kv_cache_usage_mean", "server_requests_running_max", "server_requests_waiting_max",
            "server_preemptions", "server_prefix_cache_hit_rate", "server_prompt_time_per_token_ms",
        ] {
            #expect(columns.contains(name), "\(name)")
        }
    }

    @Test func everyServerColumnIsDefined() {
        let names = MetricDefinitions.all.map(\.name)
        #expect(Set(names).count == names.count)
        for column in Self.serverColumns {
            #expect(names.contains { column.hasPrefix($0) && $0.hasPrefix("server_") }, "\(column)")
        }
        let estimates = MetricDefinitions.server.filter { $0.name == "server_ttft" }.map(\.definition)
        #expect(estimates.allSatisfy { $0.contains("bucket estimates") && $0.contains("milliseconds") })
    }

    @Test func withoutScrapesEveryServerCellIsEmpty() {
        let row = ResultRow(Self.summary(scrapes: []))
        let cells = row.cells.filter { $0.name.hasPrefix("server_") }
        #expect(cells.count == Self.serverColumns.count)
        #expect(cells.allSatisfy { $0.value == .missing })
    }

    @Test func theRowCarriesTheServersFigures() throws {
        let row = ResultRow(Self.summary(scrapes: try Fixtures.vllmCase()))
        let cells = Dictionary(uniqueKeysWithValues: row.cells.map { ($0.name, $0.value) })
        #expect(row.cells.map(\.name) == ResultRow.columns)
        #expect(cells["server_metrics_source"] == .text("vllm"))
        #expect(cells["server_prompt_tokens"] == .integer(512))
        #expect(cells["server_prompt_tokens_client"] == .integer(512))
        #expect(cells["server_prompt_tokens_diff"] == .integer(0))
        #expect(cells["server_generation_tokens"] == .integer(256))
        #expect(cells["server_generation_tokens_client"] == .integer(16))
        #expect(cells["server_generation_tokens_diff"] == .integer(240))
        #expect(cells["server_ttft_p99_est_ms"] == .number(1000))
        #expect(cells["server_preemptions"] == .integer(2))
        #expect(cells["server_prefix_cache_hit_rate"] == .number(0.75))
        #expect(cells["server_prompt_time_per_token_ms"] == .missing)
        #expect(cells["server_metrics_notes"] == .text(""))
    }

    @Test func theConsoleShowsTheServersCountsBesideTheClients() throws {
        let block = ConsoleSummary.caseBlock(Self.summary(scrapes: try Fixtures.vllmCase()))
        #expect(
            block.contains(
                "  server     vllm: 4 finished (client 4), prompt tokens 512 (client 512, 0), generated 256 (client 16, +240)\n"
            )
        )
        #expect(block.contains("  server     TTFT 300.00 (p99~1000.00), ITL 300.00 (p99~1000.00)"))
        #expect(block.contains("KV cache max 50.0 %, mean 22.5 %, running max 5, waiting max 2, preemptions 2"))
        #expect(block.contains("prefix cache hits 75.0 %"))
        #expect(!ConsoleSummary.caseBlock(Self.summary(scrapes: [])).contains("  server     "))
    }

    @Test func theConsoleSaysWhereAnUnknownEnginesSeriesAre() throws {
        let text = "http_requests_total 1\n"
        let block = ConsoleSummary.caseBlock(Self.summary(scrapes: try Fixtures.scrapes([text, text])))
        #expect(block.contains("  server     metrics of an engine llm-bench does not know: the raw series are in"))
        #expect(!block.contains("  note       server:"), "an unknown engine is no incomplete figure")
    }

    @Test func tokenCountsThatDifferFromTheClientsAreWarnedOf() throws {
        let warnings = BenchmarkWarning.serverFigures(in: Self.summary(scrapes: try Fixtures.vllmCase()))
        #expect(warnings == [.serverTokenCountsDiffer(caseIndex: 0, tokens: "generation", server: 256, client: 16)])
        let text = try #require(warnings.first).description
        #expect(
            text.contains(
                "the server counted 256 generation tokens, the client 16 (server − client = +240 (+1500.0 %))"
            )
        )
        #expect(text.contains("failed or cancelled requests, or other clients"))
        #expect(BenchmarkWarning.serverFigures(in: Self.summary(scrapes: [])).isEmpty)
    }

    @Test func aResetIsWarnedOf() throws {
        let scrapes = try Fixtures.scrapes([Fixtures.vllm(prompt: 900), Fixtures.vllm(prompt: 512)])
        let warnings = BenchmarkWarning.serverFigures(in: Self.summary(scrapes: scrapes))
        #expect(
            warnings.contains { warning in
                if case .serverFiguresIncomplete(0, let reason) = warning { return reason.contains("went down") }
                return false
            }
        )
    }
}
