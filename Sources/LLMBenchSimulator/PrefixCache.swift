/// The blocks the simulated server holds, by hash, with least-recently-used eviction at a fixed
/// number of blocks: vLLM's automatic prefix caching reduced to what decides `cached_tokens`.
///
/// As vLLM does, a request's cached tokens are its longest run of leading full blocks found, never
/// the whole prompt (at least its last token is computed, for the logits): only the first
/// `(promptTokens - 1) / blockTokens` blocks may hit. A request's blocks are touched last block
/// first, so a sequence's later blocks are evicted before its earlier ones (vLLM frees a request's
/// blocks in reverse order for the same reason). Unlike vLLM, blocks of running requests are not
/// pinned: the capacity counts cached blocks only, apart from `kv_cache_tokens`.
///
/// O(1) per block: a dictionary from hash to slot and a doubly linked list over the slots.
struct PrefixCache: Sendable {
    let blockTokens: Int
    let capacityBlocks: Int

    private var slots: [UInt64: Int] = [:]
    private var nodes: [Node] = []
    /// The least recently used slot, evicted first; -1 when empty.
    private var oldest: Int = -1
    /// The most recently used slot; -1 when empty.
    private var newest: Int = -1
    /// Blocks evicted so far.
    private(set) var evictions = 0

    private struct Node: Sendable {
        var hash: UInt64
        var older: Int
        var newer: Int
    }

    init(options: PrefixCacheOptions) {
        blockTokens = options.blockTokens
        capacityBlocks = options.capacityBlocks
    }

    /// Blocks held now.
    var count: Int { slots.count }

    /// Whether the block with `hash` is held.
    func contains(_ hash: UInt64) -> Bool {
        slots[hash] != nil
    }

    /// A prompt of `promptTokens` tokens arrives for its prefill: returns its cached tokens and
    /// adds its full blocks (`promptBlocks`, the prompt's chained hashes) to the cache.
    mutating func admit(promptBlocks: [UInt64], promptTokens: Int) -> Int {
        let cached = cachedTokens(promptBlocks: promptBlocks, promptTokens: promptTokens)
        touch(promptBlocks)
        return cached
    }

    /// The prompt tokens found: the leading full blocks held, of those that leave a token to compute.
    func cachedTokens(promptBlocks: [UInt64], promptTokens: Int) -> Int {
        let eligible = min(promptBlocks.count, max(promptTokens - 1, 0) / blockTokens)
        var hits = 0
        while hits < eligible, slots[promptBlocks[hits]] != nil { hits += 1 }
        return hits * blockTokens
    }

    /// Adds or refreshes `blocks`, the last one first, so the first ends most recently used.
    mutating func touch(_ blocks: [UInt64]) {
        for hash in blocks.reversed() { touch(hash) }
    }

    private mutating func touch(_ hash: UInt64) {
        if let slot = slots[hash] {
            unlink(slot)
            link(slot)
            return
        }
        let slot: Int
        if nodes.count < capacityBlocks {
            slot = nodes.count
            nodes.append(Node(hash: hash, older: -1, newer: -1))
        } else {
            slot = oldest
            unlink(slot)
            slots[nodes[slot].hash] = nil
            evictions += 1
            nodes[slot].hash = hash
        }
        slots[hash] = slot
        link(slot)
    }

    /// Makes `slot` the newest.
    private mutating func link(_ slot: Int) {
        nodes[slot].older = newest
        nodes[slot].newer = -1
        if newest >= 0 { nodes[newest].newer = slot } else { oldest = slot }
        newest = slot
    }

    private mutating func unlink(_ slot: Int) {
        let node = nodes[slot]
        if node.older >= 0 { nodes[node.older].newer = node.newer } else { oldest = node.newer }
        if node.newer >= 0 { nodes[node.newer].older = node.older } else { newest = node.older }
    }
}
