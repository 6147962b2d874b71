import LLMBenchSupport
import Testing

@testable import LLMBench

/// The Prometheus text format as inference servers write it, read back sample by sample.
struct MetricExpositionTests {
    /// In the shape llama.cpp's server writes (`llamacpp:` names, counters and gauges, no labels).
    static let llamaCpp = """
        # HELP llamacpp:prompt_tokens_total Number of prompt tokens processed.
        # TYPE llamacpp:prompt_tokens_total counter
        llamacpp:prompt_tokens_total 1536
        # HELP llamacpp:tokens_predicted_total Number of generation tokens processed.
        # TYPE llamacpp:tokens_predicted_total counter
        llamacpp:tokens_predicted_total 768
        # TYPE llamacpp:requests_processing gauge
        llamacpp:requests_processing 2

        """

    /// In the shape vLLM writes: labelled series, a histogram with `le` buckets, `+Inf`.
    static let vLLM = """
        # HELP vllm:num_requests_running Number of requests in model execution batches.
        # TYPE vllm:num_requests_running gauge
        vllm:num_requests_running{engine="0",model_name="Qwen/Qwen2.5-7B"} 12.0
        # TYPE vllm:time_to_first_token_seconds histogram
        vllm:time_to_first_token_seconds_bucket{engine="0",le="0.02",model_name="Qwen/Qwen2.5-7B"} 3.0
        vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="Qwen/Qwen2.5-7B"} 40.0
        vllm:time_to_first_token_seconds_sum{engine="0",model_name="Qwen/Qwen2.5-7B"} 1.25e+01
        vllm:time_to_first_token_seconds_count{engine="0",model_name="Qwen/Qwen2.5-7B"} 40.0
        """

    @Test func readsCountersAndGaugesWithTheirTypes() throws {
        let exposition = try MetricExposition(parsing: Self.llamaCpp)
        #expect(
            exposition.samples.map(\.name) == [
                "llamacpp:prompt_tokens_total", "llamacpp:tokens_predicted_total", "llamacpp:requests_processing",
            ]
        )
        #expect(exposition.samples.map(\.value) == [1536, 768, 2])
        #expect(exposition.types["llamacpp:prompt_tokens_total"] == "counter")
        #expect(exposition.types["llamacpp:requests_processing"] == "gauge")
    }

    @Test func readsLabelsHistogramBucketsAndInfinity() throws {
        let exposition = try MetricExposition(parsing: Self.vLLM)
        #expect(exposition.types["vllm:time_to_first_token_seconds"] == "histogram")
        let buckets = exposition.samples.filter { $0.name == "vllm:time_to_first_token_seconds_bucket" }
        #expect(buckets.map { $0.label("le") } == ["0.02", "+Inf"])
        #expect(buckets.map(\.value) == [3, 40])
        let running = try #require(exposition.samples.first)
        #expect(
            running.labels == [
                MetricLabel(name: "engine", value: "0"), MetricLabel(name: "model_name", value: "Qwen/Qwen2.5-7B"),
            ]
        )
        #expect(exposition.samples.first { $0.name.hasSuffix("_sum") }?.value == 12.5)
    }

    @Test func readsEscapesTimestampsSpecialValuesAndExemplars() throws {
        let exposition = try MetricExposition(
            parsing: #"""
                a{path="C:\\x",quote="say \"hi\"",lines="1\n2",} 1 1700000000000
                b +Inf
                c -Inf
                d NaN
                e_total 5 # {trace_id="abc"} 1.0
                # EOF
                """#
        )
        let first = try #require(exposition.samples.first)
        #expect(first.label("path") == #"C:\x"#)
        #expect(first.label("quote") == #"say "hi""#)
        #expect(first.label("lines") == "1\n2")
        #expect(first.timestampMilliseconds == 1_700_000_000_000)
        #expect(exposition.samples[1].value == .infinity)
        #expect(exposition.samples[2].value == -.infinity)
        #expect(exposition.samples[3].value.isNaN)
        #expect(exposition.samples[4].value == 5)
    }

    @Test(arguments: [
        ("ok 1\n{x=\"1\"} 2", 2, "expected a metric name"),
        ("a{x=1} 2", 1, "expected a quoted label value"),
        ("a{x=\"1\" 2", 1, "expected ',' or '}'"),
        ("a{x=\"1} 2", 1, "not closed"),
        ("a one", 1, "'one' is not a number"),
        ("a 1 soon", 1, "'soon' is not a timestamp"),
        ("a1", 1, "expected a space before the value"),
    ])
    func namesTheLineAndWhatIsWrong(text: String, line: Int, reason: String) {
        #expect {
            try MetricExposition(parsing: text)
        } throws: { error in
            guard let error = error as? MetricExposition.ParseError else { return false }
            return error.line == line && error.reason.contains(reason)
        }
    }

    @Test func randomBytesNeverCrashTheReader() {
        var random = SeededRandom(seed: 12)
        let alphabet = Array("ab_:{}=\",\\ \n#+-.0123456789eEInfNa\t\r")
        for _ in 0..<2_000 {
            let length = Int(random.next() % 60)
            let text = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            _ = try? MetricExposition(parsing: text)
        }
        // Mutations of a real exposition: one character changed at a time.
        let base = Array(Self.vLLM)
        for position in base.indices {
            var text = base
            text[position] = alphabet[Int(random.next() % UInt64(alphabet.count))]
            _ = try? MetricExposition(parsing: String(text))
        }
    }
}
