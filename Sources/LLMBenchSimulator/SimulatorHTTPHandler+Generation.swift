import Foundation
import LLMBenchSupport
import NIOCore
import NIOHTTP1

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `POST /v1/completions`, `POST /v1/chat/completions` and `POST /v1/responses`: validation, fault
/// decision, then a ``GenerationStream``.
extension SimulatorHTTPHandler {
    /// Why a generation request is refused before it starts.
    struct Rejection: Error {
        var status: HTTPResponseStatus = .badRequest
        var message: String
        var param: String?
        var code: String?
    }

    func startGeneration(
        kind: GenerationPlan.Kind,
        context: ChannelHandlerContext,
        head: HTTPRequestHead,
        body: ByteBuffer,
        receivedNanoseconds: UInt64
    ) {
        let plan: GenerationPlan
        do {
            plan = try makePlan(kind: kind, head: head, body: body, receivedNanoseconds: receivedNanoseconds)
        } catch {
            respondError(
                context: context,
                head: head,
                status: error.status,
                message: error.message,
                param: error.param,
                code: error.code
            )
            return
        }
        let truthIndex = state.beginTruth(plan.initialTruth)
        switch plan.fault {
        case .http500, .http503, .http429:
            recordImmediateFault(plan: plan, truthIndex: truthIndex)
            respondInjectedError(context: context, head: head, plan: plan)
        case .resetBeforeHeaders:
            recordImmediateFault(plan: plan, truthIndex: truthIndex)
            reset(context: context)
        case .closeMidStream, .malformedChunk, .errorEvent, .stall, .slowHeaders, nil:
            let stream = GenerationStream(
                context: context,
                state: state,
                plan: plan,
                truthIndex: truthIndex,
                onEnd: { [weak self] in self?.generation = nil }
            )
            generation = stream
            stream.start()
        }
    }

    private func makePlan(
        kind: GenerationPlan.Kind,
        head: HTTPRequestHead,
        body: ByteBuffer,
        receivedNanoseconds: UInt64
    ) throws(Rejection) -> GenerationPlan {
        let options = state.options
        let request = kind == .responses ? try decodeResponsesRequest(body) : try decodeRequest(body)
        let model = try servedModel(named: request.model)
        let maxTokens = request.maxTokens ?? request.maxCompletionTokens ?? 16
        guard maxTokens >= 1 else {
            throw Rejection(message: "max_tokens must be at least 1, got \(maxTokens).", param: "max_tokens")
        }
        if let minTokens = request.minTokens, minTokens < 0 {
            throw Rejection(message: "min_tokens must not be negative, got \(minTokens).", param: "min_tokens")
        }
        let promptTokens = try countPromptTokens(kind: kind, request: request)

        let arrival = state.registerArrival(isStreaming: request.stream == true)
        let responseID = kind.idPrefix + String(arrival.index + 1)
        var generator = SeededRandom(seed: options.latency.seed, stream: arrival.index)
        let completionTokens = GenerationPlan.completionTokens(
            maxTokens: maxTokens,
            minTokens: min(request.minTokens ?? 0, maxTokens),
            ignoresEOS: request.ignoreEOS == true,
            eosProbability: options.eosProbability,
            using: &generator
        )
        let requestID = head.headers["x-request-id"].first ?? responseID
        var plan = GenerationPlan(
            kind: kind,
            responseID: responseID,
            requestID: requestID,
            model: model,
            promptTokens: promptTokens,
            maxTokens: maxTokens,
            completionTokens: completionTokens,
            isStreaming: request.stream == true,
            includesUsage: request.streamOptions?.includeUsage == true,
            includesUsagePerChunk: request.streamOptions?.continuousUsageStats == true,
            isKeepAlive: head.isKeepAlive && (head.version.minor >= 1 || request.stream != true),
            httpVersion: head.version,
            fault: arrival.fault,
            created: Int(Date().timeIntervalSince1970),
            receivedNanoseconds: receivedNanoseconds,
            arrivalIndex: arrival.index,
            generator: generator,
            previousResponseID: request.conversation?.previousResponseID,
            storedInputTokens: request.conversation?.storedInputTokens
        )
        plan.sessionTurn = SessionTurn(requestID: requestID)
        if options.prefixCache.isEnabled {
            plan.promptBlocks = request.promptBlockChain(
                kind: kind,
                blockTokens: options.prefixCache.blockTokens,
                tokenizer: state.tokenizer
            )
        }
        return plan
    }

