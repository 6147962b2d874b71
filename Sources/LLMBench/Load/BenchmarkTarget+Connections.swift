extension BenchmarkTarget {
    /// Opens connections until the pool holds `count` before anything is timed; a request that
    /// finds none connects when it runs, timed apart from its latency.
    func fillPool(to count: Int, emit: BenchmarkObserver) async {
        let missing = count - pool.idleCount
        guard missing > 0 else { return }
        let (opened, failures) = await executor.connector.connect(count: missing, timeout: executor.connectTimeout)
        opened.forEach(pool.give)
        let times = opened.map { Double($0.connectDuration.nanosecondsRounded) / 1e6 }
        if let distribution = Distribution(times) {
            emit(
                .connectionsOpened(
                    count: distribution.count,
                    connectP50Milliseconds: distribution.p50,
                    connectMaxMilliseconds: distribution.max
                )
            )
        }
        if let first = failures.first {
            emit(.warning(.connectionsNotOpened(failed: failures.count, of: missing, first: first)))
        }
    }
}
