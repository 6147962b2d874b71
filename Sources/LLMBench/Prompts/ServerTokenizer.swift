import NIOHTTP1

/// Counts and cuts text with the server's own tokenizer, by the best means the server offers.
///
/// First choice is a tokenize endpoint at the server root (vLLM and SGLang: `{"model","prompt"}`
/// → `tokens`/`count`; llama.cpp: `{"content"}` → `tokens`), with `/detokenize` to cut at an exact
/// token. Without one, the server's `usage.prompt_tokens` of a `max_tokens: 1` request is the count.
/// Special tokens the server adds to every prompt (such as BOS) are measured once, so the lengths
/// here are the prompt lengths the server's `usage` will report. A server that offers neither
/// leaves lengths unverified: the prompts are then kept as written, counted as the server streamed
/// them, as the original tool did.
struct ServerTokenizer: Sendable {
    /// How prompt lengths are measured.
    enum Source: String, Sendable {
        case tokenizeVLLM = "tokenize-vllm"
        case tokenizeLlamaCpp = "tokenize-llamacpp"
        case usage = "usage"
        /// Neither a tokenize endpoint nor `usage.prompt_tokens`: lengths are the tokens the server
        /// streamed while writing a prompt (or words, for text it did not write), not checked.
        case unverified = "unverified"

        /// The results' `prompt_tokens_source`: `tokenize`, `usage` or `unverified`.
        var lengthsSource: String {
            switch self {
            case .tokenizeVLLM, .tokenizeLlamaCpp: "tokenize"
            case .usage: "usage"
            case .unverified: "unverified"
            }
        }
    }

    let client: ControlClient
    let model: String
    /// The endpoint whose `usage` counts (a chat template adds tokens to a prompt).
    let api: APIKind
    let source: Source
    /// Tokens the server adds to every prompt beyond those of its text (`usage` minus tokenize count).
    let specialTokens: Int

    /// Finds the best way to count on this server.
    static func detect(client: ControlClient, model: String, api: APIKind = .completions) async -> ServerTokenizer {
        let probe = "Xin chào, hôm nay trời Hà Nội đẹp."
        var source = Source.usage
        for candidate in [Source.tokenizeVLLM, .tokenizeLlamaCpp] {
            let tokenizer = ServerTokenizer(client: client, model: model, api: api, source: candidate, specialTokens: 0)
            if let tokens = try? await tokenizer.tokenize(probe), !tokens.isEmpty {
                source = candidate
                break
            }
        }
        if source == .usage, !(await reportsPromptTokens(client: client, model: model, api: api, probe: probe)) {
            source = .unverified
        }
        var specialTokens = 0
        if source == .tokenizeVLLM || source == .tokenizeLlamaCpp {
            let tokenizer = ServerTokenizer(client: client, model: model, api: api, source: source, specialTokens: 0)
            if let counted = try? await tokenizer.tokenize(probe).count,
                let reported = try? await tokenizer.usageCount(probe)
            {
                specialTokens = max(0, reported - counted)
            }
        }
        return ServerTokenizer(client: client, model: model, api: api, source: source, specialTokens: specialTokens)
    }

    /// Whether a one-token generation (16 on the Responses API) that succeeds reports its prompt
    /// tokens (`usage.prompt_tokens`, or `usage.input_tokens`); a probe that fails says nothing, so
    /// preparing prompts goes on to report that failure itself.
    private static func reportsPromptTokens(client: ControlClient, model: String, api: APIKind, probe: String)
        async -> Bool
    {
        guard
            let answer = try? await client.generate(
                api: api,
                model: model,
                text: probe,
                maxTokens: api.fewestProbeTokens
            ),
            answer.status == 200
        else { return true }
        return answer.generation?.promptTokens != nil
    }

    /// A length for text whose tokens cannot be counted on this server: its words.
    static func estimate(_ text: String) -> Int {
        max(1, text.split(whereSeparator: \.isWhitespace).count)
    }

    /// The prompt length the server will report for `text`.
    func count(_ text: String) async throws(PromptError) -> Int {
        switch source {
        case .usage: try await usageCount(text)
        case .tokenizeVLLM, .tokenizeLlamaCpp: try await tokenize(text).count + specialTokens
        case .unverified: Self.estimate(text)
        }
    }

    /// The token ids of `text`, without special tokens.
    func tokenize(_ text: String) async throws(PromptError) -> [Int] {
        let body: [String: Any] =
            source == .tokenizeLlamaCpp
            ? ["content": text, "add_special": false]
            : ["model": model, "prompt": text, "add_special_tokens": false]
        let answer = try await call(path: "/tokenize", body: body)
        guard let tokens = answer.decoded(as: TokenizeAnswer.self)?.tokens else {
            throw .server("POST /tokenize answered without a tokens list")
        }
        return tokens.compactMap(\.id)
    }

    /// The text of `tokens`.
    func detokenize(_ tokens: [Int]) async throws(PromptError) -> String {
        let answer = try await call(path: "/detokenize", body: ["model": model, "tokens": tokens])
        guard let decoded = answer.decoded(as: DetokenizeAnswer.self), let text = decoded.prompt ?? decoded.content
        else {
            throw .server("POST /detokenize answered without the text")
        }
        return text
    }

    /// The prompt tokens a one-token generation of `text` on the benchmarked endpoint reports
    /// (`usage.prompt_tokens`, or the Responses API's `usage.input_tokens` of a 16-token one).
    func usageCount(_ text: String) async throws(PromptError) -> Int {
        let answer: ControlClient.Answer
        do {
            answer = try await client.generate(api: api, model: model, text: text, maxTokens: api.fewestProbeTokens)
        } catch {
            throw .server("a length probe failed: \(error)")
        }
        guard answer.status == 200 else {
            throw .server("a length probe answered HTTP \(answer.status): \(answer.message)")
        }
        guard let tokens = answer.generation?.promptTokens else {
            throw .server("a length probe's answer has no usage.prompt_tokens, although the first one had")
        }
        return tokens
    }

    private func call(path: String, body: [String: Any]) async throws(PromptError) -> ControlClient.Answer {
        let answer: ControlClient.Answer
        do {
            answer = try await client.call(.POST, path: path, isRootPath: true, body: body)
        } catch {
            throw .server("POST \(path) failed: \(error)")
        }
        guard answer.status == 200 else {
            throw .server("POST \(path) answered HTTP \(answer.status): \(answer.message)")
        }
        return answer
    }

    /// `/tokenize`'s answer: ids, or objects with an `id` (llama.cpp with `with_pieces`).
    private struct TokenizeAnswer: Decodable {
        struct Token: Decodable {
            var id: Int?

            init(from decoder: any Decoder) throws {
                if let id = try? decoder.singleValueContainer().decode(Int.self) {
                    self.id = id
                } else {
                    self.id = try? decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .id)
                }
            }

            enum CodingKeys: String, CodingKey {
                case id
            }
        }

        var tokens: [Token]
    }

    /// `/detokenize`'s answer: `prompt` (vLLM) or `content` (llama.cpp).
    private struct DetokenizeAnswer: Decodable {
        var prompt: String?
        var content: String?
    }
}
