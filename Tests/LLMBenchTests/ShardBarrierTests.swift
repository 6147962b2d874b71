import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// Shards meeting in a shared folder at each case: one instant for all that arrived, those that did
/// not named, a late one counted late, and what another run or a half-written file left ignored.
struct ShardBarrierTests {
    static func barrier(
        _ index: Int,
        of count: Int,
        in directory: String,
        timeout: Double,
        notBefore: Int64? = nil,
        absence: ShardAbsence = ShardAbsence(),
        presumedGoneWait: Int64 = 5_000_000_000
    ) -> ShardBarrier {
        ShardBarrier(
            start: CommonStart(notBeforeUnixNanoseconds: notBefore, syncDirectory: directory, timeoutSeconds: timeout),
            shard: ShardSelection(index: index, count: count)!,
            absence: absence,
            presumedGoneWaitNanoseconds: presumedGoneWait
        )
    }

    @Test func shardsWaitingInOneFolderStartEachCaseAtOneInstant() async throws {
        try await withTemporaryDirectory { directory in
            let start = CommonStart(notBeforeUnixNanoseconds: nil, syncDirectory: directory, timeoutSeconds: 30)
            let starts = try await withThrowingTaskGroup(of: ShardStart?.self) { group in
                for index in 0..<3 {
                    group.addTask {
                        try await ShardBarrier(start: start, shard: ShardSelection(index: index, count: 3)!)
                            .wait(caseIndex: 0, step: 0, isFirst: true, stop: StopRequest())
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }.compactMap { $0 }
            }
            #expect(starts.count == 3)
            #expect(Set(starts.map(\.targetUnixNanoseconds)).count == 1, "one instant for all")
            #expect(starts.allSatisfy { $0.missingShards.isEmpty && $0.lateNanoseconds >= 0 })
            await #expect {
                try await ShardBarrier(start: start, shard: ShardSelection(index: 1, count: 3)!)
                    .wait(caseIndex: 0, step: 0, isFirst: true, stop: StopRequest())
            } throws: { error in
                (error as? OutputError)?.reason.contains("already arrived here") == true
            }
        }
    }

    @Test func aShardThatNeverArrivesIsNamedWhenTheWaitTimesOut() async throws {
        try await withTemporaryDirectory { directory in
            let start = CommonStart(notBeforeUnixNanoseconds: nil, syncDirectory: directory, timeoutSeconds: 0.05)
            let alone = try await ShardBarrier(start: start, shard: ShardSelection(index: 0, count: 2)!)
                .wait(caseIndex: 1, step: 0, isFirst: false, stop: StopRequest())
            #expect(alone?.missingShards == [1])
        }
    }

