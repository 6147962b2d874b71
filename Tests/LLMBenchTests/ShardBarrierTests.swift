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
            #expect(starts.map(\.targetUnixNanoseconds) == [notBefore, notBefore], "--start-at itself, not after it")
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
            #expect(alone.targetUnixNanoseconds == notBefore)
            #expect(alone.lateNanoseconds >= 0)
        }
    }

    @Test func aShardMissedAtOneCaseIsWaitedForBrieflyAtTheNextUntilItArrives() async throws {
        try await withTemporaryDirectory { directory in
            let absences = [ShardAbsence(), ShardAbsence()]
            let both = { (timeout: Double, caseIndex: Int) in
                try await withThrowingTaskGroup(of: ShardStart?.self) { group in
                    for index in 0..<2 {
                        group.addTask {
                            try await Self.barrier(
                                index,
                                of: 3,
                                in: directory,
                                timeout: timeout,
                                absence: absences[index],
                                presumedGoneWait: 50_000_000
                            )
                            .wait(caseIndex: caseIndex, step: 0, isFirst: false, stop: StopRequest())
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }.compactMap { $0 }
                }
            }
            let first = try await both(0.2, 0)
            #expect(first.map(\.missingShards) == [[2], [2]])
            let targets = first.map(\.targetUnixNanoseconds)
            #expect((targets.max() ?? 0) - (targets.min() ?? 0) < 20_000_000, "the second began with the first")
            #expect(absences.allSatisfy { $0.presumedGone() == [2] })
            let asked = WallClock.now()
            let second = try await both(600, 1)
            #expect(second.map(\.missingShards) == [[2], [2]])
            #expect(
                second.allSatisfy { $0.targetUnixNanoseconds - asked < 300_000_000_000 },
                "not the whole timeout for a shard presumed gone"
            )
            _ = try await Self.barrier(2, of: 3, in: directory, timeout: 30)
                .wait(caseIndex: 1, step: 0, isFirst: false, stop: StopRequest())
            #expect(absences.allSatisfy { $0.presumedGone().isEmpty }, "arrived where it was missed: waited for again")
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
