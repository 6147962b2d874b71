import LLMBenchSimulator
import NIOPosix

@testable import LLMBench

/// A request executor aimed at a simulated server, for tests of the engine's parts.
func makeExecutor(for server: SimulatedServer, model: String = "llm-bench-sim") -> RequestExecutor {
    let address = ServerAddress(parsing: server.baseURL)!
    return RequestExecutor(
        connector: ServerConnector(address: address, group: ClientEventLoops.shared, tls: nil),
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

/// A prompt preparer against `server`, with the client it sends through (close it after).
func makePromptPreparer(
    server: SimulatedServer,
    source: PromptSourceSetting = .generate
) async throws -> (PromptPreparer, ControlClient) {
    let executor = makeExecutor(for: server)
    let client = ControlClient(connector: executor.connector, factory: executor.factory)
    let tokenizer = await ServerTokenizer.detect(client: client, model: "llm-bench-sim")
    let preparer = PromptPreparer(
        client: client,
        tokenizer: tokenizer,
        corpus: try repositoryCorpus(),
        model: "llm-bench-sim",
        source: source,
        lengthControl: OutputLengthControl(sendsLengthFields: true)
    )
    return (preparer, client)
}
