import Testing

@testable import LLMBench

/// The console's text of each event, pinned.
struct ConsoleRendererTests {
    static let start = CaseStart(
        caseIndex: 0,
        caseCount: 2,
        benchmarkCase: BenchmarkCase(inputTokens: 16, outputTokens: 8),
        point: .waves(runs: 2, concurrency: 2)
    )

    static func record(failure: RequestFailure? = nil, isWarmup: Bool = false) -> RequestRecord {
        var record = RequestRecord(
            caseIndex: 0,
            run: 1,
            index: 0,
            requestID: "r-1",
            requestedInputTokens: 16,
            requestedOutputTokens: 8
        )
        record.attempts = 1
        record.failure = failure
        record.isWarmup = isWarmup
        return record
    }

    @Test func aWarningIsOneLineOnStandardError() {
        var renderer = ConsoleRenderer(style: .plain)
        let output = renderer.render(.warning(.certificateNotChecked))
        #expect(
            output == [
                .init(
                    stream: .standardError,
                    text: "warning: tls_insecure is on: the server's TLS certificate is not checked.\n"
                )
            ]
        )
    }

    @Test func plainProgressNamesTheCaseAndEachRun() {
        var renderer = ConsoleRenderer(style: .plain)
        #expect(
            renderer.render(.caseStarted(Self.start)).map(\.text) == [
                "Running case 1/2 (16 in, 8 out, 2 run(s) x 2 concurrent): 4 requests.\n"
            ]
        )
        #expect(renderer.render(.requestFinished(Self.record())).isEmpty)
        let failed = Self.record(failure: RequestFailure(kind: .http5xx, httpStatus: 503, message: "busy"))
        #expect(
            renderer.render(.requestFinished(failed)).first?.text.hasPrefix("request r-1 failed after 1 attempt(s): ")
                == true
        )
        #expect(
            renderer.render(.runFinished(run: 1, of: 2)).map(\.text) == [
                "case 1/2 (16 in, 8 out, 2 run(s) x 2 concurrent): run 1/2 done, 2/4 requests, 1 failed\n"
            ]
        )
    }

    @Test func aSessionCaseCountsSessionsAndItsProgressTurns() {
        var renderer = ConsoleRenderer(style: .plain)
        let sessions = SessionWorkload(
            source: .synthetic(turns: .fixed(3), userTokens: .fixed(16), outputTokens: .fixed(8), systemTokens: nil)
        )
        let start = CaseStart(
            caseIndex: 0,
            caseCount: 1,
            benchmarkCase: BenchmarkCase(workload: .sessions(sessions)),
            point: .waves(runs: 2, concurrency: 2)
        )
        #expect(
            renderer.render(.caseStarted(start)).map(\.text) == [
                "Running case 1/1 (16 in, 8 out, 2 run(s) x 2 concurrent): 4 sessions.\n"
            ]
        )
        for _ in 0..<3 { _ = renderer.render(.requestFinished(Self.record())) }
        #expect(
            renderer.render(.runFinished(run: 1, of: 2)).map(\.text) == [
                "case 1/1 (16 in, 8 out, 2 run(s) x 2 concurrent): run 1/2 done, 3 turns, 0 failed\n"
            ]
        )
    }

    @Test func aTerminalRedrawsOneLiveLineAndClearsItBeforeALine() {
        var renderer = ConsoleRenderer(style: .terminal)
        _ = renderer.render(.caseStarted(Self.start))
        let now = ContinuousClock.now
        let live = renderer.render(.requestFinished(Self.record()), at: now)
        #expect(
            live.map(\.text) == ["\r\u{1B}[2Kcase 1/2 (16 in, 8 out, 2 run(s) x 2 concurrent): 1/4 requests, 0 failed"]
        )
        #expect(renderer.render(.requestFinished(Self.record()), at: now).isEmpty, "at most one redraw per 100 ms")
        #expect(!renderer.render(.requestFinished(Self.record()), at: now + .milliseconds(100)).isEmpty, "then again")
        #expect(
            renderer.render(.seedChosen(7)).map(\.text) == [
                "\r\u{1B}[2K", "Seed 7 (set seed: 7 in the config to repeat these prompts).\n",
            ]
        )
    }

    @Test func silentShowsNothing() {
        var renderer = ConsoleRenderer(style: .silent)
        #expect(renderer.render(.warning(.unverifiedPromptLengths)).isEmpty)
        #expect(renderer.render(.caseStarted(Self.start)).isEmpty)
        #expect(renderer.info("hello").isEmpty)
    }

    @Test func phaseOneTellsHowPromptsAreMadeAndWhatEachCaseGot() {
        var renderer = ConsoleRenderer(style: .plain)
        let texts = [
            BenchmarkEvent.phaseStarted(.preflight), .phaseStarted(.prompts),
            .promptMethodChosen(PromptMethod(origin: "generate", lengthsMeasuredBy: "tokenize-vllm", specialTokens: 1)),
            .promptsPrepared(
                PromptsPrepared(workload: "16 tokens", count: 4, fromCache: 1, shortest: 15, longest: 16, inexact: 1)
            ),
            .warmupStarted(requests: 3, isDefault: false),
        ].flatMap { renderer.render($0) }.map(\.text)
        #expect(
            texts == [
                "Phase 1: preparing prompts (untimed).\n",
                "  Text: generate, lengths measured by tokenize-vllm, 1 special token(s) per prompt.\n",
                "  16 tokens: 4 prompt(s), 1 from cache, lengths 15–16 (1 not exact: the closest the server's tokenizer allows).\n",
            ]
        )
    }

    @Test func aCasesFiguresGoToStandardOutput() {
        var renderer = ConsoleRenderer(style: .plain)
        let summary = CaseSummary.placeholder
        #expect(
            renderer.render(.caseFinished(summary)) == [
                .init(stream: .standardOutput, text: ConsoleSummary.caseBlock(summary))
            ]
        )
    }
}
