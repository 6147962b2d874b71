import LLMBenchSimulator
import Testing

@testable import LLMBench

/// The config's `simulator:` section, plain values the command line maps to the simulator's options.
struct EmbeddedSimulatorSettingsTests {
    /// The config's plain settings and the simulator's options agree on every default.
    @Test func theEmbeddedSimulatorSettingsKeepTheSimulatorsDefaults() {
        let settings = EmbeddedSimulatorSettings()
        let options = SimulatorOptions()
        let latency = options.latency
        #expect(settings.timeToFirstTokenMilliseconds == latency.baseTimeToFirstTokenMilliseconds)
        #expect(settings.prefillTokensPerSecond == latency.prefillTokensPerSecond)
        #expect(settings.interTokenMilliseconds == latency.interTokenMilliseconds)
        #expect(settings.interTokenMillisecondsPerSequence == latency.interTokenMillisecondsPerActiveSequence)
        #expect(settings.maxSequences == latency.maxConcurrentSequences)
        #expect(settings.jitter == latency.jitterFraction)
        #expect(settings.seed == latency.seed)
        #expect(settings.tokensPerEvent == options.tokensPerEvent)
        #expect(settings.tokenizeEndpoints == options.tokenizeEndpoints)
        #expect(settings.threads == options.eventLoopThreads)
        #expect(settings.serverTimings == options.serverTimings)
        #expect(settings.kvCacheTokens == options.kvCacheCapacityTokens)
        #expect(settings.prefixCache == options.prefixCache.isEnabled)
        #expect(settings.prefixCacheBlockTokens == options.prefixCache.blockTokens)
        #expect(settings.prefixCacheTokens == options.prefixCache.capacityTokens)
        #expect(BenchmarkConfig().model == options.servedModels.first)
    }
}
