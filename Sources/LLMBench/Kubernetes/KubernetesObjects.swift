/// The objects of one run, each as the YAML value of its manifest.
struct KubernetesObjects: Sendable {
    /// The user the image runs as (its Dockerfile creates it) and the group owning the results volume.
    static let userID = 10001
    /// The container's name in every pod.
    static let containerName = "llm-bench"
    /// Where the results volume is mounted.
    static let resultsMountPath = KubernetesRunNames.resultsMountPath
    /// The container's working folder (an emptyDir: the prompt cache lands there).
    static let workMountPath = "/work"

    let options: KubernetesRenderOptions
    let files: KubernetesConfigFiles
    let secretVariables: [KubernetesSecretReferences.Variable]

    var name: String { options.name ?? "" }
    var names: KubernetesRunNames { KubernetesRunNames(run: name) }

    /// The labels of an object that plays `component` in the run.
    func labels(_ component: String) -> KubernetesYAML {
        .mapping([
            ("app.kubernetes.io/name", .string("llm-bench")),
            ("app.kubernetes.io/instance", .string(name)),
            ("app.kubernetes.io/component", .string(component)),
        ])
    }

    /// `metadata:` of an object named `objectName`.
    func metadata(_ objectName: String, component: String) -> KubernetesYAML {
        var pairs: [(String, KubernetesYAML)] = [("name", .string(objectName))]
        if let namespace = options.namespace { pairs.append(("namespace", .string(namespace))) }
        pairs.append(("labels", labels(component)))
        return .mapping(pairs)
    }

    // MARK: The config and the results volume

    var configMap: KubernetesYAML {
        .mapping([
            ("apiVersion", .string("v1")),
            ("kind", .string("ConfigMap")),
            ("metadata", metadata(names.configMap, component: "config")),
            ("data", .mapping(files.entries.map { ($0.key, .string($0.text)) })),
        ])
    }

    var configMapSummary: String {
        "ConfigMap \(names.configMap): " + files.entries.map(\.path).joined(separator: ", ")
    }

    var resultsClaim: KubernetesYAML {
        var spec: [(String, KubernetesYAML)] = [
            ("accessModes", .sequence([.string("ReadWriteMany")])),
            ("resources", .mapping([("requests", .mapping([("storage", .string(options.storageSize))]))])),
        ]
        if let storageClass = options.storageClass { spec.append(("storageClassName", .string(storageClass))) }
        return .mapping([
            ("apiVersion", .string("v1")),
            ("kind", .string("PersistentVolumeClaim")),
            ("metadata", metadata(names.resultsClaim, component: "results")),
            ("spec", .mapping(spec)),
        ])
    }

    var resultsClaimSummary: String {
        "PersistentVolumeClaim \(names.resultsClaim): \(options.storageSize), ReadWriteMany, for every pod's results"
    }

    // MARK: Pods

    /// The pod-level security settings: not root, the results volume writable by the image's group.
    var podSecurityContext: KubernetesYAML {
        .mapping([
            ("runAsNonRoot", .boolean(true)),
            ("runAsUser", .integer(Self.userID)),
            ("runAsGroup", .integer(Self.userID)),
            ("fsGroup", .integer(Self.userID)),
            ("seccompProfile", .mapping([("type", .string("RuntimeDefault"))])),
        ])
    }

    var containerSecurityContext: KubernetesYAML {
        .mapping([
            ("allowPrivilegeEscalation", .boolean(false)),
            ("readOnlyRootFilesystem", .boolean(true)),
            ("capabilities", .mapping([("drop", .sequence([.string("ALL")]))])),
        ])
    }

    /// What the reader pod, which only sleeps and serves `kubectl cp`, asks for.
    static let readerResources: KubernetesYAML = .mapping([
        ("requests", .mapping([("cpu", .string("10m")), ("memory", .string("32Mi"))])),
        ("limits", .mapping([("memory", .string("128Mi"))])),
    ])

    /// Requests of CPU and memory; memory also as the limit. No CPU limit: throttling would stall
    /// the event loops and show up as the client's own delay.
    var resources: KubernetesYAML {
        .mapping([
            (
                "requests",
                .mapping([("cpu", .string(options.cpuRequest)), ("memory", .string(options.memoryRequest))])
            ),
            ("limits", .mapping([("memory", .string(options.memoryRequest))])),
        ])
    }

    func volumeMount(_ volume: String, at path: String, readOnly: Bool) -> KubernetesYAML {
        var pairs: [(String, KubernetesYAML)] = [("name", .string(volume)), ("mountPath", .string(path))]
        if readOnly { pairs.append(("readOnly", .boolean(true))) }
        return .mapping(pairs)
    }

    var resultsVolume: KubernetesYAML {
        .mapping([
            ("name", .string("results")),
            ("persistentVolumeClaim", .mapping([("claimName", .string(names.resultsClaim))])),
        ])
    }

    var workVolume: KubernetesYAML {
        .mapping([("name", .string("work")), ("emptyDir", .mapping([]))])
    }

    /// A container of the image with `arguments` for llm-bench.
    func container(arguments: [String], environment: [KubernetesYAML], mounts: [KubernetesYAML]) -> KubernetesYAML {
        var pairs: [(String, KubernetesYAML)] = [
            ("name", .string(Self.containerName)),
            ("image", .string(options.image)),
            ("imagePullPolicy", .string("IfNotPresent")),
            ("args", .sequence(arguments.map(KubernetesYAML.string))),
            ("workingDir", .string(Self.workMountPath)),
        ]
        if !environment.isEmpty { pairs.append(("env", .sequence(environment))) }
        pairs += [
            ("resources", resources),
            ("securityContext", containerSecurityContext),
            ("volumeMounts", .sequence(mounts)),
        ]
        return .mapping(pairs)
    }
}
