import Foundation
import Yams

/// Reads a benchmark configuration from YAML and checks every key before anything is sent.
///
/// Each key is declared once, where it is read: the keys of a mapping that nothing read are
/// refused as unknown, with the closest key that was read as the suggestion.
public enum ConfigLoader {
    /// Loads and validates the config file at `path`.
    ///
    /// - Parameter environment: the variables `${NAME}` in `api_key` and `OPENAI_API_KEY` are read from.
    public static func load(
        path: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> BenchmarkConfig {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw ConfigError.unreadable(path: path, reason: "it is not UTF-8 text")
            }
            text = decoded
        } catch let error as ConfigError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try parse(yaml: text, file: path, environment: environment)
    }

    /// Parses and validates config text; `file` names it in error messages.
    ///
    /// An error's texts never show the API key or a header value, even when the YAML around
    /// them is broken.
    public static func parse(
        yaml: String,
        file: String,
        environment: [String: String] = [:]
    ) throws(ConfigError) -> BenchmarkConfig {
        do {
            return try read(yaml: yaml, file: file, environment: environment)
        } catch {
            throw error.redacted(by: ConfigSecrets.redaction(yaml: yaml, environment: environment))
        }
    }

    /// Reads the config; `log` collects every key asked for.
    static func read(
        yaml: String,
        file: String,
        environment: [String: String],
        log: ConfigKeyLog = ConfigKeyLog(),
        cores: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(ConfigError) -> BenchmarkConfig {
        let top = try ConfigMapping(file: file, path: "", node: try document(yaml: yaml, file: file), log: log)
        var config = BenchmarkConfig(sourcePath: file)
        config.endpoint = try endpoint(top)
        config.apiKey = try apiKey(top, environment: environment)
        let model = try model(top)
        try readOutput(top, into: &config)
        let runs = try top.int("runs", in: 1...1_000_000, rule: "at least 1")
        let concurrency = try top.int("num_concurrent_requests", in: 1...1_000_000, rule: "at least 1")
        let cases = try cases(top)
        try readPrompts(top, into: &config)
        try readRequests(top, environment: environment, into: &config)
        if let load = try top.mapping("load") { config.load = try loadSettings(load) }
        if let slo = try top.mapping("slo") { config.slo = try serviceLevelObjectives(slo) }
        if let simulator = try top.mapping("simulator") { config.simulator = try simulatorSettings(simulator) }
        config.failOn = try failOn(top)
        config.liveMetrics = try liveMetricsAddress(top)
        config.serverMetrics = try serverMetricsSettings(top)
        try readClient(top, cores: cores, into: &config)
        try top.rejectUnreadKeys()
        config.model = try config.endpoint == .embedded ? model ?? config.model : top.required(model, "model")
        config.runs = try top.required(runs, "runs")
        config.concurrency = try top.required(concurrency, "num_concurrent_requests")
        config.cases = try top.required(cases, "cases")
        try checkResponseChaining(of: config.cases, api: config.api, location: top.location(of: top.value("api")))
        _ = try LoadPlan(config, origin: .file(top.location(of: top.value("load"))))
        return config
    }

    /// The document's root node.
    static func document(yaml: String, file: String) throws(ConfigError) -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw .syntax(.init(file: file), problem: "\(error)")
        }
        guard let root else { throw .notAMapping(.init(file: file, line: 1, column: 1), key: nil) }
        return root
    }

    /// `model`, which must not be empty when given.
    static func model(_ top: ConfigMapping) throws(ConfigError) -> String? {
        guard let model = try top.string("model") else { return nil }
        guard !model.isEmpty else {
            throw .outOfRange(top.location(of: top.value("model")), key: "model", value: "empty", rule: "a model name")
        }
        return model
    }

    /// Where and how results are written.
    static func readOutput(_ top: ConfigMapping, into config: inout BenchmarkConfig) throws(ConfigError) {
        if let prefix = try top.string("output_prefix_name") {
            if let problem = ResultFiles.prefixProblem(prefix) {
                throw .outOfRange(
                    top.location(of: top.value("output_prefix_name")),
                    key: "output_prefix_name",
                    value: "'\(prefix)'",
                    rule: "a plain file name (\(problem))"
                )
            }
            config.outputPrefixName = prefix
        }
        config.outputDirectory = try top.string("output_dir") ?? config.outputDirectory
        config.saveFormat = try choice("save_format", in: top) ?? config.saveFormat
        config.streamWriting = try top.bool("stream_writing") ?? config.streamWriting
        config.writesReport = try top.bool("report") ?? config.writesReport
    }

    /// Where prompts come from and how they are shared and cached.
    static func readPrompts(_ top: ConfigMapping, into config: inout BenchmarkConfig) throws(ConfigError) {
        config.inputFile = try top.string("input_file") ?? config.inputFile
        if let seed = try top.int("seed", in: 0...Int.max, rule: "a whole number of 0 or more") {
            config.seed = UInt64(seed)
        }
        config.promptSource = try choice("prompt_source", in: top) ?? config.promptSource
        config.promptReuse = try choice("prompt_reuse", in: top) ?? config.promptReuse
        if let folder = try top.string("prompt_cache_dir") {
            config.promptCacheDirectory = folder.isEmpty || folder == "off" ? nil : folder
        }
        config.forceOutputLength = try top.bool("force_output_length") ?? config.forceOutputLength
    }

    static func choice<Value: RawRepresentable & CaseIterable>(
        _ key: String,
        in mapping: ConfigMapping
    ) throws(ConfigError) -> Value? where Value.RawValue == String {
        guard let text = try mapping.string(key) else { return nil }
        guard let value = Value(rawValue: text.lowercased()) else {
            throw .invalidValue(
                mapping.location(of: mapping.value(key)),
                key: mapping.fullName(key),
                value: text,
                allowed: Value.allCases.map(\.rawValue)
            )
        }
        return value
    }

    static func syntaxError(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return .syntax(.init(file: file, line: mark.line, column: mark.column), problem: detail)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .syntax(
                .init(file: file, line: context.mark.line, column: context.mark.column),
                problem: "duplicate key \(duplicates.joined(separator: ", "))"
            )
        case .reader(let problem, let offset, let value, let yaml):
            // Yams' own description quotes the whole line, which may hold the key.
            let line = offset.map { yaml.utf8.prefix($0).count { $0 == UInt8(ascii: "\n") } + 1 }
            return .syntax(.init(file: file, line: line), problem: "\(problem) (character code \(value))")
        default:
            return .syntax(.init(file: file), problem: "\(error)")
        }
    }

    /// The `cases` list; nil when absent.
    static func cases(_ top: ConfigMapping) throws(ConfigError) -> [BenchmarkCase]? {
        guard let nodes = try top.nonEmptySequence("cases", of: "case") else { return nil }
        var cases: [BenchmarkCase] = []
        for (index, node) in nodes.enumerated() {
            cases.append(try benchmarkCase(try top.nested(node, path: "cases[\(index)]")))
        }
        return cases
    }
}