    /// The request, with only the fields the server accepts.
    private func decodeRequest(_ body: ByteBuffer) throws(Rejection) -> GenerationRequest {
        let request: GenerationRequest
        do {
            request = try JSONDecoder().decode(GenerationRequest.self, from: Data(body.readableBytesView))
        } catch {
            throw Self.rejection(decoding: error)
        }
        if !state.options.acceptsExtraFields, let field = request.extraFieldNames.first {
            throw Rejection(message: "Unrecognized request argument supplied: \(field)", param: field)
        }
        return request
    }

    /// The model that answers: the one asked for (served, when the server is strict) or the first.
    private func servedModel(named name: String?) throws(Rejection) -> String {
        let options = state.options
        let model = name ?? options.servedModels[0]
        if options.strictModel, !options.servedModels.contains(model) {
            throw Rejection(
                status: .notFound,
                message: "The model `\(model)` does not exist or you do not have access to it.",
                param: "model",
                code: "model_not_found"
            )
        }
        return model
    }

    private func countPromptTokens(kind: GenerationPlan.Kind, request: GenerationRequest) throws(Rejection) -> Int {
        let tokenizer = state.tokenizer
        switch kind {
        case .completion:
            switch request.prompt {
            case .text(let text): return tokenizer.count(text)
            case .tokens(let tokens): return tokens.count
            case .batch(let count):
                throw Rejection(
                    message: "The simulator takes one prompt per request, got a batch of \(count).",
                    param: "prompt"
                )
            case nil:
                throw Rejection(message: "'prompt' is a required property.", param: "prompt")
            }
        case .chat:
            guard let messages = request.messages, !messages.isEmpty else {
                throw Rejection(message: "'messages' is a required property and must not be empty.", param: "messages")
            }
            return messages.reduce(0) { $0 + tokenizer.count($1.content?.text ?? "") }
        case .responses:
            return request.conversation?.promptTokens ?? 0
        }
    }

    static func rejection(decoding error: any Error) -> Rejection {
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let param = context.codingPath.map(\.stringValue).joined(separator: ".")
            return Rejection(message: "Invalid type for '\(param)': \(context.debugDescription)", param: param)
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            let param = context.codingPath.map(\.stringValue).joined(separator: ".")
            return Rejection(message: "Invalid value for '\(param)': \(context.debugDescription)", param: param)
        default:
            return Rejection(
                message: "We could not parse the JSON body of your request. Send a JSON object with "
                    + "Content-Type: application/json."
            )
        }
    }

    private func recordImmediateFault(plan: GenerationPlan, truthIndex: Int?) {
        var truth = plan.initialTruth
        truth.outcome = "fault"
        truth.endedNanoseconds = NIODeadline.now().uptimeNanoseconds
        state.updateTruth(at: truthIndex, truth)
        state.recordOutcome(completed: false, disconnected: false, tokens: 0, lateness: 0)
    }

    private func respondInjectedError(context: ChannelHandlerContext, head: HTTPRequestHead, plan: GenerationPlan) {
        var headers = [("x-request-id", plan.requestID)]
        let status: HTTPResponseStatus
        let body: String
        switch plan.fault {
        case .http429:
            status = .tooManyRequests
            headers.append(("retry-after", String(state.options.faults.retryAfterSeconds)))
            body = JSONText.error(
                message: echoed(
                    "Simulated rate limit; retry after \(state.options.faults.retryAfterSeconds) s.",
                    head: head
                ),
                type: "rate_limit_error",
                code: "rate_limit_exceeded"
            )
        case .http503:
            status = .serviceUnavailable
            body = JSONText.error(
                message: echoed("Simulated overload; the server is unavailable.", head: head),
                type: "server_error"
            )
        default:
            status = .internalServerError
            body = JSONText.error(message: echoed("Simulated internal server error.", head: head), type: "server_error")
        }
        ResponseWriter(context: context, answering: head).writeJSON(status: status, body: body, extraHeaders: headers)
    }

    /// Closes the connection with SO_LINGER 0, so the peer sees a reset and no response.
    private func reset(context: ChannelHandlerContext) {
        guard let provider = context.channel as? any SocketOptionProvider else {
            context.close(promise: nil)
            return
        }
        provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
