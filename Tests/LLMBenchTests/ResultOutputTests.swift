import Foundation
import Testing

@testable import LLMBench

/// The results file formats: `ResultRow` as CSV and JSON lines, `ResultValue`, `JSONObjectWriter`
/// and the per-request JSON lines of `RequestRecord`.
struct ResultOutputTests {
    static let specHeader =
        "@timestamp,model,input_tokens,output_tokens,runs,num_concurrent_requests,TTFT (ms),TPOT (ms),Throughput (TPS)"

    static let statisticsHeader = [
        "successful_requests", "failed_requests",
        "ttft_p50_ms", "ttft_p90_ms", "ttft_p95_ms", "ttft_p99_ms",
        "tpot_p50_ms", "tpot_p90_ms", "tpot_p95_ms", "tpot_p99_ms",
        "itl_p50_ms", "itl_p90_ms", "itl_p95_ms", "itl_p99_ms",
        "e2e_p50_ms", "e2e_p90_ms", "e2e_p95_ms", "e2e_p99_ms",
        "output_throughput_tps", "request_throughput_rps", "mean_input_tokens_server", "mean_output_tokens_server",
    ].joined(separator: ",")

    /// The columns that are JSON booleans (`true`/`false` in CSV).
    static let booleanColumns: Set<String> = ["output_length_forced", "slo_met"]

