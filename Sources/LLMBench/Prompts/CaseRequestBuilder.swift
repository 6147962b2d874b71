import LLMBenchSupport

/// Turns a case's workload into prepared requests: lengths drawn or listed, prompts made exact
/// (with a shared prefix where asked), a dataset's prompts measured by the server's tokenizer, or a
/// trace's requests.
struct CaseRequestBuilder {
    let library: PromptLibrary
    let configPath: String

    var tokenizer: ServerTokenizer { library.preparer.tokenizer }

    /// What building a case did, for the console.
    struct Outcome: Sendable {
        var requests: [PreparedRequest]
        var fromCache: Int
        /// The trace a trace case read, its requests in the order of `requests`.
        var trace: Trace? = nil

        /// Requests whose prompt text no earlier request of the case has: fewer than the
        /// requests when the server wrote the same text for different topics.
        var distinctPrompts: Int { Set(requests.map(\.prompt.text)).count }
    }

    /// The distinct requests of `benchmarkCase` (`count` of them for drawn lengths; every entry of a
    /// dataset up to its limit); a run sends them in turn.
    func requests(for benchmarkCase: BenchmarkCase, count: Int, random: inout SeededRandom) async throws(PromptError)
        -> Outcome
    {
        let lengths: [LengthPair]
        switch benchmarkCase.workload {
        case .dataset(let path, let format, let limit):
            return Outcome(requests: try await datasetRequests(path: path, format: format, limit: limit), fromCache: 0)
        case .trace(let settings):
            let trace: Trace
            do {
                trace = try Trace.load(settings, configPath: configPath)
            } catch {
                throw .trace(error)
            }
            let builder = TracePromptBuilder(preparer: library.preparer, blockTokens: settings.blockTokens)
            return Outcome(
                requests: try await builder.requests(for: trace, random: &random),
                fromCache: 0,
                trace: trace
            )
        case .lengths(let input, let output):
            lengths = (0..<count).map { _ in
                LengthPair(inputTokens: input.sample(using: &random), outputTokens: output.sample(using: &random))
            }
        case .pairs(let pairs):
            lengths = (0..<max(count, pairs.count)).map { pairs[$0 % pairs.count] }
        case .sessions:
            preconditionFailure("a sessions case is prepared by SessionScriptBuilder")
        }
        if let shared = benchmarkCase.sharedPrefix {
            let prefixes = try await library.prompts(tokens: shared.tokens, count: shared.groups, random: &random)
                .prompts
            var requests: [PreparedRequest] = []
            for (index, pair) in lengths.enumerated() {
                let prefix = prefixes[index % prefixes.count]
                let prompt = try await library.preparer.prepare(
                    tokens: pair.inputTokens,
                    seeds: [random.next()],
                    prefix: prefix
                )
                guard let first = prompt.first else { continue }
                requests.append(PreparedRequest(prompt: first, outputTokens: pair.outputTokens))
            }
            return Outcome(requests: requests, fromCache: 0)
        }
        let prepared = try await library.prompts(forLengths: lengths.map(\.inputTokens), random: &random)
        let requests = zip(prepared.prompts, lengths).map { prompt, pair in
            PreparedRequest(prompt: prompt, outputTokens: pair.outputTokens)
        }
        return Outcome(requests: requests, fromCache: prepared.fromCache)
    }

    /// A dataset's prompts as they are, each measured with the server's tokenizer; a ShareGPT
    /// answer's length sets the output length asked for, as vLLM's benchmark does.
    private func datasetRequests(path: String, format: DatasetFormat, limit: Int?) async throws(PromptError)
        -> [PreparedRequest]
    {
        let entries = try Dataset.load(path: path, format: format, configPath: configPath, limit: limit)
        var requests: [PreparedRequest] = []
        for entry in entries {
            let tokens = try await tokenizer.count(entry.prompt)
            var output = entry.outputTokens ?? 128
            if let answer = entry.referenceAnswer {
                output = max(1, try await tokenizer.count(answer) - tokenizer.specialTokens)
            }
            let prompt = PreparedPrompt(
                text: entry.prompt,
                tokens: tokens,
                target: tokens,
                measuredBy: tokenizer.source.rawValue,
                origin: "dataset",
                topicWords: []
            )
            requests.append(PreparedRequest(prompt: prompt, outputTokens: output))
        }
        return requests
    }
}
