/// Why the engine warns: something that may be wrong with the server, the config or the figures,
/// without stopping the benchmark. Its description is the sentence shown to the user.
public enum BenchmarkWarning: Sendable, Equatable, CustomStringConvertible {
    /// A load setting the mode does not use, e.g. `rate is set but not used in waves mode`.
    case ineffectiveSetting(String)
    /// `tls_insecure` turns certificate checks off.
    case certificateNotChecked
    /// `GET /models` does not list the model, but the server accepts it.
    case modelNotListed(model: String, served: [String])
    /// `GET /models` answered 404 while the generation endpoint answers.
    case modelListMissing(basePath: String, generationPath: String)
    /// `GET /models` answered another status.
    case modelListFailed(basePath: String, status: Int, message: String)
    /// The server rejects `ignore_eos`/`min_tokens`; outputs may end early.
    case lengthFieldsRejected(serverMessage: String)
    /// The server reports no prompt length: lengths are unverified.
    case unverifiedPromptLengths
    /// Under `prompt_reuse: unique`, the server wrote the same text for different prompts.
    case identicalPrompts(workload: String, distinct: Int, prompts: Int)
    /// The prompt template's tokens per turn of a session case could not be measured (its probe
    /// failed or the server reports no usage), so each turn's expected prompt length leaves them out.
    case sessionTemplateUnmeasured(workload: String)
    /// Rows of a trace that ask for 0 prompt or 0 output tokens were left out of the replay.
    case traceRowsSkipped(path: String, rows: Int, firstLine: Int)
    /// Some connections could not be opened before timing.
    case connectionsNotOpened(failed: Int, of: Int, first: RequestFailure)
    /// A case or load point measured no request.
    case unmeasuredCase(caseIndex: Int, point: LoadPoint)
    /// Streams arrived in one burst (a buffering proxy or server?).
    case bufferedStreams(caseIndex: Int, buffered: Int, streams: Int)
    /// The client read a case's token events late (its lag p99 above `thresholdMilliseconds`).
    case clientLagged(caseIndex: Int, p99Milliseconds: Double, maxMilliseconds: Double, thresholdMilliseconds: Double)
    /// More than `eventsReadTogetherThresholdPercent` of a case's token events came in one socket
    /// read with the event before them, so those gaps are not measured.
    case eventsReadTogether(caseIndex: Int, percent: Double, clientLagMaxMilliseconds: Double?)
    /// The platform or a socket gives no kernel receive timestamps; the run uses user-space read times.
    case kernelTimestampsUnavailable(reason: String)
    /// The HTML report could not be made from the files written; they are complete.
    case reportNotWritten(path: String, reason: String)
    /// The server's count of prompt or generated tokens over a case differs from the client's.
    case serverTokenCountsDiffer(caseIndex: Int, tokens: String, server: Int, client: Int)
    /// Some of a case's server figures could not be read (`ServerCaseFigures.notes`).
    case serverFiguresIncomplete(caseIndex: Int, reason: String)
    /// A `server_metrics.url` could not be read before measuring; it is not read in this run.
    case serverMetricsUnavailable(url: String, reason: String)
    /// A metrics URL failed during a case (said once per URL and case).
    case serverMetricsScrapeFailed(url: String, caseIndex: Int, reason: String)
    /// The server metrics file could not be written; the other files are complete.
    case serverMetricsNotWritten(path: String, reason: String)
    /// The live folder's snapshot could not be written (said once); the run goes on.
    case liveSnapshotNotWritten(path: String, reason: String)
    /// A case began without the shards that had not arrived when its wait for them ended.
    case shardsMissing(caseIndex: Int, shards: [Int], count: Int)
    /// This shard began a case well after the common start: the others had begun without it, or
    /// `--start-at` had passed.
    case shardStartedLate(caseIndex: Int, lateSeconds: Double)

    /// The warning of a case whose streams arrived in one burst, or nil.
    static func bufferedStreams(in summary: CaseSummary) -> BenchmarkWarning? {
        guard summary.bufferedStreams > 0 else { return nil }
        return .bufferedStreams(
            caseIndex: summary.caseIndex,
            buffered: summary.bufferedStreams,
            streams: summary.successfulRequests
        )
    }

