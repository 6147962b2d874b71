import ArgumentParser
import Dispatch
import Foundation
import LLMBench
import LLMBenchSimulator

/// `llm-bench simulate`: runs the simulated OpenAI-compatible server standalone.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the simulated OpenAI-compatible server until Ctrl-C, for any client to benchmark.",
        discussion: """
            Serves POST /v1/completions and /v1/chat/completions (streamed or not), GET /v1/models, GET /health, \
            POST /tokenize and /detokenize, GET /metrics (Prometheus text in vLLM's names, from the simulator's \
            truth), and the simulator's own truth: GET /sim/stats and GET /sim/truth (when each token event was \
            written, on the machine's monotonic clock). A prefix cache as vLLM's (on by default) prefills only the \
            prompt tokens not already cached and reports the others as cached_tokens.
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: "Port to listen on (0 picks a free one).")
    var port = 8000

    @Option(
        name: .customLong("ttft-ms"),
        parsing: .unconditional,
        help: "Base time to first token, before queueing and prefill (ms)."
    )
    var timeToFirstTokenMilliseconds: Double?

    @Option(
        name: .customLong("prefill-tps"),
        parsing: .unconditional,
        help: "Prefill speed (prompt tokens per second)."
    )
    var prefillTokensPerSecond: Double?

    @Option(
        name: .customLong("itl-ms"),
        parsing: .unconditional,
        help: "Time between tokens with one sequence decoding (ms)."
    )
    var interTokenMilliseconds: Double?

    @Option(
        name: .customLong("itl-per-sequence-ms"),
        parsing: .unconditional,
        help: "Added to the time between tokens per other sequence decoding (ms)."
    )
    var interTokenMillisecondsPerSequence: Double?

    @Option(
        name: .customLong("max-sequences"),
        parsing: .unconditional,
        help: "Sequences decoded at once; more wait in a FIFO queue."
    )
    var maxSequences: Int?

    @Option(parsing: .unconditional, help: "Relative random jitter of every delay, 0 to 1.")
    var jitter: Double?

    @Option(parsing: .unconditional, help: "Seed of the jitter and the generated text.")
    var seed: Int?

    @Flag(help: "No jitter, no load dependence, no prefill cost: fixed TTFT and time between tokens.")
    var deterministic = false

    @Flag(help: "Write tokens as fast as possible (no delays).")
    var instant = false

    @Option(
        name: .customLong("tokens-per-event"),
        parsing: .unconditional,
        help: "Tokens packed into one stream event."
    )
    var tokensPerEvent = 1

    @Option(parsing: .unconditional, help: "Event-loop threads serving connections.")
    var threads = 1

    @Flag(name: .customLong("no-tokenize"), help: "Turn off /tokenize and /detokenize.")
    var noTokenize = false

    @Flag(
        name: .customLong("server-timings"),
        help: "Add llama.cpp's 'timings' object (prefill and decode times) to the last chunk and to whole answers."
    )
    var serverTimings = false

    @Option(
        name: .customLong("kv-cache-tokens"),
        parsing: .unconditional,
        help: "KV-cache capacity in tokens that /metrics' vllm:kv_cache_usage_perc is a fraction of."
    )
    var kvCacheTokens: Int?

    @Flag(
        name: .customLong("no-prefix-cache"),
        help: "Turn off the prefix cache: every prompt is prefilled whole and cached_tokens is 0."
    )
    var noPrefixCache = false

    @Option(
        name: .customLong("prefix-cache-block"),
        parsing: .unconditional,
        help: "Tokens per prefix-cache block (default 16)."
    )
    var prefixCacheBlockTokens: Int?

    @Option(
        name: .customLong("prefix-cache-tokens"),
        parsing: .unconditional,
        help: "Prefix-cache capacity in tokens; the least recently used blocks go first (default 1048576)."
    )
    var prefixCacheTokens: Int?

    @Option(name: .customLong("api-key"), help: "Require this bearer key.")
    var apiKey: String?

    @Option(name: .customLong("tls-cert"), help: "Serve HTTPS with this PEM certificate chain (with --tls-key).")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(
        name: .customLong("fault"),
        help: "Inject a fault: NAME=PROBABILITY, e.g. http503=0.05 (repeatable; see README)."
    )
    var faults: [String] = []

    func validate() throws {
        _ = try makeOptions()
    }

    func run() async throws {
        let server = try await SimulatedServer.start(options: try makeOptions())
        FileHandle.standardError.write(
            Data("Simulated OpenAI-compatible server on \(server.baseURL) (Ctrl-C stops it).\n".utf8)
        )
        await SignalWaiter.waitForInterrupt()
        try await server.shutdown()
    }

    /// The simulator's options from the flags, checked.
    private func makeOptions() throws -> SimulatorOptions {
        if let seed, seed < 0 {
            throw ValidationError("'--seed' is \(seed), but it must be a whole number of 0 or more.")
        }
        var settings = EmbeddedSimulatorSettings()
        if let value = timeToFirstTokenMilliseconds { settings.timeToFirstTokenMilliseconds = value }
        if let value = prefillTokensPerSecond { settings.prefillTokensPerSecond = value }
        if let value = interTokenMilliseconds { settings.interTokenMilliseconds = value }
        if let value = interTokenMillisecondsPerSequence { settings.interTokenMillisecondsPerSequence = value }
        if let value = maxSequences { settings.maxSequences = value }
        if let value = jitter { settings.jitter = value }
        if let value = seed { settings.seed = UInt64(value) }
        settings.isDeterministic = deterministic
        settings.tokensPerEvent = tokensPerEvent
        settings.threads = threads
        settings.tokenizeEndpoints = !noTokenize
        settings.serverTimings = serverTimings
        if let value = kvCacheTokens { settings.kvCacheTokens = value }
        settings.prefixCache = !noPrefixCache
        if let value = prefixCacheBlockTokens { settings.prefixCacheBlockTokens = value }
        if let value = prefixCacheTokens { settings.prefixCacheTokens = value }
        var options = SimulatorOptions(settings)
        options.host = host
        options.port = port
        if instant { options.latency = .instant }
        options.apiKey = apiKey
        options.faults = try FaultOption.parse(faults, seed: seed.map(UInt64.init))
        switch (tlsCertificate, tlsKey) {
        case (let certificate?, let key?):
            options.tls = SimulatorOptions.TLSFiles(certificateChainPath: certificate, privateKeyPath: key)
        case (nil, nil):
            break
        default:
            throw ValidationError("--tls-cert and --tls-key go together.")
        }
        do {
            try options.validate()
        } catch {
            throw ValidationError("\(error)")
        }
        return options
    }
}
