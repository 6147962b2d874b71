import Foundation
import Testing

@testable import LLMBenchSimulator

/// The prefix cache alone: block arithmetic as vLLM's, LRU eviction, the keys of chat roles, and
/// the prefill the latency model schedules for the tokens not cached.
struct PrefixCacheTests {
    /// The chain of `count` tokens numbered from `first` (distinct numbers are distinct tokens).
    private func chain(_ count: Int, from first: Int = 0, blockTokens: Int = 16) -> PrefixBlockChain {
        var chain = PrefixBlockChain(blockTokens: blockTokens)
        for token in first..<(first + count) { chain.append(PrefixBlockChain.key(tokenID: token)) }
        return chain
    }

    private func cache(blocks: Int = 1_000, blockTokens: Int = 16) -> PrefixCache {
        PrefixCache(options: PrefixCacheOptions(blockTokens: blockTokens, capacityTokens: blocks * blockTokens))
    }

    @Test func aChainHashesEachFullBlockOnly() {
        #expect(chain(15).hashes.isEmpty)
        #expect(chain(16).hashes.count == 1)
        #expect(chain(47).hashes.count == 2)
        #expect(chain(47).tokenCount == 47)
        #expect(chain(32).hashes == Array(chain(40).hashes.prefix(2)))
    }

    @Test func aBlockHashDependsOnEveryTokenBeforeIt() {
        var changed = PrefixBlockChain(blockTokens: 16)
        changed.append(PrefixBlockChain.key(tokenID: 999))
        for token in 1..<48 { changed.append(PrefixBlockChain.key(tokenID: token)) }
        let original = chain(48)
        #expect(zip(changed.hashes, original.hashes).allSatisfy { $0 != $1 })
    }

    @Test(arguments: [
        // (prompt tokens, cached on the repeat): the leading full blocks that leave a token to compute.
        (1, 0), (16, 0), (17, 16), (32, 16), (33, 32), (48, 32), (49, 48), (100, 96),
    ])
    func aRepeatedPromptHitsItsFullBlocksButNeverItsLastToken(prompt: Int, cached: Int) {
        var cache = cache()
        let blocks = chain(prompt).hashes
        #expect(cache.admit(promptBlocks: blocks, promptTokens: prompt) == 0)
        #expect(cache.admit(promptBlocks: blocks, promptTokens: prompt) == cached)
        #expect(cache.count == prompt / 16)
    }

    @Test func aSharedPrefixHitsUpToTheBlockWhereThePromptsDiffer() {
        var cache = cache()
        _ = cache.admit(promptBlocks: chain(40).hashes, promptTokens: 40)
        // 20 tokens in common, then others: only the first block is shared whole.
        var other = chain(20)
        for token in 1_000..<1_030 { other.append(PrefixBlockChain.key(tokenID: token)) }
        #expect(cache.admit(promptBlocks: other.hashes, promptTokens: 50) == 16)
        // A longer prompt with the same 40 first tokens hits both of their blocks.
        #expect(cache.admit(promptBlocks: chain(70).hashes, promptTokens: 70) == 32)
    }

    @Test func theLeastRecentlyUsedBlocksGoFirstAndASequencesLastBlocksBeforeItsFirst() {
        var cache = cache(blocks: 4)
        let first = chain(48).hashes
        let second = chain(48, from: 500).hashes
        _ = cache.admit(promptBlocks: first, promptTokens: 48)
        _ = cache.admit(promptBlocks: second, promptTokens: 48)
        #expect(cache.count == 4)
        #expect(cache.evictions == 2)
        // The first prompt kept its first block only; the second, all three.
        #expect(first.map(cache.contains) == [true, false, false])
        #expect(second.allSatisfy(cache.contains))
        #expect(cache.cachedTokens(promptBlocks: first, promptTokens: 49) == 16)
        // Touching the first prompt again makes the second's blocks the oldest.
        _ = cache.admit(promptBlocks: first, promptTokens: 48)
        #expect(first.allSatisfy(cache.contains))
        #expect(second.map(cache.contains) == [true, false, false])
    }

    @Test func theCapacityIsAWholeNumberOfBlocks() {
        let options = PrefixCacheOptions(blockTokens: 16, capacityTokens: 40)
        #expect(options.capacityBlocks == 2)
        #expect(throws: SimulatorError.self) { try PrefixCacheOptions(blockTokens: 16, capacityTokens: 15).validate() }
        #expect(throws: SimulatorError.self) { try PrefixCacheOptions(blockTokens: 0).validate() }
        #expect(throws: Never.self) { try PrefixCacheOptions.off.validate() }
    }