    @Test func aShardArrivingAfterTheOthersBeganWithoutItBeginsAtOnceCountedLate() async throws {
        try await withTemporaryDirectory { directory in
            let early = try #require(
                try await Self.barrier(0, of: 2, in: directory, timeout: 0.05)
                    .wait(caseIndex: 0, step: 0, isFirst: false, stop: StopRequest())
            )
            #expect(early.missingShards == [1])
            let late = try #require(
                try await Self.barrier(1, of: 2, in: directory, timeout: 30)
                    .wait(caseIndex: 0, step: 0, isFirst: false, stop: StopRequest())
            )
            #expect(late.targetUnixNanoseconds == early.targetUnixNanoseconds, "the instant the other began")
            #expect(late.lateNanoseconds > 0, "late by as long as it was, not on time by an instant of its own")
            #expect(late.missingShards.isEmpty)
        }
    }

    @Test func shardsThatAllArrivedBeforeStartAtBeginAtIt() async throws {
        try await withTemporaryDirectory { directory in
            let notBefore = WallClock.now() + 1_000_000_000
            let starts = try await withThrowingTaskGroup(of: ShardStart?.self) { group in
                for index in 0..<2 {
                    group.addTask {
                        try await Self.barrier(index, of: 2, in: directory, timeout: 30, notBefore: notBefore)
                            .wait(caseIndex: 0, step: 0, isFirst: true, stop: StopRequest())
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }.compactMap { $0 }
            }
            // The arrivals as written: on a loaded machine the shards may arrive after --start-at.
            let arrivals = try (0..<2).map { index in
                let text = try String(
                    contentsOfFile: directory + "/case-0-step-0/shard-\(index).arrived",
                    encoding: .utf8
                )
                return try #require(Int64(text.dropLast()))
            }
            let expected = max((arrivals.max() ?? 0) + ShardBarrier.leadNanoseconds, notBefore)
            #expect(
                starts.map(\.targetUnixNanoseconds) == [expected, expected],
                "--start-at itself when all were early"
            )
        }
    }

    @Test func aWaitThatTimesOutStillBeginsNoEarlierThanStartAt() async throws {
        try await withTemporaryDirectory { directory in
            let notBefore = WallClock.now() + 200_000_000
            let alone = try #require(
                try await Self.barrier(0, of: 2, in: directory, timeout: 0.05, notBefore: notBefore)
                    .wait(caseIndex: 0, step: 0, isFirst: true, stop: StopRequest())
            )
            #expect(alone.missingShards == [1])
            #expect(alone.targetUnixNanoseconds >= notBefore, "timed out before --start-at: begins no earlier")
            #expect(alone.lateNanoseconds >= 0)
            let marker = try String(
                contentsOfFile: directory + "/case-0-step-0/shard-0.started-without",
                encoding: .utf8
            )
            #expect(marker == "\(alone.targetUnixNanoseconds)\n", "the instant a later shard is counted late from")
        }
    }

    @Test(.timeLimit(.minutes(1))) func aShardMissedAtOneCaseIsWaitedForBrieflyAtTheNextUntilItArrives()
        async throws
    {
        try await withTemporaryDirectory { directory in
            let absences = [ShardAbsence(), ShardAbsence()]
            let barrier: @Sendable (Int, Double) -> ShardBarrier = { index, timeout in
                Self.barrier(
                    index,
                    of: 3,
                    in: directory,
                    timeout: timeout,
                    absence: absences[index],
                    presumedGoneWait: 50_000_000
                )
            }
            // Case 1: shard 0 gives up on the others; shard 1 comes after it, shard 2 never.
            let first = [
                try await barrier(0, 0.05).wait(caseIndex: 0, step: 0, isFirst: false, stop: StopRequest()),
                try await barrier(1, 30).wait(caseIndex: 0, step: 0, isFirst: false, stop: StopRequest()),
            ]
            #expect(first.map { $0?.missingShards } == [[1, 2], [2]])
            #expect(
                first[0]?.targetUnixNanoseconds == first[1]?.targetUnixNanoseconds,
                "the second began with the first"
            )
            #expect(absences.allSatisfy { $0.presumedGone() == [2] }, "shard 1 has arrived since; shard 2 has not")
            let both = { (timeout: Double, caseIndex: Int) in
                try await withThrowingTaskGroup(of: ShardStart?.self) { group in
                    for index in 0..<2 {
                        group.addTask {
                            try await barrier(index, timeout)
                                .wait(caseIndex: caseIndex, step: 0, isFirst: false, stop: StopRequest())
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }.compactMap { $0 }
                }
            }
            let asked = WallClock.now()
            let second = try await both(600, 1)
            #expect(second.map(\.missingShards) == [[2], [2]])
            #expect(
                second.allSatisfy { $0.targetUnixNanoseconds - asked < 30_000_000_000 },
                "not the whole timeout for a shard presumed gone"
            )
            _ = try await Self.barrier(2, of: 3, in: directory, timeout: 30)
                .wait(caseIndex: 1, step: 0, isFirst: false, stop: StopRequest())
            #expect(absences.allSatisfy { $0.presumedGone().isEmpty }, "arrived where it was missed: waited for again")
        }
    }

    @Test(.timeLimit(.minutes(1))) func aCancelledWaitEndsAtOnceAndTellsTheOthersNothing() async throws {
        try await withTemporaryDirectory { directory in
            let waiting = Task {
                try await Self.barrier(0, of: 2, in: directory, timeout: 600)
                    .wait(caseIndex: 0, step: 0, isFirst: false, stop: StopRequest())
            }
            waiting.cancel()
            let start = try await waiting.value
            #expect(start?.missingShards == [1])
            #expect(!FileManager.default.fileExists(atPath: directory + "/case-0-step-0/shard-0.started-without"))
        }
    }

    @Test func aRunMissingAShardSaysSoAtEveryCase() async throws {
        let recorder = EventRecorder()
        let report = try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: SimulatorOptions(latency: .instant)) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2)
                config.cases = [
                    BenchmarkCase(inputTokens: 8, outputTokens: 3), BenchmarkCase(inputTokens: 4, outputTokens: 2),
                ]
                config.seed = 1
                config.shard = ShardSelection(index: 0, count: 2)
                config.commonStart = CommonStart(
                    notBeforeUnixNanoseconds: nil,
                    syncDirectory: directory + "/sync",
                    timeoutSeconds: 0.05
                )
                return try await BenchmarkRunner(config: config).run(observer: recorder.observe)
            }
        }
        #expect(report.cases.map { $0.shardStart?.missingShards } == [[1], [1]])
        let missing = recorder.warnings.filter { if case .shardsMissing = $0 { true } else { false } }
        #expect(
            missing == [
                .shardsMissing(caseIndex: 0, shards: [1], count: 2),
                .shardsMissing(caseIndex: 1, shards: [1], count: 2),
            ]
        )
        #expect(missing.first?.description.contains("began without shard 1 of 2") == true)
    }

    @Test(.timeLimit(.minutes(1))) func aShardLaterThanTwiceTheTimeoutStillBeginsAtOnceCountedLate() async throws {
        try await withTemporaryDirectory { directory in
            let folder = directory + "/case-0-step-0"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let long = WallClock.now() - 10_000_000_000
            try Data("\(long)\n".utf8).write(to: URL(fileURLWithPath: folder + "/shard-0.arrived"))
            try Data("\(long + 1_000_000_000)\n".utf8).write(
                to: URL(fileURLWithPath: folder + "/shard-0.started-without")
            )
            let late = try #require(
                try await Self.barrier(1, of: 2, in: directory, timeout: 1)
                    .wait(caseIndex: 0, step: 0, isFirst: false, stop: StopRequest())
            )
            #expect(late.targetUnixNanoseconds == long + 1_000_000_000, "the instant shard 0 began")
            #expect(late.lateNanoseconds > 8_000_000_000)
            #expect(late.missingShards.isEmpty, "shard 0 was there, however long ago")
        }
    }

    @Test func arrivalsOfAnotherRunAndHalfWrittenOnesAreNotCounted() async throws {
        try await withTemporaryDirectory { directory in
            let folder = directory + "/case-0-step-0"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data("\(WallClock.now() - 3_600_000_000_000)\n".utf8).write(
                to: URL(fileURLWithPath: folder + "/shard-1.arrived")
            )
            try Data("17".utf8).write(to: URL(fileURLWithPath: folder + "/shard-2.arrived"))
            let alone = try await Self.barrier(0, of: 3, in: directory, timeout: 0.05)
                .wait(caseIndex: 0, step: 0, isFirst: false, stop: StopRequest())
            #expect(alone?.missingShards == [1, 2])
        }
    }
}