    /// Splits one CSV line into fields per RFC 4180.
    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var isQuoted = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if isQuoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        isQuoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                isQuoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }

    static func jsonObject(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    // MARK: - Header and row

    @Test func csvHeaderStartsWithTheSpecColumnsThenTheStatistics() {
        #expect(ResultRow.csvHeader.hasPrefix(Self.specHeader + "," + Self.statisticsHeader + ","))
    }

    @Test func columnNamesAreUnique() {
        #expect(Set(ResultRow.columns).count == ResultRow.columns.count)
    }

    @Test func rowHasOneFieldPerColumn() {
        let row = ResultRow(caseSummary())
        #expect(row.cells.map(\.name) == ResultRow.columns)
        #expect(Self.csvFields(row.csvLine).count == ResultRow.columns.count)
    }

    @Test func specColumnsCarryTheCaseFigures() {
        let fields = Self.csvFields(ResultRow(caseSummary()).csvLine)
        // TTFT 120.5 ms; TPOT 45.75 / 3 = 15.25 ms; throughput 1000 / 15.25 * 10 = 655.737…
        #expect(
            Array(fields.prefix(9)) == [
                "2024-01-01T10:00:00Z", "qwen3-235b-stress-test", "128", "4", "10", "10", "120.5", "15.25", "655.738",
            ]
        )
    }

    @Test(arguments: [
        (1_704_103_200.0, "2024-01-01T10:00:00Z"),
        (1_704_103_200.999, "2024-01-01T10:00:00Z"),
        (0.0, "1970-01-01T00:00:00Z"),
        (1_719_878_399.0, "2024-07-01T23:59:59Z"),
    ])
    func timestampIsISO8601UTCWithSeconds(seconds: Double, text: String) {
        #expect(ResultRow.timestamp(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func csvQuotesAModelNameWithACommaAndAQuote() {
        let line = ResultRow(caseSummary(model: #"qwen,"big" v2"#)).csvLine
        #expect(line.hasPrefix(#"2024-01-01T10:00:00Z,"qwen,""big"" v2",128,"#))
        let fields = Self.csvFields(line)
        #expect(fields[1] == #"qwen,"big" v2"#)
        #expect(fields.count == ResultRow.columns.count)
    }

    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("cr\r", "\"cr\r\""), ("", ""), ("Tiếng Việt", "Tiếng Việt"),
    ])
    func csvEscape(field: String, escaped: String) {
        #expect(CSV.escape(field) == escaped)
    }

    @Test func jsonLineCarriesTheSameNamesAndValuesAsTheCSVLine() throws {
        let row = ResultRow(caseSummary())
        let bytes = row.jsonLine
        let object = try Self.jsonObject(bytes)
        #expect(Set(object.keys) == Set(ResultRow.columns))
        #expect(object["@timestamp"] as? String == "2024-01-01T10:00:00Z")
        #expect(object["model"] as? String == "qwen3-235b-stress-test")
        #expect(object["input_tokens"] as? Int == 128)
        #expect(object["num_concurrent_requests"] as? Int == 10)
        #expect(object["TTFT (ms)"] as? Double == 120.5)
        #expect(object["TPOT (ms)"] as? Double == 15.25)
        #expect(object["successful_requests"] as? Int == 2)
        // The fields come in column order.
        let text = String(decoding: bytes, as: UTF8.self)
        let offsets = ResultRow.columns.map { text.range(of: "\"\($0)\":")?.lowerBound }
        #expect(!offsets.contains(nil))
        #expect(offsets.compactMap { $0 } == offsets.compactMap { $0 }.sorted())
        // Every CSV field is the JSON value written out.
        for (field, name) in zip(Self.csvFields(row.csvLine), ResultRow.columns) {
            switch object[name] {
            case let flag as Bool where ResultOutputTests.booleanColumns.contains(name):
                #expect(field == (flag ? "true" : "false"), "\(name)")
            case let text as String: #expect(field == text, "\(name)")
            case let number as NSNumber: #expect(Double(field) == number.doubleValue, "\(name)")
            case is NSNull: #expect(field == "", "\(name)")
            default: Issue.record("\(name) is neither text, a number nor null")
            }
        }
    }

    @Test func missingValueIsEmptyInCSVAndNullInJSON() throws {
        let failed = {
            var record = successfulRecord(index: 0)
            record.failure = RequestFailure(kind: .http5xx, httpStatus: 503, message: "overloaded")
            return record
        }()
        let row = ResultRow(caseSummary(records: [failed]))
        let fields = Dictionary(uniqueKeysWithValues: zip(ResultRow.columns, Self.csvFields(row.csvLine)))
        let object = try Self.jsonObject(row.jsonLine)
        for name in [
            "TTFT (ms)", "TPOT (ms)", "Throughput (TPS)", "ttft_p50_ms", "e2e_p99_ms", "mean_input_tokens_server",
        ] {
            #expect(fields[name] == "", "\(name)")
            #expect(object[name] is NSNull, "\(name)")
        }
        #expect(fields["failed_requests"] == "1")
        #expect(object["failed_requests"] as? Int == 1)
        #expect(object["failures"] as? String == "http_5xx=1")
    }

    @Test func failureCountsAreListedInAFixedOrder() {
        #expect(
            ResultRow.failureCounts([.rateLimited: 2, .connect: 1, .http5xx: 3])
                == "connect=1;http_5xx=3;rate_limited=2"
        )
        #expect(ResultRow.failureCounts([:]) == "")
    }

    // MARK: - ResultValue and JSONObjectWriter

    @Test(arguments: [
        (ResultValue.text("a,b"), "\"a,b\""), (.integer(-3), "-3"), (.number(2), "2"), (.number(1.23456), "1.235"),
        (.number(.nan), ""), (.number(.infinity), ""), (.missing, ""),
    ])
    func csvField(value: ResultValue, field: String) {
        #expect(value.csvField == field)
    }

    @Test(arguments: [
        (0.0, "0"), (2.0, "2"), (-7.0, "-7"), (1.23456, "1.235"), (0.0004, "0"), (-0.0004, "0"), (120.5, "120.5"),
        (655.7377049, "655.738"), (Double.nan, "null"), (Double.infinity, "null"), (-Double.infinity, "null"),
    ])
    func numberHasAtMostThreeDecimals(value: Double, text: String) {
        #expect(JSONObjectWriter.number(value) == text)
    }

    @Test(arguments: [1e15, 1e20, 123_456_789_012.345, -9.87654321e18, 1e306, -Double.greatestFiniteMagnitude])
    func largeNumbersStayValidJSON(value: Double) throws {
        var json = JSONObjectWriter()
        json.field("n", value)
        let object = try Self.jsonObject(json.finish())
        let parsed = try #require(object["n"] as? NSNumber).doubleValue
        #expect(abs(parsed - value) <= 0.001 + abs(value) * 1e-15)
    }

    @Test func writerEscapesQuotesBackslashesAndControlCharacters() throws {
        let text = "say \"hi\" \\ path\n\r\t\u{0}\u{1}\u{8}\u{C}\u{1F}\u{7F} Tiếng Việt 😀 </script>"
        var json = JSONObjectWriter()
        json.field("text", text)
        json.field("key \"quoted\"\n", 1)
        let bytes = json.finish()
        let raw = String(decoding: bytes, as: UTF8.self)
        #expect(raw.contains(#"say \"hi\" \\ path\n\r\t\u0000\u0001\u0008\u000c\u001f"#))
        #expect(!bytes.contains(where: { $0 < 0x20 }))
        let object = try Self.jsonObject(bytes)
        #expect(object["text"] as? String == text)
        #expect(object["key \"quoted\"\n"] as? Int == 1)
    }

    @Test func writerKeepsFieldOrderAndTypes() {
        var json = JSONObjectWriter()
        json.field("s", "x")
        json.field("i", 42)
        json.field("b", true)
        json.field("f", false)
        json.field("d", 1.5)
        json.null("n")
        json.rawField("r", "[1,2]")
        #expect(
            String(decoding: json.finish(), as: UTF8.self)
                == #"{"s":"x","i":42,"b":true,"f":false,"d":1.5,"n":null,"r":[1,2]}"#
        )
        #expect(String(decoding: JSONObjectWriter().finish(), as: UTF8.self) == "{}")
    }

    // MARK: - Per-request records

    @Test func successfulRecordLineParsesWithEveryField() throws {
        let object = try Self.jsonObject(successfulRecord(index: 3).jsonLine())
        #expect(object["case"] as? Int == 0)
        #expect(object["step"] as? Int == 0)
        #expect(object["run"] as? Int == 1)
        #expect(object["index"] as? Int == 3)
        #expect(object["request_id"] as? String == "req-3")
        #expect(object["input_tokens"] as? Int == 128)
        #expect(object["output_tokens"] as? Int == 4)
        #expect(object["status"] as? String == "ok")
        #expect(object["error_kind"] is NSNull)
        #expect(object["http_status"] as? Int == 200)
        #expect(object["error"] is NSNull)
        #expect(object["attempts"] as? Int == 1)
        #expect(object["start_offset_ms"] as? Double == 0)
        #expect(object["send_offset_ms"] as? Double == 1)
        #expect(object["ttft_ms"] as? Double == 120.5)
        #expect(object["e2e_ms"] as? Double == 500)
        #expect(object["tpot_ms"] as? Double == 15.25)
        #expect(object["total_ms"] as? Double == 500)
        #expect(object["connect_ms"] as? Double == 0.75)
        #expect(object["output_tokens_counted"] as? Int == 4)
        #expect(object["output_tokens_server"] as? Int == 4)
        #expect(object["input_tokens_server"] as? Int == 128)
        #expect(object["reasoning_events"] as? Int == 0)
        #expect(object["finish_reason"] as? String == "length")
        #expect(object["done_marker"] as? Bool == true)
        let gaps = try #require(object["itl_ms"] as? [Any])
        #expect(gaps.compactMap { ($0 as? NSNumber)?.doubleValue } == [15, 15.25, 15.5])
    }

    @Test func bufferedStreamsAreFlaggedPerRequestCountedPerCaseAndWarnedAbout() throws {
        var buffered = successfulRecord(index: 1)
        buffered.isBufferedStream = true
        #expect(try Self.jsonObject(buffered.jsonLine())["buffered_stream"] as? Bool == true)
        #expect(try Self.jsonObject(successfulRecord(index: 0).jsonLine())["buffered_stream"] as? Bool == false)
        let summary = caseSummary(records: [successfulRecord(index: 0), buffered])
        #expect(summary.bufferedStreams == 1)
        let row = ResultRow(summary)
        let cell = try #require(row.cells.first { $0.name == "buffered_streams" })
        #expect(cell.value.csvField == "1")
        let warning = try #require(BenchmarkWarning.bufferedStreams(in: summary))
        #expect(warning == .bufferedStreams(caseIndex: summary.caseIndex, buffered: 1, streams: 2))
        #expect(warning.description.contains("1 of 2 streams arrived all at once"))
        #expect(BenchmarkWarning.bufferedStreams(in: caseSummary()) == nil)
    }

    @Test func failedRecordLineCarriesTheFailure() throws {
        var record = RequestRecord(
            caseIndex: 1,
            run: 2,
            index: 0,
            requestID: "req-x",
            requestedInputTokens: 8,
            requestedOutputTokens: 8
        )
        record.attempts = 4
        record.failure = RequestFailure(kind: .http5xx, httpStatus: 503, message: "upstream said \"busy\"\nretry later")
        let object = try Self.jsonObject(record.jsonLine())
        #expect(object["status"] as? String == "failed")
        #expect(object["error_kind"] as? String == "http_5xx")
        #expect(object["http_status"] as? Int == 503)
        #expect(object["error"] as? String == "upstream said \"busy\"\nretry later")
        #expect(object["ttft_ms"] is NSNull)
        #expect(object["e2e_ms"] is NSNull)
        #expect(object["tpot_ms"] is NSNull)
        #expect(object["connect_ms"] is NSNull)
        #expect(object["output_tokens_server"] is NSNull)
        #expect(object["input_tokens_server"] is NSNull)
        #expect(object["finish_reason"] is NSNull)
        #expect(object["done_marker"] as? Bool == false)
        #expect((object["itl_ms"] as? [Any])?.isEmpty == true)
    }

    @Test func failureWithoutStatusHasNullStatus() throws {
        var record = RequestRecord(
            caseIndex: 0,
            run: 1,
            index: 0,
            requestID: "r",
            requestedInputTokens: 1,
            requestedOutputTokens: 1
        )
        record.failure = RequestFailure(kind: .connect, message: "connection refused")
        let object = try Self.jsonObject(record.jsonLine())
        #expect(object["error_kind"] as? String == "connect")
        #expect(object["http_status"] is NSNull)
    }

    @Test func recordLineIsOneLine() {
        var record = successfulRecord(index: 0)
        record.requestID = "id\nwith\rbreaks"
        #expect(!record.jsonLine().contains(0x0A))
        #expect(!record.jsonLine().contains(0x0D))
    }
}
