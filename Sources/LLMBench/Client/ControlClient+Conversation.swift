import NIOCore
import NIOHTTP1

extension ControlClient {
    /// An untimed streamed generation of `messages` on the benchmarked endpoint, its body built as
    /// the timed requests' bodies are (so the server counts its prompt as it will count theirs).
    func converse(_ messages: [ConversationMessage], maxTokens: Int, forcesLength: Bool) async throws(RequestFailure)
        -> Answer
    {
        let body = factory.streamingBody(messages: messages, maxTokens: maxTokens, forcesLength: forcesLength)
        return try await send(
            .POST,
            path: factory.generationPath,
            isRootPath: false,
            bytes: Array(body.readableBytesView)
        )
    }
}