    @Test(arguments: [
        "Hà Nội mùa thu, trời trong xanh; người người đi dạo.",
        "  leading and trailing  \n", "abcdefghijklmnopqrstuvwxyz chữ_nghĩa123456789", "🙂 a🙂b", "", " ",
    ])
    func tokenIDsAreThoseOfTokenize(text: String) {
        let tokenizer = SimulatedTokenizer()
        var ids: [Int] = []
        tokenizer.forEachTokenID(in: text) { ids.append($0) }
        #expect(ids == tokenizer.tokenize(text))
        #expect(ids.count == tokenizer.count(text))
    }

    /// The chain of a chat request with `messages`, in blocks of 2 tokens.
    private func chatChain(_ messages: [(role: String, content: String)]) throws -> PrefixBlockChain {
        let body = RequestBodies.chat(messages: messages)
        let request = try JSONDecoder().decode(GenerationRequest.self, from: Data(body.utf8))
        return request.promptBlockChain(kind: .chat, blockTokens: 2, tokenizer: SimulatedTokenizer())
    }

    @Test func chatTokensAreKeyedByTheirMessagesRoleAndStart() throws {
        let user = try chatChain([("user", "một hai ba bốn")])
        #expect(user.tokenCount == 4)
        #expect(user.hashes.count == 2)
        #expect(try chatChain([("user", "một hai ba bốn")]).hashes == user.hashes)
        let system = try chatChain([("system", "một hai ba bốn")])
        #expect(zip(system.hashes, user.hashes).allSatisfy { $0 != $1 })
        // The same words split between two messages are other tokens from the second message on.
        let split = try chatChain([("user", "một hai ba"), ("user", "bốn")])
        #expect(split.hashes.first == user.hashes.first)
        #expect(split.hashes.last != user.hashes.last)
    }

    @Test func aCachedPromptIsScheduledWithThePrefillOfItsUncachedTokensOnly() {
        func firstTokenDeadline(cached: Int) -> GenerationStateMachine.Action {
            var machine = GenerationStateMachine.testing(tokens: 2, promptTokens: 48) {
                $0.latency.prefillTokensPerSecond = 1_000
            }
            let environment = TestEnvironment()
            _ = machine.start(environment)
            let action = machine.admitted(environment, cachedPromptTokens: cached)
            #expect(machine.plan.cachedPromptTokens == cached)
            #expect(machine.truth.cachedTokens == cached)
            return action
        }
        let start = TestEnvironment().nowNanoseconds
        // 10 ms base plus 1 ms per prefilled token.
        #expect(firstTokenDeadline(cached: 0) == .schedule(.at(uptimeNanoseconds: start + ms(58)), flush: false))
        #expect(firstTokenDeadline(cached: 32) == .schedule(.at(uptimeNanoseconds: start + ms(26)), flush: false))
        let model = LatencyModel(baseTimeToFirstTokenMilliseconds: 10, prefillTokensPerSecond: 1_000)
        #expect(model.expectedTimeToFirstTokenMilliseconds(promptTokens: 48, cachedPromptTokens: 32) == 26)
    }

    @Test(arguments: [
        ("llmb-9f3a-c1-s0-r2-i3-t4-a1", SessionTurn(session: 3, turn: 4)),
        ("llmb-9f3a-c12-s3-r1-i0-t1-a2", SessionTurn(session: 0, turn: 1)),
        ("llmb-9f3a-c1-s0-r1-i3-a1", nil),
        ("llmb-9f3a-c1-s0-r1-i3-tx-a1", nil),
        ("cmpl-4", nil),
        ("x-i1-t2-a1", nil),
    ])
    func theSessionAndTurnComeFromAnLLMBenchRequestID(id: String, expected: SessionTurn?) {
        #expect(SessionTurn(requestID: id) == expected)
        var truth = RequestTruth(
            requestID: id,
            path: "/v1/completions",
            promptTokens: 1,
            maxTokens: 1,
            receivedNanoseconds: 0
        )
        truth.place(in: SessionTurn(requestID: id))
        #expect(truth.sessionTurn == expected)
        #expect(truth.session == expected?.session)
        #expect(truth.turn == expected?.turn)
    }
}
