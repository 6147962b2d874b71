extension GenerationRequest {
    /// The prompt's tokens as the prefix cache keys them, in blocks of `blockTokens`: a completion's
    /// token ids; a chat's messages in order, each token marked with its message's role and the
    /// first of each message marked as such (see ``PrefixBlockChain/key(tokenID:role:startsMessage:)``).
    /// Its token count equals the prompt tokens the server reports.
    func promptBlockChain(
        kind: GenerationPlan.Kind,
        blockTokens: Int,
        tokenizer: SimulatedTokenizer
    ) -> PrefixBlockChain {
        var chain = PrefixBlockChain(blockTokens: blockTokens)
        switch kind {
        case .completion:
            switch prompt {
            case .text(let text):
                tokenizer.forEachTokenID(in: text) { chain.append(PrefixBlockChain.key(tokenID: $0)) }
            case .tokens(let tokens):
                for token in tokens { chain.append(PrefixBlockChain.key(tokenID: token)) }
            case .batch, nil:
                break
            }
        case .chat, .responses:
            for message in messages ?? [] {
                let role = PrefixBlockChain.Role(chatRole: message.role)
                var startsMessage = true
                tokenizer.forEachTokenID(in: message.content?.text ?? "") { id in
                    chain.append(PrefixBlockChain.key(tokenID: id, role: role, startsMessage: startsMessage))
                    startsMessage = false
                }
            }
        }
        return chain
    }
}
