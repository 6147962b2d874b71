import Synchronization

/// The prefix cache's two moments in a request: admission (look up, then add the prompt's blocks)
/// and the end (add the answer's blocks, refresh them all). One lock each, none per token.
extension SimulatorState {
    /// The cached tokens of a prompt starting its prefill; its blocks enter the cache now, so a
    /// request admitted while it prefills shares them (vLLM caches a request's full blocks when it
    /// schedules them). 0 without blocks (the cache is off).
    func admitPrefix(_ blocks: PrefixBlockChain?, promptTokens: Int) -> Int {
        guard let blocks else { return 0 }
        return prefixCache.withLock { $0.admit(promptBlocks: blocks.hashes, promptTokens: promptTokens) }
    }

    /// A request that ran ended: its blocks, the generated ones included, are added or refreshed.
    func releasePrefix(_ blocks: PrefixBlockChain?) {
        guard let blocks else { return }
        prefixCache.withLock { $0.touch(blocks.hashes) }
    }
}
