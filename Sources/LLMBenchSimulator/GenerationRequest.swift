/// The fields of a `/v1/completions` or `/v1/chat/completions` body the simulator reads; others are ignored.
struct GenerationRequest: Decodable, Sendable {
    var model: String?
    var prompt: Prompt?
    var messages: [ChatMessage]?
    var maxTokens: Int?
    var maxCompletionTokens: Int?
    var stream: Bool?
    var streamOptions: StreamOptions?
    var ignoreEOS: Bool?
    var minTokens: Int?
    /// Whether `ignore_eos` or `min_tokens` appear at all (OpenAI rejects them).
    var extraFieldNames: [String] = []
    /// A Responses API request's conversation; nil for completions and chat.
    var conversation: ResponsesConversation?

    /// A completion prompt: text, token ids, or a batch of one of them.
    enum Prompt: Decodable, Sendable {
        case text(String)
        case tokens([Int])
        case batch(Int)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let tokens = try? container.decode([Int].self) {
                self = .tokens(tokens)
            } else if let texts = try? container.decode([String].self) {
                self = texts.count == 1 ? .text(texts[0]) : .batch(texts.count)
            } else if let batches = try? container.decode([[Int]].self) {
                self = batches.count == 1 ? .tokens(batches[0]) : .batch(batches.count)
            } else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "prompt must be a string, an array of one string, or token ids"
                )
            }
        }
    }

    struct ChatMessage: Decodable, Sendable {
        var role: String?
        var content: Content?

        /// Message content: text, or parts of which the `text` ones count.
        enum Content: Decodable, Sendable {
            case text(String)
            case parts([Part])

            struct Part: Decodable, Sendable {
                var type: String?
                var text: String?
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let text = try? container.decode(String.self) {
                    self = .text(text)
                } else {
                    self = .parts(try container.decode([Part].self))
                }
            }

            var text: String { text(ofPartTypes: nil) }

            /// Its text: of parts, those of `types` (every part with a text when nil), joined by line breaks.
            func text(ofPartTypes types: Set<String>?) -> String {
                switch self {
                case .text(let text): text
                case .parts(let parts):
                    parts.filter { part in types.map { part.type.map($0.contains) ?? false } ?? true }
                        .compactMap(\.text).joined(separator: "\n")
                }
            }
        }
    }

    struct StreamOptions: Decodable, Sendable {
        var includeUsage: Bool?
        var continuousUsageStats: Bool?

        enum CodingKeys: String, CodingKey {
            case includeUsage = "include_usage"
            case continuousUsageStats = "continuous_usage_stats"
        }
    }

    enum CodingKeys: String, CodingKey {
        case model, prompt, messages, stream
        case maxTokens = "max_tokens"
        case maxCompletionTokens = "max_completion_tokens"
        case streamOptions = "stream_options"
        case ignoreEOS = "ignore_eos"
        case minTokens = "min_tokens"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decodeIfPresent(String.self, forKey: .model)
        prompt = try container.decodeIfPresent(Prompt.self, forKey: .prompt)
        messages = try container.decodeIfPresent([ChatMessage].self, forKey: .messages)
        maxTokens = try container.decodeIfPresent(Int.self, forKey: .maxTokens)
        maxCompletionTokens = try container.decodeIfPresent(Int.self, forKey: .maxCompletionTokens)
        stream = try container.decodeIfPresent(Bool.self, forKey: .stream)
        streamOptions = try container.decodeIfPresent(StreamOptions.self, forKey: .streamOptions)
        ignoreEOS = try container.decodeIfPresent(Bool.self, forKey: .ignoreEOS)
        minTokens = try container.decodeIfPresent(Int.self, forKey: .minTokens)
        extraFieldNames = [CodingKeys.ignoreEOS, .minTokens].filter(container.contains).map(\.rawValue)
    }
}
