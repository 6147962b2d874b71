import NIOHTTP1

/// Checks, before anything is measured, that the server answers, accepts the key and serves the
/// model; says precisely what is wrong when it does not.
struct Preflight {
    /// The untimed client the checks go through.
    let client: ControlClient
    let model: String

    private var address: ServerAddress { client.connector.address }
    private var factory: RequestFactory { client.factory }

    /// Fails with `.unreachable` when the server cannot be used; warns about what may be wrong.
    func check(emit: BenchmarkObserver) async throws(BenchmarkError) {
        emit(.phaseStarted(.preflight))
        let models = try await call(.GET, "/models")
        switch models.status {
        case 200:
            let served = Self.modelIDs(in: models)
            guard !served.isEmpty, !served.contains(model) else { return }
            let probe = try await generationProbe()
            if probe.status == 200 {
                emit(.warning(.modelNotListed(model: model, served: served)))
                return
            }
            throw .unreachable(
                "the server at \(address) does not serve the model '\(model)' (HTTP \(probe.status): \(probe.message)). "
                    + "It offers: \(served.joined(separator: ", ")). Set model in the config to one of them."
            )
        case 401, 403:
            throw .unreachable(
                "the server at \(address) refused the request with HTTP \(models.status) (\(models.message)): check api_key or OPENAI_API_KEY."
            )
        case 404:
            let probe = try await generationProbe()
            if probe.status == 404 {
                throw .unreachable(
                    "the server at \(address) answered 404 to both GET \(address.basePath)/models and POST \(address.basePath)\(factory.generationPath): "
                        + "base_url must be the API root, which OpenAI-compatible servers usually serve under /v1 (e.g. \(address.rootURL)/v1)."
                )
            }
            emit(.warning(.modelListMissing(basePath: address.basePath, generationPath: factory.generationPath)))
        default:
            emit(.warning(.modelListFailed(basePath: address.basePath, status: models.status, message: models.message)))
        }
    }

    /// A one-token generation request of the benchmarked endpoint.
    private func generationProbe() async throws(BenchmarkError) -> ControlClient.Answer {
        try await call(.POST, factory.generationPath, body: probeBody)
    }

    private var probeBody: [String: Any] {
        let message = [["role": "user", "content": "Xin chào"]]
        switch factory.api {
        case .completions: return ["model": model, "prompt": "Xin chào", "max_tokens": 1]
        case .chat: return ["model": model, "messages": message, "max_tokens": 1]
        case .responses:
            return ["model": model, "input": message, "max_output_tokens": APIKind.responses.fewestProbeTokens]
        }
    }

    private func call(_ method: HTTPMethod, _ path: String, body: [String: Any]? = nil) async throws(BenchmarkError)
        -> ControlClient.Answer
    {
        do {
            return try await client.call(method, path: path, body: body)
        } catch {
            switch error.kind {
            case .connect, .timeoutConnect:
                throw .unreachable(
                    "cannot reach the server at \(address): \(error.message). Check base_url and that the server is running."
                )
            case .tls:
                throw .unreachable(
                    "the TLS connection to \(address) failed: \(error.message). Check the certificate, or set tls_insecure: true for a self-signed one."
                )
            default:
                throw .unreachable(
                    "the server at \(address) did not answer \(method) \(address.basePath)\(path): \(error)"
                )
            }
        }
    }

    /// The model ids of a `GET /models` answer (`{"data": [{"id": …}]}`).
    static func modelIDs(in answer: ControlClient.Answer) -> [String] {
        answer.decoded(as: ModelList.self)?.data.compactMap(\.id) ?? []
    }

    private struct ModelList: Decodable {
        struct Model: Decodable {
            var id: String?
        }

        var data: [Model]
    }
}
