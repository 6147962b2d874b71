/// The simulated prefix cache, modelled on vLLM's automatic prefix caching: a prompt's tokens in
/// fixed blocks, each known by the hash of its tokens and of all the tokens before it; a request
/// reuses the longest run of leading full blocks already cached and prefills only the rest.
public struct PrefixCacheOptions: Sendable, Equatable {
    /// Whether prompts are looked up in and added to the cache (on by default).
    public var isEnabled: Bool
    /// Tokens per block (vLLM's `--block-size`, 16 by default).
    public var blockTokens: Int
    /// The cache's capacity in tokens (a whole number of blocks is kept); the least recently used
    /// blocks go first. 1,048,576 by default.
    public var capacityTokens: Int

    /// Creates the options; the defaults are on, blocks of 16 tokens, 1,048,576 tokens.
    public init(isEnabled: Bool = true, blockTokens: Int = 16, capacityTokens: Int = 1_048_576) {
        self.isEnabled = isEnabled
        self.blockTokens = blockTokens
        self.capacityTokens = capacityTokens
    }

    /// No prefix cache: every prompt is prefilled whole and `cached_tokens` is 0.
    public static let off = PrefixCacheOptions(isEnabled: false)

    /// Whole blocks the cache keeps.
    var capacityBlocks: Int { capacityTokens / max(blockTokens, 1) }
}

extension PrefixCacheOptions {
    func validate() throws(SimulatorError) {
        if blockTokens < 1 {
            throw .invalidOption(
                name: "prefixCache.blockTokens",
                value: "\(blockTokens)",
                reason: "it must be at least 1"
            )
        }
        if capacityTokens < blockTokens {
            throw .invalidOption(
                name: "prefixCache.capacityTokens",
                value: "\(capacityTokens)",
                reason: "it must hold at least one block of \(blockTokens) tokens"
            )
        }
    }
}
