/// The Jobs of a run (the shards, the merge) and the Pod that reads the results volume.
extension KubernetesObjects {
    /// The shards: an Indexed Job of `workers` pods started at once, each reading its index from
    /// `JOB_COMPLETION_INDEX` (set by Kubernetes) and the count from `JOB_COMPLETION_COUNT` (set
    /// here; Kubernetes does not).
    ///
    /// `backoffLimitPerIndex: 0`: a shard whose pod fails is not started again. A rerun would
    /// send its share alone, after the others finished, and the merge would count it as load that
    /// was concurrent with theirs. Per index, not `backoffLimit: 0`, which would fail the whole Job
    /// at the first failed pod and make Kubernetes stop the other shards in the middle of a case.
    var shardsJob: KubernetesYAML {
        var arguments = [
            "run", files.configPathInPod,
            "--output-dir", names.resultsFolder,
            "--sync", names.syncFolder,
            "--live-dir", names.liveFolder,
        ]
        if let timeout = options.syncTimeoutSeconds {
            arguments += ["--sync-timeout", JSONObjectWriter.number(timeout)]
        }
        arguments.append("--no-report")
        var environment: [KubernetesYAML] = [
            .mapping([("name", .string("JOB_COMPLETION_COUNT")), ("value", .string(String(options.workers)))])
        ]
        environment += secretVariables.map { variable in
            .mapping([
                ("name", .string(variable.name)),
                (
                    "valueFrom",
                    .mapping([
                        (
                            "secretKeyRef",
                            .mapping([
                                ("name", .string(names.secret)),
                                ("key", .string(variable.name)),
                                ("optional", .boolean(variable.isOptional)),
                            ])
                        )
                    ])
                ),
            ])
        }
        let podSpec: KubernetesYAML = .mapping([
            ("restartPolicy", .string("Never")),
            ("securityContext", podSecurityContext),
            (
                "topologySpreadConstraints",
                .sequence([
                    .mapping([
                        ("maxSkew", .integer(1)),
                        ("topologyKey", .string("kubernetes.io/hostname")),
                        ("whenUnsatisfiable", .string("ScheduleAnyway")),
                        ("labelSelector", .mapping([("matchLabels", labels("shards"))])),
                    ])
                ])
            ),
            (
                "containers",
                .sequence([
                    container(
                        arguments: arguments,
                        environment: environment,
                        mounts: [
                            volumeMount("config", at: KubernetesConfigFiles.mountPath, readOnly: true),
                            volumeMount("results", at: Self.resultsMountPath, readOnly: false),
                            volumeMount("work", at: Self.workMountPath, readOnly: false),
                        ]
                    )
                ])
            ),
            (
                "volumes",
                .sequence([
                    .mapping([
                        ("name", .string("config")),
                        (
                            "configMap",
                            .mapping([
                                ("name", .string(names.configMap)),
                                (
                                    "items",
                                    .sequence(
                                        files.entries.map { entry in
                                            .mapping([("key", .string(entry.key)), ("path", .string(entry.path))])
                                        }
                                    )
                                ),
                            ])
                        ),
                    ]),
                    resultsVolume,
                    workVolume,
                ])
            ),
        ])
        return .mapping([
            ("apiVersion", .string("batch/v1")),
            ("kind", .string("Job")),
            ("metadata", metadata(names.shardsJob, component: "shards")),
            (
                "spec",
                .mapping([
                    ("completionMode", .string("Indexed")),
                    ("completions", .integer(options.workers)),
                    ("parallelism", .integer(options.workers)),
                    ("backoffLimitPerIndex", .integer(0)),
                    (
                        "template",
                        .mapping([("metadata", .mapping([("labels", labels("shards"))])), ("spec", podSpec)])
                    ),
                ])
            ),
        ])
    }

    var shardsJobSummary: String {
        "Job \(names.shardsJob): \(options.workers) shard pod\(options.workers == 1 ? "" : "s") (Indexed), results in \(names.resultsFolder)"
    }

    /// The merge: one pod reading every shard's records from the results volume.
    var mergeJob: KubernetesYAML {
        let podSpec: KubernetesYAML = .mapping([
            ("restartPolicy", .string("Never")),
            ("securityContext", podSecurityContext),
            (
                "containers",
                .sequence([
                    container(
                        arguments: ["merge", names.resultsFolder, "--output-dir", names.mergedFolder],
                        environment: [],
                        mounts: [
                            volumeMount("results", at: Self.resultsMountPath, readOnly: false),
                            volumeMount("work", at: Self.workMountPath, readOnly: false),
                        ]
                    )
                ])
            ),
            ("volumes", .sequence([resultsVolume, workVolume])),
        ])
        return .mapping([
            ("apiVersion", .string("batch/v1")),
            ("kind", .string("Job")),
            ("metadata", metadata(names.mergeJob, component: "merge")),
            (
                "spec",
                .mapping([
                    ("completions", .integer(1)),
                    ("parallelism", .integer(1)),
                    // The merge reads files: a second try would only do the same again (and it exits 1,
                    // its files written, when requests failed or shards are missing).
                    ("backoffLimit", .integer(0)),
                    (
                        "template",
                        .mapping([("metadata", .mapping([("labels", labels("merge"))])), ("spec", podSpec)])
                    ),
                ])
            ),
        ])
    }

    var mergeJobSummary: String {
        "Job \(names.mergeJob): merges the shards' records into \(names.mergedFolder) (apply after the shards)"
    }

    /// A pod that mounts the results volume read-only and waits an hour, for `kubectl cp`.
    var resultsReader: KubernetesYAML {
        .mapping([
            ("apiVersion", .string("v1")),
            ("kind", .string("Pod")),
            ("metadata", metadata(names.readerPod, component: "results-reader")),
            (
                "spec",
                .mapping([
                    ("restartPolicy", .string("Never")),
                    ("securityContext", podSecurityContext),
                    (
                        "containers",
                        .sequence([
                            .mapping([
                                ("name", .string(Self.containerName)),
                                ("image", .string(options.image)),
                                ("imagePullPolicy", .string("IfNotPresent")),
                                ("command", .sequence([.string("sleep"), .string("3600")])),
                                ("resources", Self.readerResources),
                                ("securityContext", containerSecurityContext),
                                (
                                    "volumeMounts",
                                    .sequence([volumeMount("results", at: Self.resultsMountPath, readOnly: true)])
                                ),
                            ])
                        ])
                    ),
                    ("volumes", .sequence([resultsVolume])),
                ])
            ),
        ])
    }

    var resultsReaderSummary: String {
        "Pod \(names.readerPod): mounts the results read-only for kubectl cp (sleeps an hour)"
    }
}
