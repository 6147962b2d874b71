/// The names of a run's objects and folders, all derived from the run's name.
struct KubernetesRunNames: Sendable, Equatable {
    /// Where the results volume is mounted in every pod.
    static let resultsMountPath = "/results"

    /// The run's name.
    let run: String

    var configMap: String { run + "-config" }
    var resultsClaim: String { run + "-results" }
    var secret: String { run + "-secrets" }
    var shardsJob: String { run + "-shards" }
    var mergeJob: String { run + "-merge" }
    var readerPod: String { run + "-results-reader" }
    /// The run's folder on the results volume.
    var resultsFolder: String { Self.resultsMountPath + "/" + run }
    /// Where the shards meet before every case.
    var syncFolder: String { resultsFolder + "/.sync" }
    /// Where the shards write their live snapshots.
    var liveFolder: String { resultsFolder + "/.live" }
    /// Where the merge writes.
    var mergedFolder: String { resultsFolder + "/merged" }
}
