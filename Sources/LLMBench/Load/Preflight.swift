import Foundation
import NIOCore
import NIOHTTP1

/// Checks, before anything is measured, that the server answers and knows the model.
struct Preflight {
    let executor: RequestExecutor
    let model: String

    /// Fails with `.unreachable` when the server cannot be used; warns about what may be wrong.
    func check(reporter: ConsoleReporter) async throws(BenchmarkError) {
        let address = executor.address
        let connection: HTTPConnection
        do {
            connection = try await executor.connect()
        } catch {
            throw .unreachable("cannot reach the server at \(address): \(error.message). Check base_url and that the server is running.")
        }
        let head = executor.factory.head(method: .GET, path: "/models", bodyLength: 0)
        let outcome: Result<HTTPExchange, RequestFailure>
        do {
            outcome = .success(
                try await connection.exchange(
                    head: head, body: ByteBuffer(), isStreaming: false, timeouts: executor.timeouts, maxBodyBytes: 8 << 20))
        } catch {
            outcome = .failure(error)
        }
        await connection.close()
        guard case .success(let answer) = outcome else {
            throw .unreachable("the server at \(address) did not answer GET \(address.basePath)/models: \(outcome)")
        }
        switch answer.status {
        case 200:
            let served = Self.modelIDs(in: answer.body)
            if !served.isEmpty, !served.contains(model) {
                reporter.warning("the server lists the models \(served.joined(separator: ", ")) but not '\(model)'; requests may fail.")
            }
        case 401, 403:
            throw .unreachable(
                "the server at \(address) refused the request with HTTP \(answer.status): check api_key (or OPENAI_API_KEY).")
        case 404:
            reporter.warning("GET \(address.basePath)/models answered 404; if requests fail, check that base_url ends with the API root (often /v1).")
        default:
            reporter.warning("GET \(address.basePath)/models answered HTTP \(answer.status); going on.")
        }
    }

    static func modelIDs(in body: ByteBuffer) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
            let data = object["data"] as? [[String: Any]]
        else { return [] }
        return data.compactMap { $0["id"] as? String }
    }
}