    /// The sentence shown after `warning: `.
    public var description: String {
        switch self {
        case .ineffectiveSetting(let setting):
            setting + "."
        case .certificateNotChecked:
            "tls_insecure is on: the server's TLS certificate is not checked."
        case .modelNotListed(let model, let served):
            "the server does not list '\(model)' among its models (\(served.joined(separator: ", "))) but accepts it."
        case .modelListMissing(let basePath, let generationPath):
            "GET \(basePath)/models answered 404, but \(generationPath) answers; going on."
        case .modelListFailed(let basePath, let status, let message):
            "GET \(basePath)/models answered HTTP \(status) (\(message)); going on."
        case .lengthFieldsRejected(let message):
            "the server rejects ignore_eos/min_tokens (\(message)); outputs may end before output_tokens, and requests that do are counted in short_output_requests."
        case .unverifiedPromptLengths:
            "the server reports no prompt length (no /tokenize, no usage.prompt_tokens): prompt lengths are unverified. Each prompt is kept as the server wrote it, its length the tokens the server streamed (words of text it did not write); results say prompt_tokens_source: unverified."
        case .identicalPrompts(let workload, let distinct, let prompts):
            "\(workload): only \(distinct) of \(prompts) prompts are distinct (the server wrote the same text for different topics), so a prefix cache can serve one request from another's prompt although prompt_reuse is unique. Set prompt_source: corpus for distinct prompts."
        case .sessionTemplateUnmeasured(let workload):
            "\(workload): the prompt template's tokens per turn could not be measured (the probe failed or the server reports no usage), so each turn's input_tokens is the sum of its parts and may differ from input_tokens_server by them."
        case .traceRowsSkipped(let path, let rows, let firstLine):
            "trace '\(path)': \(rows) row(s) ask for 0 prompt or 0 output tokens (the first at line \(firstLine); BurstGPT writes its failed requests so) and are not replayed."
        case .connectionsNotOpened(let failed, let count, let first):
            "\(failed) of \(count) connections could not be opened before timing (\(first)); those requests will connect when they run."
        case .unmeasuredCase(let caseIndex, let point):
            "case \(caseIndex + 1) at \(point) measured no request (its duration ended before a counted request was sent, or every request was warm-up); its row has 0 requests and the exit code is 1."
        case .bufferedStreams(let caseIndex, let buffered, let streams):
            "case \(caseIndex + 1): \(buffered) of \(streams) streams arrived all at once "
                + "(a buffering proxy or server?): their TTFT equals their E2E and TPOT and ITL say nothing of the server."
        case .clientLagged(let caseIndex, let p99, let max, let threshold):
            Self.clientLagText(
                caseIndex: caseIndex,
                p99Milliseconds: p99,
                maxMilliseconds: max,
                thresholdMilliseconds: threshold
            )
        case .eventsReadTogether(let caseIndex, let percent, let lag):
            Self.eventsReadTogetherText(caseIndex: caseIndex, percent: percent, clientLagMaxMilliseconds: lag)
        case .kernelTimestampsUnavailable(let reason):
            "kernel receive timestamps unavailable: \(reason); figures use user-space read times, which include the client's own delay."
        case .reportNotWritten(let path, let reason):
            "the report \(path) was not written (\(reason)); the results, requests and summary files are complete, and `llm-bench report` can make it from them."
        case .serverTokenCountsDiffer(let caseIndex, let tokens, let server, let client):
            "case \(caseIndex + 1): the server counted \(server) \(tokens) tokens, the client \(client) "
                + "(server − client = \(Self.difference(server, client))); failed or cancelled requests, "
                + "or other clients of the server, may explain it (see server_\(tokens)_tokens_diff)."
        case .serverFiguresIncomplete(let caseIndex, let reason):
            "case \(caseIndex + 1): \(reason)."
        case .serverMetricsUnavailable(let url, let reason):
            "the server metrics at \(url) cannot be read (\(reason)), so they are not recorded in this run; check server_metrics.url, or set server_metrics: off."
        case .serverMetricsScrapeFailed(let url, let caseIndex, let reason):
            "case \(caseIndex + 1): reading the server metrics at \(url) failed (\(reason)); the case's server figures may be missing, the benchmark goes on."
        case .serverMetricsNotWritten(let path, let reason):
            "the server metrics file \(path) could not be written (\(reason)); later scrapes are not recorded, the other result files are complete."
        case .liveSnapshotNotWritten(let path, let reason):
            "the live snapshot \(path) could not be written (\(reason)), so `llm-bench live` does not see this shard; the run and its result files are not affected."
        case .shardsMissing(let caseIndex, let shards, let count):
            "case \(caseIndex + 1) began without shard\(shards.count == 1 ? "" : "s") \(shards.map(String.init).joined(separator: ", ")) of \(count), which had not arrived at the --sync folder in time: its load is short of theirs, and later cases wait for them only briefly unless they arrive."
        case .shardStartedLate(let caseIndex, let late):
            "case \(caseIndex + 1) began \(JSONObjectWriter.number((late * 10).rounded() / 10)) s after the common start (the other shards had begun without this one, or --start-at had passed), so its load was not concurrent with theirs; the merge reports it as start skew."
        }
    }
}
