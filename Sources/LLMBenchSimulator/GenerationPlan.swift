import LLMBenchSupport
import NIOHTTP1

/// Everything decided about a generation request when it arrives.
struct GenerationPlan: Sendable {
    enum Kind: Sendable, CaseIterable {
        case completion
        case chat
        /// OpenAI's Responses API.
        case responses

        /// The kind served at `path`.
        init?(path: String) {
            guard let kind = Self.allCases.first(where: { $0.path == path }) else { return nil }
            self = kind
        }

        var path: String {
            switch self {
            case .completion: "/v1/completions"
            case .chat: "/v1/chat/completions"
            case .responses: "/v1/responses"
            }
        }

        var idPrefix: String {
            switch self {
            case .completion: "cmpl-"
            case .chat: "chatcmpl-"
            case .responses: "resp_"
            }
        }
    }

    var kind: Kind
    /// The response id (`cmpl-N`).
    var responseID: String
    /// The `X-Request-Id` header, or the response id.
    var requestID: String
    var model: String
    var promptTokens: Int
    /// Prompt tokens served from the simulated prefix cache (reported as `cached_tokens`), set at admission.
    var cachedPromptTokens = 0
    /// The prompt's blocks for the prefix cache (nil with the cache off); generated tokens are
    /// appended as they come, so the answer's blocks are cached too, as vLLM caches decoded blocks.
    var promptBlocks: PrefixBlockChain?
    /// The request's place in a multi-turn session, from its request id. A server that chains
    /// turns itself (the Responses API's `previous_response_id`) sets it before the truth begins.
    var sessionTurn: SessionTurn?
    var maxTokens: Int
    /// Tokens that will be generated (fewer than `maxTokens` after an EOS).
    var completionTokens: Int
    var isStreaming: Bool
    var includesUsage: Bool
    /// `usage` in every token chunk too (`stream_options.continuous_usage_stats`, as vLLM does).
    var includesUsagePerChunk = false
    var isKeepAlive: Bool
    /// The request's HTTP version, answered in kind (HTTP/1.0 streams end by closing, not chunked).
    var httpVersion: HTTPVersion
    var fault: InjectedFault?
    /// Unix seconds at arrival (`created`).
    var created: Int
    var receivedNanoseconds: UInt64
    /// Arrival index among generation requests; also the admission ticket.
    var arrivalIndex: UInt64
    /// The request's generator for EOS, jitter and words.
    var generator: SeededRandom
    /// The Responses API: the stored response this one continues (`previous_response_id`).
    var previousResponseID: String?
    /// The Responses API: the tokens a later turn inherits from this one besides its output (its
    /// prompt without `instructions`); nil when the response is not stored (`store: false`, or
    /// another API).
    var storedInputTokens: Int?

    /// `stop` after an EOS, else `length`.
    var finishReason: String {
        completionTokens < maxTokens ? "stop" : "length"
    }

    /// Draws where an EOS ends the sequence: after each token `i` with `i >= max(minTokens, 1)`, with
    /// probability `eosProbability`, unless `ignoresEOS`.
    static func completionTokens(
        maxTokens: Int,
        minTokens: Int,
        ignoresEOS: Bool,
        eosProbability: Double,
        using generator: inout SeededRandom
    ) -> Int {
        guard eosProbability > 0, !ignoresEOS else { return maxTokens }
        let first = max(minTokens, 1)
        guard first < maxTokens else { return maxTokens }
        for index in first..<maxTokens where generator.nextUnit() < eosProbability {
            return index
        }
        return maxTokens
    }

    /// The record of this request before its first event.
    var initialTruth: RequestTruth {
        var truth = RequestTruth(
            requestID: requestID,
            path: kind.path,
            promptTokens: promptTokens,
            maxTokens: maxTokens,
            receivedNanoseconds: receivedNanoseconds,
            fault: fault?.rawValue,
            isStreaming: isStreaming
        )
        truth.place(in: sessionTurn)
        truth.previousResponseID = previousResponseID
        return truth
    }
}
