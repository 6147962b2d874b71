import Foundation

/// The config file and every file it reads (the corpus, datasets, conversations, traces), as the
/// ConfigMap carries them and the pods find them: the config at `/etc/llm-bench/NAME`, each other
/// file at the relative path the config gives, beside it.
struct KubernetesConfigFiles: Sendable, Equatable {
    /// One file of the ConfigMap.
    struct Entry: Sendable, Equatable {
        /// Its key in the ConfigMap.
        var key: String
        /// Where it is mounted, relative to the config folder.
        var path: String
        /// Its text, as read.
        var text: String
    }

    /// The folder the ConfigMap is mounted at.
    static let mountPath = "/etc/llm-bench"
    /// What one ConfigMap may hold (Kubernetes refuses objects above 1 MiB; some room left for the rest).
    static let byteLimit = 1_000_000

    /// The config file first, then the files it reads in the order the config names them.
    var entries: [Entry]

    /// The config file's path inside the pods.
    var configPathInPod: String { Self.mountPath + "/" + entries[0].path }

    /// Collects the files; relative paths are looked up as the run looks them up: in
    /// `workingDirectory`, then beside the config.
    init(
        configPath: String,
        configText: String,
        config: BenchmarkConfig,
        workingDirectory: String
    ) throws(KubernetesRenderError) {
        let configName = (configPath as NSString).lastPathComponent
        guard KubernetesName.isConfigMapKey(configName) else { throw .configFileName(configName) }
        entries = [Entry(key: configName, path: configName, text: configText)]
        let absoluteConfig = Self.absolute(configPath, in: workingDirectory)
        var named: [String] = [config.inputFile]
        for benchmarkCase in config.cases {
            switch benchmarkCase.workload {
            case .dataset(let path, _, _): named.append(path)
            case .trace(let trace): named.append(trace.path)
            case .sessions(let sessions):
                if case .conversations(let path, _, _, _, _) = sessions.source { named.append(path) }
            case .lengths, .pairs: break
            }
        }
        for name in named where !entries.dropFirst().contains(where: { $0.path == Self.mountedPath(name) }) {
            try add(name, configPath: absoluteConfig, workingDirectory: workingDirectory)
        }
        let bytes = entries.reduce(0) { $0 + $1.key.utf8.count + $1.text.utf8.count }
        guard bytes <= Self.byteLimit else { throw .configMapTooLarge(bytes: bytes) }
    }

    private mutating func add(_ name: String, configPath: String, workingDirectory: String)
        throws(KubernetesRenderError)
    {
        guard !name.hasPrefix("/") else {
            throw .dataFile(
                path: name,
                problem:
                    "an absolute path does not exist in the pods; write it relative to the config (beside it or below)"
            )
        }
        let components = name.split(separator: "/").filter { $0 != "." }
        guard !components.contains("..") else {
            throw .dataFile(
                path: name,
                problem:
                    "'..' leads out of the folder the ConfigMap is mounted at; put the file beside the config or below it"
            )
        }
        guard components.allSatisfy({ KubernetesName.isConfigMapKey(String($0)) }) else {
            throw .dataFile(path: name, problem: "use letters, digits, '-', '_' and '.' in its folder and file names")
        }
        let candidates = [
            Self.absolute(name, in: workingDirectory),
            ((configPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name),
        ]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw .dataFile(path: name, problem: "it is not found (looked for \(candidates.joined(separator: ", ")))")
        }
        guard let data = FileManager.default.contents(atPath: found) else {
            throw .dataFile(path: found, problem: "it cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .dataFile(path: found, problem: "it is not UTF-8 text")
        }
        var key = components.joined(separator: "_")
        var suffix = 2
        while entries.contains(where: { $0.key == key }) {
            key = "\(suffix)-" + components.joined(separator: "_")
            suffix += 1
        }
        entries.append(Entry(key: key, path: Self.mountedPath(name), text: text))
    }

    /// `name` without `.` components, as it is mounted below the config folder.
    private static func mountedPath(_ name: String) -> String {
        name.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    private static func absolute(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
    }
}
