/// Finds the highest concurrency a server sustains within the SLOs: concurrency doubles
/// (1, 2, 4, …) while throughput still grows by at least 5 % and the SLOs hold. When throughput
/// stops growing first, the server is saturated: more load only adds latency, and the last step
/// that still grew is the answer. When the SLOs fail first, the gap between the last good and the
/// first bad step is bisected on the SLOs.
struct SweepSearch {
    /// The highest concurrency tried.
    let maxConcurrency: Int
    private(set) var steps: [(concurrency: Int, throughput: Double, isGood: Bool)] = []
    private var lastGood: (concurrency: Int, throughput: Double)?
    private var firstBad: Int?
    /// Throughput stopped growing before the SLOs failed.
    private(set) var isSaturated = false

    init(maxConcurrency: Int) {
        self.maxConcurrency = max(1, maxConcurrency)
    }

    /// The best concurrency found: the highest good step.
    var best: Int? { lastGood?.concurrency }

    /// The next concurrency to measure, or nil when the search is over.
    func next() -> Int? {
        guard let lastGood, !isSaturated else { return steps.isEmpty ? 1 : nil }
        guard let firstBad else {
            let doubled = lastGood.concurrency * 2
            if lastGood.concurrency >= maxConcurrency { return nil }
            return min(doubled, maxConcurrency)
        }
        let middle = (lastGood.concurrency + firstBad) / 2
        return middle > lastGood.concurrency && middle < firstBad ? middle : nil
    }

    /// Records the outcome of measuring `concurrency`.
    mutating func record(concurrency: Int, throughput: Double, meetsSLOs: Bool) {
        let isRising = firstBad == nil
        let grows = !isRising || (lastGood.map { throughput >= $0.throughput * 1.05 } ?? true)
        let isGood = meetsSLOs && grows
        steps.append((concurrency, throughput, isGood))
        if isGood {
            lastGood = (concurrency, throughput)
        } else {
            firstBad = min(firstBad ?? concurrency, concurrency)
            if isRising, meetsSLOs { isSaturated = true }
        }
    }
}
