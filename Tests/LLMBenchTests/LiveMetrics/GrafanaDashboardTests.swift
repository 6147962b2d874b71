import Foundation
import Testing

@testable import LLMBench

/// `deploy/grafana/llm-bench.json`: valid JSON whose every query asks for the benchmark's own
/// metrics or vLLM's.
struct GrafanaDashboardTests {
    static func dashboard() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/deploy/grafana/llm-bench.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Every `expr` of the panels' targets, and the query of each template variable.
    static func queries(_ dashboard: [String: Any]) -> [String] {
        let panels = dashboard["panels"] as? [[String: Any]] ?? []
        let targets = panels.flatMap { $0["targets"] as? [[String: Any]] ?? [] }
        let templating = (dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
        let variables = templating.compactMap { ($0["query"] as? [String: Any])?["query"] as? String }
        return targets.compactMap { $0["expr"] as? String } + variables
    }

    /// The metric names a PromQL expression selects: what is left of its words once strings,
    /// label matchers, ranges, grouping clauses, function calls and keywords are taken out.
    static func metricNames(in expression: String) throws -> Set<String> {
        var text = expression
        for pattern in [#""[^"]*""#, #"\{[^}]*\}"#, #"\[[^\]]*\]"#, #"\b(by|without|on|ignoring)\s*\([^)]*\)"#] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        let keywords: Set<String> = ["and", "or", "unless", "bool", "offset", "run_id"]
        let word = try Regex(#"[A-Za-z_:][A-Za-z0-9_:]*(\s*\()?"#)
        return Set(
            text.matches(of: word).compactMap { match in
                let token = String(text[match.range])
                return token.hasSuffix("(") || keywords.contains(token) ? nil : token
            }
        )
    }

    /// The names the benchmark's page holds: each family, and a histogram's `_bucket`, `_sum`, `_count`.
    static let exported = Set(
        LiveMetricFamily.allCases.flatMap { family in
            family.kind == .histogram ? ["_bucket", "_sum", "_count"].map { family.name + $0 } : [family.name]
        }
    )

    @Test func everyQueryNamesOnlyTheBenchmarksMetricsOrVLLMs() throws {
        let queries = Self.queries(try Self.dashboard())
        #expect(queries.count >= 15)
        for query in queries {
            let names = try Self.metricNames(in: query)
            #expect(!names.isEmpty, "\(query)")
            for name in names {
                #expect(Self.exported.contains(name) || name.hasPrefix("vllm:"), "\(name) in \(query)")
            }
        }
    }

    @Test func everyBenchmarkFamilyHasAPanelAndTheServerRowItsFour() throws {
        var names = Set<String>()
        for query in Self.queries(try Self.dashboard()) { names.formUnion(try Self.metricNames(in: query)) }
        for family in LiveMetricFamily.allCases {
            #expect(names.contains { $0.hasPrefix(family.name) }, "\(family.name)")
        }
        for name in [
            "vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc",
            "vllm:time_to_first_token_seconds_bucket",
        ] {
            #expect(names.contains(name), "\(name)")
        }
    }

    @Test func theNameFinderSeesThroughMatchersGroupingAndFunctions() throws {
        let names = try Self.metricNames(
            in:
                #"histogram_quantile(0.99, sum by (le) (rate(llm_bench_x_bucket{run_id=~"$run_id", a="b"}[$__rate_interval]))) > 0"#
        )
        #expect(names == ["llm_bench_x_bucket"])
        #expect(try Self.metricNames(in: "label_values(llm_bench_y_total, run_id)") == ["llm_bench_y_total"])
    }

    @Test func theDatasourceIsAPrometheusVariable() throws {
        let templating = try #require(try Self.dashboard()["templating"] as? [String: Any])
        let variables = try #require(templating["list"] as? [[String: Any]])
        let datasource = try #require(variables.first { $0["name"] as? String == "datasource" })
        #expect(datasource["type"] as? String == "datasource")
        #expect(datasource["query"] as? String == "prometheus")
    }
}
