/// What render prints after writing: the files and the exact commands of the run.
extension KubernetesManifests {
    /// The listing of the files written into `directory` and the commands to run, in order.
    public func instructions(directory: String) -> String {
        let names = KubernetesRunNames(run: name)
        let folder = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let namespace = options.namespace.map { " -n \($0)" } ?? ""
        var lines = ["Wrote the manifests of run '\(name)' (\(options.workers) workers) into \(folder):"]
        for file in files { lines.append("  \(folder)/\(file.path)  \(file.summary)") }
        lines.append("")
        lines.append("To run it:")
        var step = 1
        let required = secretVariables.filter { !$0.isOptional }
        if !secretVariables.isEmpty {
            let literals = secretVariables.map { " --from-literal=\($0.name)='<value of \($0.name)>'" }.joined()
            lines.append(
                required.isEmpty
                    ? "  \(step). If the server needs a key, create the Secret (without it the pods run with no key):"
                    : "  \(step). Create the Secret (the pods wait for it; fill in the values, or use --from-file=NAME=PATH):"
            )
            lines.append("     kubectl create secret generic \(names.secret)\(namespace)\(literals)")
            step += 1
        }
        lines += [
            "  \(step). Start the shards (the merge and the reader are in subfolders, so they are not applied yet):",
            "     kubectl apply\(namespace) -f \(folder)",
            "  \(step + 1). Wait for every shard to finish:",
            "     kubectl wait\(namespace) --for=condition=complete --timeout=24h job/\(names.shardsJob)",
            "     (a shard that exits non-zero, e.g. 1 when some of its requests failed, is not rerun and keeps its",
            "     results; the Job then ends Failed instead: kubectl get job\(namespace) \(names.shardsJob) -o jsonpath='{.status.failedIndexes}'",
            "     names the shards, and the merge below still merges what they wrote and reports the missing ones);",
            "     to watch them live meanwhile, apply the reader of the last step and",
            "     kubectl exec\(namespace) \(names.readerPod) -- llm-bench live \(names.liveFolder)",
            "  \(step + 2). Merge the shards' records:",
            "     kubectl apply\(namespace) -f \(folder)/\(Self.mergeFolder)",
            "     kubectl wait\(namespace) --for=condition=complete --timeout=1h job/\(names.mergeJob)",
            "     kubectl logs\(namespace) job/\(names.mergeJob)",
            "     (the merge exits 1, its files written, when some requests failed or shards are missing: the Job",
            "     then ends Failed and its log says why)",
            "  \(step + 3). Copy the results out:",
            "     kubectl apply\(namespace) -f \(folder)/\(Self.readerFolder)",
            "     kubectl wait\(namespace) --for=condition=ready --timeout=5m pod/\(names.readerPod)",
            "     kubectl cp\(namespace) \(names.readerPod):\(names.resultsFolder) ./results/\(name)",
            "     kubectl delete\(namespace) pod \(names.readerPod)",
            "  To run again, render with another --name: the volume keeps this run's folder, in which new shards",
            "  would stop at their first case (\"already arrived\"), or delete the Jobs and the claim \(names.resultsClaim) first.",
        ]
        return lines.joined(separator: "\n")
    }
}
