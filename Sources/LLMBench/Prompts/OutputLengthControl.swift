import NIOHTTP1

/// The request fields that make a server produce exactly `max_tokens` tokens, when it accepts them.
struct OutputLengthControl: Sendable, Equatable {
    /// Send `ignore_eos: true` and `min_tokens` with every request.
    var sendsLengthFields: Bool

    /// The fields to add to a request asking for `tokens` tokens.
    func fields(tokens: Int) -> [String: Any] {
        sendsLengthFields ? ["ignore_eos": true, "min_tokens": tokens] : [:]
    }

    /// Asks the server whether it accepts `ignore_eos` and `min_tokens`: a request with them that is
    /// rejected (400 or 422) but accepted without them means they must be left out.
    static func probe(client: ControlClient, model: String, api: APIKind, isWanted: Bool) async -> (
        OutputLengthControl, BenchmarkWarning?
    ) {
        guard isWanted else { return (OutputLengthControl(sendsLengthFields: false), nil) }
        let tokens = max(2, api.fewestProbeTokens)
        let fields: [String: Any] = ["ignore_eos": true, "min_tokens": tokens]
        guard
            let answer = try? await client.generate(
                api: api,
                model: model,
                text: "Xin chào",
                maxTokens: tokens,
                extraFields: fields
            )
        else {
            return (OutputLengthControl(sendsLengthFields: true), nil)
        }
        if answer.status == 400 || answer.status == 422 {
            if let plain = try? await client.generate(api: api, model: model, text: "Xin chào", maxTokens: tokens),
                plain.status == 200
            {
                return (
                    OutputLengthControl(sendsLengthFields: false),
                    .lengthFieldsRejected(serverMessage: answer.message)
                )
            }
        }
        return (OutputLengthControl(sendsLengthFields: true), nil)
    }
}
