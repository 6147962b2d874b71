import Foundation
import LLMBenchSupport
import Testing

@testable import LLMBench

struct JSONLineScannerTests {
    /// Reads `text` with `read`.
    private func scan<Value>(_ text: String, _ read: (inout JSONLineScanner) throws -> Value) throws -> Value {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { buffer in
            var scanner = JSONLineScanner(buffer, range: 0..<buffer.count)
            return try read(&scanner)
        }
    }

    @Test(arguments: [
        "0", "-0", "1", "0.1", "12.025", "0.001", "99999.999", "-3.5e-7", "1e+16", "1E22", "2.5e-30",
        "123456789012345678901", "0.30000000000000004", "9007199254740993", "1.7976931348623157e308", "5e-324",
    ])
    func numbersAreReadExactly(_ text: String) throws {
        let value = try scan(text) { try $0.number() }
        #expect(value.bitPattern == Double(text)?.bitPattern)
    }

    @Test func everyValueWrittenByTheRecordWriterReadsBackAsItsWriterPrintedIt() throws {
        var generator = SeededRandom(seed: 12)
        for _ in 0..<20_000 {
            let written = JSONObjectWriter.number(Double.random(in: 0..<100_000, using: &generator))
            #expect(try scan(written) { try $0.number() } == Double(written), "\(written)")
        }
    }

    @Test(arguments: ["", "-", ".", "1.2.3", "e5", "1e", "abc"])
    func notANumberFails(_ text: String) {
        #expect(throws: JSONLineScanner.Failure.self) {
            let value = try scan(text) { scanner in
                let value = try scanner.number()
                guard scanner.isAtEnd() else { throw scanner.failure("text after the number") }
                return value
            }
            Issue.record("read \(value)")
        }
    }

    @Test func stringsDecodeTheirEscapes() throws {
        let text = try scan(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00 x""#) { try $0.string() }
        #expect(text == "a\"b\\c/d\n\té😀 x")
        #expect(try scan(#""plain""#) { try $0.string() } == "plain")
    }

    @Test func wholeNumbersRefuseFractions() throws {
        #expect(try scan("9001250000") { try $0.integer() } == 9_001_250_000)
        #expect(throws: JSONLineScanner.Failure.self) { try scan("1.5") { try $0.integer() } }
    }

    @Test func anyValueCanBePassedOver() throws {
        let rest = try scan(#"{"a":[1,{"b":null}],"c":"}"} , true"#) { scanner in
            try scanner.skipValue()
            try scanner.expect(UInt8(ascii: ","))
            return try scanner.boolean()
        }
        #expect(rest)
    }

    @Test func aRecordLineWithUnknownFieldsIsRead() throws {
        let line =
            #"{"case":1,"step":2,"run":1,"index":0,"request_id":"llmb-x-c1-s2-r1-i0-a1","status":"ok","#
            + #""future":{"k":[1,2]},"warmup":false,"input_tokens":8,"output_tokens":6,"send_clock_ns":5,"#
            + #""start_offset_ms":0,"send_offset_ms":0.5,"total_ms":3,"output_tokens_counted":6,"#
            + #""ttft_ms":1.25,"tpot_ms":null,"itl_ms":[0.1,0.2]}"#
        let (record, hasStep) = try scan(line) { try RecordSample.scanning(&$0) }
        #expect(hasStep && record.step == 2 && record.caseIndex == 1)
        #expect(record.latencies == [.ttft: 1.25])
        #expect(record.gaps == [.itl: [0.1, 0.2]])
        #expect(record.values(of: .tpot).isEmpty)
    }

    @Test func aRecordWithoutAStepTakesItFromItsRequestID() {
        #expect(RecordSample.step(inRequestID: "llmb-k3f9a2-c0-s12-r1-i4-a2") == 12)
        #expect(RecordSample.step(inRequestID: "req-3") == nil)
    }
}
