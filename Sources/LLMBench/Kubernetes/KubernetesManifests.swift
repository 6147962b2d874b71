import Foundation

/// The manifests of one sharded run on Kubernetes, as `llm-bench k8s render` writes them: the
/// config as a ConfigMap, a shared results volume, the Indexed Job of the shards, and the Jobs and
/// Pods applied after it (the merge, a reader to copy the results out).
///
/// Nothing secret is in them: the API key and header values come from the Secret `NAME-secrets`,
/// which the user creates (``instructions(directory:)`` says how).
public struct KubernetesManifests: Sendable, Equatable {
    /// One file to write.
    public struct File: Sendable, Equatable {
        /// Its path relative to the output folder.
        public let path: String
        /// Its YAML text.
        public let text: String
        /// What it holds, for the listing render prints.
        public let summary: String
    }

    /// The files in the order they are applied.
    public let files: [File]
    /// What was asked for, the run's name always set.
    public let options: KubernetesRenderOptions
    /// The run's name.
    public var name: String { options.name ?? "" }
    /// Things the user should know that do not stop the rendering.
    public let warnings: [String]
    /// The variables the worker pods take from the Secret.
    let secretVariables: [KubernetesSecretReferences.Variable]

    /// The folder below the output folder holding the merge Job, applied once the shards are done.
    public static let mergeFolder = "merge"
    /// The folder below the output folder holding the Pod that reads the results volume.
    public static let readerFolder = "copy"

    /// Renders the manifests of `configPath` (read from `workingDirectory` when relative).
    ///
    /// The config is loaded as `llm-bench run` would load it (with a placeholder for every secret it
    /// reads from the environment) and its load divided among the workers, so a config the shards
    /// would refuse is refused here, before anything is written.
    public static func render(
        configPath: String,
        options: KubernetesRenderOptions,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) throws(KubernetesRenderError) -> KubernetesManifests {
        try options.validate()
        let absolute =
            configPath.hasPrefix("/") ? configPath : (workingDirectory as NSString).appendingPathComponent(configPath)
        guard FileManager.default.fileExists(atPath: absolute) else {
            throw .config(.fileNotFound(path: configPath))
        }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw .config(.unreadable(path: configPath, reason: "it cannot be read"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .config(.unreadable(path: configPath, reason: "it is not UTF-8 text"))
        }
        return try render(
            configText: text,
            configPath: configPath,
            options: options,
            workingDirectory: workingDirectory
        )
    }

    /// Renders the manifests of config text that was read from `configPath`.
    static func render(
        configText: String,
        configPath: String,
        options: KubernetesRenderOptions,
        workingDirectory: String
    ) throws(KubernetesRenderError) -> KubernetesManifests {
        try options.validate()
        let secrets = try KubernetesSecretReferences(yaml: configText, file: configPath)
        var config: BenchmarkConfig
        do {
            config = try ConfigLoader.parse(
                yaml: configText,
                file: configPath,
                environment: secrets.placeholderEnvironment
            )
        } catch {
            throw .config(error)
        }
        var options = options
        if options.name == nil {
            try KubernetesRenderOptions.checkRunName(
                config.outputPrefixName,
                option: "output_prefix_name (the run's name without --name)"
            )
            options.name = config.outputPrefixName
        }
        var warnings: [String] = []
        if config.endpoint == .embedded {
            guard options.allowsEmbeddedSimulator else { throw .embeddedSimulator(file: configPath) }
            warnings.append(
                "\(configPath) has no base_url: each of the \(options.workers) pods benchmarks its own embedded simulator, so the merged figures describe \(options.workers) separate servers."
            )
        }
        try checkShards(of: config, workers: options.workers)
        let files = try KubernetesConfigFiles(
            configPath: configPath,
            configText: configText,
            config: config,
            workingDirectory: workingDirectory
        )
        let objects = KubernetesObjects(options: options, files: files, secretVariables: secrets.variables)
        return KubernetesManifests(
            files: [
                File(path: "configmap.yaml", text: objects.configMap.document, summary: objects.configMapSummary),
                File(
                    path: "results-pvc.yaml",
                    text: objects.resultsClaim.document,
                    summary: objects.resultsClaimSummary
                ),
                File(path: "shards-job.yaml", text: objects.shardsJob.document, summary: objects.shardsJobSummary),
                File(
                    path: mergeFolder + "/merge-job.yaml",
                    text: objects.mergeJob.document,
                    summary: objects.mergeJobSummary
                ),
                File(
                    path: readerFolder + "/results-reader.yaml",
                    text: objects.resultsReader.document,
                    summary: objects.resultsReaderSummary
                ),
            ],
            options: options,
            warnings: warnings,
            secretVariables: secrets.variables
        )
    }

    /// The first and the last shard (the ones with the largest and the smallest share) must each
    /// get a load, and a seed must make every shard prepare the same prompts.
    private static func checkShards(of config: BenchmarkConfig, workers: Int) throws(KubernetesRenderError) {
        var sharded = config
        for index in Set([0, workers - 1]).sorted() {
            sharded.shard = ShardSelection(index: index, count: workers)
            do {
                try sharded.checkShard()
            } catch {
                throw .notShardable(error)
            }
        }
    }

    /// Writes every file into `directory` (created when missing), replacing files of the same names.
    public func write(to directory: String) throws(KubernetesRenderError) {
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent,
                    withIntermediateDirectories: true
                )
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw .unwritable(path: path, reason: error.localizedDescription)
            }
        }
    }
}
