import Foundation
import Synchronization

/// Reads the server's `/metrics` pages around and during each case: a `start` round just before
/// the case's first request (its warm-up included), `interval` rounds while it runs, an `end`
/// round after its last request ended; nothing between cases. Every scrape is written to the
/// run's `_server_metrics.jsonl` as its round arrives and handed to the case's summary.
///
/// A page that cannot be read is a warning, once per URL and case, never a failure of the run;
/// no round waits longer than the client's timeout.
final class ServerMetricsScraper: Sendable {
    /// The URLs read, their positions the scrapes' `source`.
    let targets: [ScrapeTarget]
    /// Time between the interval rounds; 0 reads only at each case's start and end.
    let intervalMilliseconds: Int
    let client: ScrapeClient
    let file: ServerMetricsFile
    /// The last round's number, counted over the whole run.
    private let lastRound = Mutex(-1)

    init(targets: [ScrapeTarget], intervalMilliseconds: Int, client: ScrapeClient, file: ServerMetricsFile) {
        self.targets = targets
        self.intervalMilliseconds = intervalMilliseconds
        self.client = client
        self.file = file
    }

    /// What one round brought: the scrapes that arrived, and why the others did not.
    struct Round: Sendable {
        var scrapes: [MetricScrape] = []
        var failures: [(source: Int, reason: String)] = []
        /// A write failure of the file, the first of the run.
        var writeFailure: OutputError?

        mutating func add(_ other: Round) {
            scrapes += other.scrapes
            failures += other.failures
            writeFailure = writeFailure ?? other.writeFailure
        }
    }

    /// Runs `body`, the timed part of case `caseIndex` at `step`, between a start and an end
    /// round, with interval rounds beside it; returns its value and the case's scrapes. The
    /// warnings of the case (one per URL that failed, with its first reason) are emitted after
    /// `body`, from the calling task.
    func recording<T: Sendable>(
        caseIndex: Int,
        step: Int,
        emit: BenchmarkObserver,
        _ body: () async -> T
    ) async -> (T, [MetricScrape]) {
        var rounds = await round(.start, caseIndex: caseIndex, step: step)
        let (value, during) = await withTaskGroup(of: Round.self) { group -> (T, Round) in
            if intervalMilliseconds > 0 {
                group.addTask { await self.intervalRounds(caseIndex: caseIndex, step: step) }
            }
            let value = await body()
            group.cancelAll()
            var during = Round()
            for await round in group { during.add(round) }
            return (value, during)
        }
        rounds.add(during)
        // A cancelled run's reads fail at once: no end round, and nothing to warn about.
        guard !Task.isCancelled else { return (value, rounds.scrapes) }
        rounds.add(await round(.end, caseIndex: caseIndex, step: step))
        var warned: Set<Int> = []
        for failure in rounds.failures where warned.insert(failure.source).inserted {
            emit(
                .warning(
                    .serverMetricsScrapeFailed(
                        url: targets[failure.source].url,
                        caseIndex: caseIndex,
                        reason: failure.reason
                    )
                )
            )
        }
        if let failure = rounds.writeFailure {
            emit(.warning(.serverMetricsNotWritten(path: file.path, reason: failure.reason)))
        }
        return (value, rounds.scrapes)
    }

    /// Interval rounds every `intervalMilliseconds` from now until the task is cancelled; a round
    /// that overruns the interval skips the beats it missed.
    private func intervalRounds(caseIndex: Int, step: Int) async -> Round {
        let interval = Duration.milliseconds(intervalMilliseconds)
        var rounds = Round()
        var beat = ContinuousClock.now + interval
        while true {
            do {
                try await Task.sleep(until: beat, clock: .continuous)
            } catch {
                return rounds
            }
            let round = await round(.interval, caseIndex: caseIndex, step: step)
            // A round cut short by the case's end is dropped: its failures are the cancellation's.
            if Task.isCancelled { return rounds }
            rounds.add(round)
            let now = ContinuousClock.now
            while beat <= now { beat += interval }
        }
    }

    /// One round: every URL read at once, the answers written in the order they arrived.
    private func round(_ moment: MetricScrape.Moment, caseIndex: Int, step: Int) async -> Round {
        let number = lastRound.withLock { last in
            last += 1
            return last
        }
        let answers = await withTaskGroup(of: (Int, Result<ScrapeClient.Page, ScrapeClient.Failure>).self) { group in
            for (source, target) in targets.enumerated() {
                group.addTask { (source, await self.client.read(target)) }
            }
            var answers: [(Int, Result<ScrapeClient.Page, ScrapeClient.Failure>)] = []
            for await answer in group { answers.append(answer) }
            return answers
        }
        var round = Round()
        var pages: [(page: ScrapeClient.Page, scrape: MetricScrape)] = []
        for (source, answer) in answers {
            switch answer {
            case .success(let page):
                let scrape = MetricScrape(
                    source: source,
                    round: number,
                    moment: moment,
                    clockNanoseconds: page.clockNanoseconds,
                    exposition: page.exposition
                )
                pages.append((page, scrape))
            case .failure(let failure):
                round.failures.append((source, failure.reason))
            }
        }
        // A round the case's end cut short is dropped whole: the file holds what the summary reads.
        guard !Task.isCancelled else { return round }
        pages.sort { $0.scrape.clockNanoseconds < $1.scrape.clockNanoseconds }
        for (page, scrape) in pages {
            if let failure = file.append(scrape, date: page.date, caseIndex: caseIndex, step: step) {
                round.writeFailure = failure
            }
            round.scrapes.append(scrape)
        }
        return round
    }
}
