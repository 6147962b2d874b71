/// The fields of a `/v1/responses` body the simulator reads; others are ignored.
struct ResponsesRequest: Decodable, Sendable {
    var model: String?
    var input: Input?
    var instructions: String?
    var maxOutputTokens: Int?
    var stream: Bool?
    var previousResponseID: String?
    /// Whether the response is kept for a later `previous_response_id` (OpenAI's default: yes).
    var store: Bool?
    var ignoreEOS: Bool?
    var minTokens: Int?
    /// Whether `ignore_eos` or `min_tokens` appear at all (OpenAI rejects them).
    var extraFieldNames: [String] = []

    /// `input`: one text, or a list of items of which the messages count.
    enum Input: Decodable, Sendable {
        case text(String)
        case items([Item])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .items(try container.decode([Item].self))
            }
        }

        /// The texts of the input, one per message.
        var texts: [String] {
            switch self {
            case .text(let text): [text]
            case .items(let items): items.compactMap(\.text)
            }
        }
    }

    /// An input item: a message (`{"role","content"}`, with or without `"type":"message"`); other
    /// items (tool calls and their outputs) carry no content the simulator reads.
    struct Item: Decodable, Sendable {
        var role: String?
        var content: GenerationRequest.ChatMessage.Content?

        /// Its text: of parts, the `input_text` and `output_text` ones.
        var text: String? { content?.text(ofPartTypes: ["input_text", "output_text"]) }
    }

    enum CodingKeys: String, CodingKey {
        case model, input, instructions, stream, store
        case maxOutputTokens = "max_output_tokens"
        case previousResponseID = "previous_response_id"
        case ignoreEOS = "ignore_eos"
        case minTokens = "min_tokens"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decodeIfPresent(String.self, forKey: .model)
        input = try container.decodeIfPresent(Input.self, forKey: .input)
        instructions = try container.decodeIfPresent(String.self, forKey: .instructions)
        maxOutputTokens = try container.decodeIfPresent(Int.self, forKey: .maxOutputTokens)
        stream = try container.decodeIfPresent(Bool.self, forKey: .stream)
        previousResponseID = try container.decodeIfPresent(String.self, forKey: .previousResponseID)
        store = try container.decodeIfPresent(Bool.self, forKey: .store)
        ignoreEOS = try container.decodeIfPresent(Bool.self, forKey: .ignoreEOS)
        minTokens = try container.decodeIfPresent(Int.self, forKey: .minTokens)
        extraFieldNames = [CodingKeys.ignoreEOS, .minTokens].filter(container.contains).map(\.rawValue)
    }
}
