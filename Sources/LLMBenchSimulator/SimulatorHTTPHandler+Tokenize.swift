import Foundation
import LLMBenchSupport
import NIOCore
import NIOHTTP1

/// `POST /tokenize` and `POST /detokenize` in both vLLM's and llama.cpp's forms.
extension SimulatorHTTPHandler {
    private struct TokenizeRequest: Decodable {
        var prompt: String?
        var content: String?
        var messages: [GenerationRequest.ChatMessage]?
    }

    private struct DetokenizeRequest: Decodable {
        var tokens: [Int]
    }

    /// vLLM `{"prompt"}` (or `{"messages"}`) → `{"count","max_model_len","tokens"}`;
    /// llama.cpp `{"content"}` → `{"tokens"}`.
    func tokenize(context: ChannelHandlerContext, head: HTTPRequestHead, body: ByteBuffer) {
        guard let request = try? JSONDecoder().decode(TokenizeRequest.self, from: Data(body.readableBytesView)) else {
            respondError(
                context: context,
                head: head,
                status: .badRequest,
                message: "The body must be JSON with \"prompt\" (vLLM) or \"content\" (llama.cpp)."
            )
            return
        }
        let tokenizer = state.tokenizer
        if let content = request.content, request.prompt == nil, request.messages == nil {
            let tokens = tokenizer.tokenize(content)
            ResponseWriter(context: context, answering: head).writeJSON(
                status: .ok,
                body: "{\"tokens\":\(JSONText.array(tokens))}"
            )
            return
        }
        let text: String
        if let prompt = request.prompt {
            text = prompt
        } else if let messages = request.messages {
            text = messages.compactMap { $0.content?.text }.joined(separator: "\n")
        } else {
            respondError(
                context: context,
                head: head,
                status: .badRequest,
                message: "Give the text to tokenize as \"prompt\" (vLLM) or \"content\" (llama.cpp).",
                param: "prompt"
            )
            return
        }
        let tokens = tokenizer.tokenize(text)
        ResponseWriter(context: context, answering: head).writeJSON(
            status: .ok,
            body: "{\"count\":\(tokens.count),\"max_model_len\":32768,\"tokens\":\(JSONText.array(tokens))}"
        )
    }

    /// `{"tokens":[…]}` → `{"prompt":…,"content":…}` (vLLM reads `prompt`, llama.cpp `content`).
    func detokenize(context: ChannelHandlerContext, head: HTTPRequestHead, body: ByteBuffer) {
        guard let request = try? JSONDecoder().decode(DetokenizeRequest.self, from: Data(body.readableBytesView)) else {
            respondError(
                context: context,
                head: head,
                status: .badRequest,
                message: "The body must be JSON with \"tokens\", an array of token ids.",
                param: "tokens"
            )
            return
        }
        let text = JSONString.quoted(state.tokenizer.detokenize(request.tokens))
        ResponseWriter(context: context, answering: head).writeJSON(
            status: .ok,
            body: "{\"prompt\":\(text),\"content\":\(text)}"
        )
    }
}
