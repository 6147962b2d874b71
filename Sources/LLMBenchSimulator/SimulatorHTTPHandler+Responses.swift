import Foundation
import NIOCore

/// What a Responses API request says of its conversation, beyond a generation request's fields.
struct ResponsesConversation: Sendable {
    /// The stored response this one continues.
    var previousResponseID: String?
    /// The prompt's tokens: the previous conversation's, the instructions' and the input's.
    var promptTokens: Int
    /// The tokens a later turn inherits besides this one's output (the prompt without the
    /// instructions, which OpenAI does not carry over); nil with `store: false`.
    var storedInputTokens: Int?
}

/// `POST /v1/responses`: the request read as a generation request with its conversation.
extension SimulatorHTTPHandler {
    /// The request, with only the fields the server accepts; an unknown `previous_response_id`
    /// is refused as OpenAI refuses it.
    func decodeResponsesRequest(_ body: ByteBuffer) throws(Rejection) -> GenerationRequest {
        let request: ResponsesRequest
        do {
            request = try JSONDecoder().decode(ResponsesRequest.self, from: Data(body.readableBytesView))
        } catch {
            throw Self.rejection(decoding: error)
        }
        if !state.options.acceptsExtraFields, let field = request.extraFieldNames.first {
            throw Rejection(message: "Unrecognized request argument supplied: \(field)", param: field)
        }
        if let maxTokens = request.maxOutputTokens, maxTokens < 1 {
            throw Rejection(
                message: "max_output_tokens must be at least 1, got \(maxTokens).",
                param: "max_output_tokens"
            )
        }
        guard let texts = request.input?.texts else {
            throw Rejection(message: "Missing required parameter: 'input'.", param: "input")
        }
        var history = 0
        if let id = request.previousResponseID {
            guard let tokens = state.responseStore.tokens(of: id) else {
                throw Rejection(
                    message: "Previous response with id '\(id)' not found.",
                    param: "previous_response_id",
                    code: "previous_response_not_found"
                )
            }
            history = tokens
        }
        let tokenizer = state.tokenizer
        let input = texts.reduce(0) { $0 + tokenizer.count($1) }
        let instructions = request.instructions.map(tokenizer.count) ?? 0
        let conversation = ResponsesConversation(
            previousResponseID: request.previousResponseID,
            promptTokens: history + instructions + input,
            storedInputTokens: request.store == false ? nil : history + input
        )
        return GenerationRequest(responses: request, conversation: conversation)
    }
}

extension GenerationRequest {
    /// The generation a Responses request asks for; its messages are the instructions (as a system
    /// message) and the input's, for what reads a prompt's text (its tokens are `conversation`'s).
    init(responses request: ResponsesRequest, conversation: ResponsesConversation) {
        model = request.model
        prompt = nil
        var messages = request.instructions.map { [ChatMessage(role: "system", content: .text($0))] } ?? []
        switch request.input {
        case .text(let text):
            messages.append(ChatMessage(role: "user", content: .text(text)))
        case .items(let items):
            messages += items.map { ChatMessage(role: $0.role, content: $0.text.map { .text($0) }) }
        case nil:
            break
        }
        self.messages = messages
        maxTokens = request.maxOutputTokens
        maxCompletionTokens = nil
        stream = request.stream
        streamOptions = nil
        ignoreEOS = request.ignoreEOS
        minTokens = request.minTokens
        extraFieldNames = request.extraFieldNames
        self.conversation = conversation
    }
}
