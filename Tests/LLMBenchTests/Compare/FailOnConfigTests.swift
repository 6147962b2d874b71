import Foundation
import Testing

@testable import LLMBench

/// The config's `fail_on`: a run's own gate, bounds on values only.
struct FailOnConfigTests {
    static let preamble = "runs: 1\nnum_concurrent_requests: 1\ncases: [{input_tokens: 1, output_tokens: 1}]\n"

    @Test func readsTheExpressions() throws {
        let config = try ConfigLoader.parse(
            yaml: Self.preamble + "fail_on: ['ttft_p99_ms<=500', 'failed_requests_pct > 1']\n",
            file: "bench.yaml"
        )
        #expect(config.failOn.map(\.text) == ["ttft_p99_ms<=500", "failed_requests_pct > 1"])
        #expect(config.failOn.first?.operand == .value(500))
        #expect(try ConfigLoader.parse(yaml: Self.preamble + "fail_on: []\n", file: "bench.yaml").failOn.isEmpty)
    }

    @Test(arguments: [
        ("fail_on: ['ttft_p99_ms>+10%']", "a run alone has no baseline"),
        ("fail_on: ['ttft_p99>500']", "names no known metric 'ttft_p99'"),
        ("fail_on: [{ttft: 5}]", "'fail_on[0]' must be a gate expression"),
        ("fail_on: 'ttft_p99_ms>500'", "'fail_on'"),
    ])
    func rejectsWhatARunCannotGateOn(yaml: String, message: String) {
        #expect {
            try ConfigLoader.parse(yaml: Self.preamble + yaml + "\n", file: "bench.yaml")
        } throws: { error in
            "\(error)".contains(message) && "\(error)".contains("bench.yaml:4")
        }
    }

    @Test func theSummarysConfigStatesThem() throws {
        let config = try ConfigLoader.parse(yaml: Self.preamble + "fail_on: ['ttft_p99_ms<500']\n", file: "bench.yaml")
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(config)) as? [String: Any]
        #expect(object?["fail_on"] as? [String] == ["ttft_p99_ms<500"])
    }
}
