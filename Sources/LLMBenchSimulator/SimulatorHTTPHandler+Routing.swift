import Foundation
import LLMBenchSupport
import NIOCore
import NIOHTTP1

extension SimulatorHTTPHandler {
    /// Dispatches one complete request by path and method.
    func route(context: ChannelHandlerContext, head: HTTPRequestHead, body: ByteBuffer, receivedNanoseconds: UInt64) {
        let (path, query) = Self.split(uri: head.uri)
        switch path {
        case "/health", "/v1/health":
            guard allow(.GET, context: context, head: head) else { return }
            ResponseWriter(context: context, answering: head).writeJSON(status: .ok, body: "{\"status\":\"ok\"}")
        case "/v1/models":
            guard allow(.GET, context: context, head: head), authorize(context: context, head: head) else { return }
            ResponseWriter(context: context, answering: head).writeJSON(status: .ok, body: modelsBody())
        case "/v1/completions", "/v1/chat/completions", "/v1/responses":
            guard allow(.POST, context: context, head: head), authorize(context: context, head: head) else { return }
            startGeneration(
                kind: GenerationPlan.Kind(path: path) ?? .chat,
                context: context,
                head: head,
                body: body,
                receivedNanoseconds: receivedNanoseconds
            )
        case "/tokenize", "/detokenize":
            guard state.options.tokenizeEndpoints else {
                respondNotFound(context: context, head: head, path: path)
                return
            }
            guard allow(.POST, context: context, head: head), authorize(context: context, head: head) else { return }
            if path == "/tokenize" {
                tokenize(context: context, head: head, body: body)
            } else {
                detokenize(context: context, head: head, body: body)
            }
        case "/metrics":
            guard allow(.GET, context: context, head: head) else { return }
            ResponseWriter(context: context, answering: head).write(
                status: .ok,
                contentType: SimulatorMetrics.contentType,
                body: state.metricsExposition()
            )
        case "/sim/stats":
            guard allow(.GET, context: context, head: head) else { return }
            ResponseWriter(context: context, answering: head).writeJSON(status: .ok, body: Self.encode(state.stats()))
        case "/sim/truth":
            guard allow(.GET, context: context, head: head) else { return }
            let since = Self.queryValue("since", in: query).flatMap { Int($0) } ?? 0
            ResponseWriter(context: context, answering: head).writeJSON(
                status: .ok,
                body: Self.encode(state.truths(since: since))
            )
        default:
            respondNotFound(context: context, head: head, path: path)
        }
    }

    private func allow(_ method: HTTPMethod, context: ChannelHandlerContext, head: HTTPRequestHead) -> Bool {
        guard head.method != method else { return true }
        respondError(
            context: context,
            head: head,
            status: .methodNotAllowed,
            message: "Method \(head.method.rawValue) is not allowed here; use \(method.rawValue).",
            extraHeaders: [("allow", method.rawValue)]
        )
        return false
    }

    /// Checks `Authorization: Bearer <apiKey>` when the server has a key.
    private func authorize(context: ChannelHandlerContext, head: HTTPRequestHead) -> Bool {
        guard let key = state.options.apiKey else { return true }
        if head.headers["authorization"].contains("Bearer \(key)") { return true }
        respondError(
            context: context,
            head: head,
            status: .unauthorized,
            message: "Incorrect API key provided. Send it as `Authorization: Bearer <key>`.",
            code: "invalid_api_key"
        )
        return false
    }

    private func respondNotFound(context: ChannelHandlerContext, head: HTTPRequestHead, path: String) {
        respondError(context: context, head: head, status: .notFound, message: "There is no endpoint \(path).")
    }

    private func modelsBody() -> String {
        let entries = state.options.servedModels.map { model in
            "{\"id\":\(JSONString.quoted(model)),\"object\":\"model\",\"created\":\(state.startedUnixSeconds),"
                + "\"owned_by\":\"llm-bench\",\"max_model_len\":\(SimulatorOptions.maxModelLength)}"
        }
        return "{\"object\":\"list\",\"data\":[\(entries.joined(separator: ","))]}"
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    static func split(uri: String) -> (path: String, query: Substring) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri, "") }
        return (String(uri[..<mark]), uri[uri.index(after: mark)...])
    }

    static func queryValue(_ name: String, in query: Substring) -> Substring? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first == Substring(name) { return parts.count > 1 ? parts[1] : "" }
        }
        return nil
    }
}
