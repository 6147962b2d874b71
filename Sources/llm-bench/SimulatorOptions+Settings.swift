import LLMBench
import LLMBenchSimulator

extension SimulatorOptions {
    /// The simulator's options for the settings of a config's `simulator:` section (or of
    /// `llm-bench simulate`'s flags); everything else keeps its default.
    init(_ settings: EmbeddedSimulatorSettings) {
        self.init()
        latency =
            settings.isDeterministic
            ? .deterministic(
                timeToFirstTokenMilliseconds: settings.timeToFirstTokenMilliseconds,
                interTokenMilliseconds: settings.interTokenMilliseconds
            )
            : LatencyModel(
                baseTimeToFirstTokenMilliseconds: settings.timeToFirstTokenMilliseconds,
                prefillTokensPerSecond: settings.prefillTokensPerSecond,
                interTokenMilliseconds: settings.interTokenMilliseconds,
                interTokenMillisecondsPerActiveSequence: settings.interTokenMillisecondsPerSequence,
                maxConcurrentSequences: settings.maxSequences,
                jitterFraction: settings.jitter,
                seed: settings.seed
            )
        tokensPerEvent = settings.tokensPerEvent
        tokenizeEndpoints = settings.tokenizeEndpoints
        eventLoopThreads = settings.threads
        serverTimings = settings.serverTimings
        kvCacheCapacityTokens = settings.kvCacheTokens
        prefixCache = PrefixCacheOptions(
            isEnabled: settings.prefixCache,
            blockTokens: settings.prefixCacheBlockTokens,
            capacityTokens: settings.prefixCacheTokens
        )
    }
}
