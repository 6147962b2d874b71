import Testing

@testable import LLMBenchSimulator

/// `NAME=NUMBER` fault specs, as `simulate --fault` passes them.
struct FaultSpecTests {
    @Test func eachFaultIsNamedAsInTheTruthLog() throws {
        let specs = InjectedFault.allCases.enumerated().map { "\($1.rawValue)=0.\($0 + 1)" }
        let faults = try FaultInjection(specs: specs, seed: nil)
        for (offset, fault) in InjectedFault.allCases.enumerated() {
            #expect(faults.probabilities[fault] == Double("0.\(offset + 1)"), "\(fault)")
        }
    }

    @Test func theOldSpellingsStillNameTheirFaults() throws {
        let faults = try FaultInjection(specs: ["reset=0.25", "malformed=0.5"], seed: nil)
        #expect(faults.probabilities == [.resetBeforeHeaders: 0.25, .malformedChunk: 0.5])
    }

    @Test func theParametersSetTheNumbersThatShapeTheFaults() throws {
        let faults = try FaultInjection(
            specs: [
                "retry_after_s=4", "close_after_tokens=3", "stall_ms=250", "slow_headers_ms=750", "first_requests=9",
            ],
            seed: 11
        )
        let expected = FaultInjection(
            seed: 11,
            retryAfterSeconds: 4,
            closeAfterTokens: 3,
            stallMilliseconds: 250,
            slowHeadersMilliseconds: 750,
            firstRequests: 9
        )
        #expect(faults == expected)
    }

    @Test func noSpecsAndNoSeedAreTheDefaults() throws {
        #expect(try FaultInjection(specs: [], seed: nil) == FaultInjection())
    }

    @Test func everyNameASpecTakesIsListedFaultsFirst() {
        #expect(
            FaultInjection.specNames.prefix(InjectedFault.allCases.count) == InjectedFault.allCases.map(\.rawValue)[...]
        )
        #expect(FaultInjection.specNames.count == InjectedFault.allCases.count + 5)
    }

    @Test(arguments: [
        ("http503", FaultSpecError.notNameEqualsNumber("http503")),
        ("http503=often", .notNameEqualsNumber("http503=often")),
        ("http503=-0.1", .notNameEqualsNumber("http503=-0.1")),
        ("stall_ms=-5", .notNameEqualsNumber("stall_ms=-5")),
        ("malformed_chunk=2", .probabilityOutOfRange(fault: "malformed_chunk", value: 2)),
        ("reset=1.5", .probabilityOutOfRange(fault: "reset", value: 1.5)),
        ("nope=1", .unknownName("nope")),
    ])
    func aWrongSpecIsRejectedAndSaysWhy(spec: String, error: FaultSpecError) {
        #expect(throws: error) { try FaultInjection(specs: ["http500=0.1", spec], seed: nil) }
    }

    @Test func anUnknownNameListsTheKnownOnes() {
        let message = FaultSpecError.unknownName("nope").description
        #expect(message.contains("unknown fault 'nope'"))
        #expect(FaultInjection.specNames.allSatisfy { message.contains($0) })
    }
}
