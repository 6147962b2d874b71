import LLMBenchSimulator
import NIOPosix

@testable import LLMBench

/// A request executor aimed at a simulated server, for tests of the engine's parts.
func makeExecutor(for server: SimulatedServer, model: String = "llm-bench-sim") -> RequestExecutor {
    let address = ServerAddress(parsing: server.baseURL)!
    return RequestExecutor(
        connector: ServerConnector(address: address, group: MultiThreadedEventLoopGroup.singleton, tls: nil),
        factory: RequestFactory(address: address, apiKey: nil, extraHeaders: [:], model: model),
        retry: RetryPolicy(),
        timeouts: RequestTimeouts(),
        maxBodyBytes: 4 << 20
    )
}

/// The default corpus of the repository.
func repositoryCorpus() throws -> Corpus {
    try Corpus.load(name: packageRoot + "/input.txt", configPath: packageRoot + "/configs/demo.yaml")
}
