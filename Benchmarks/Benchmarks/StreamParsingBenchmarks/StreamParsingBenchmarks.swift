import Benchmark
import LLMBench

/// Events per benchmark stream: 3,998 tokens, the usage chunk and `[DONE]`.
private let streamEventCount = 4_000

/// A stream and the reads it arrives in.
private struct ReadPlan: Sendable {
    var stream: CompletionStream
    var reads: [Range<Int>]
}

/// Feeds `plan`'s reads to a new parser, handling every event as the stream handler does.
private func parseAndScan(_ plan: ReadPlan) throws {
    var parser = ServerSentEventParser()
    var tally = StreamTally()
    try plan.stream.bytes.withUnsafeBytes { body in
        for read in plan.reads {
            try parser.feed(UnsafeRawBufferPointer(rebasing: body[read])) { try tally.handle($0) }
        }
    }
    try parser.finish { try tally.handle($0) }
    try tally.check(against: plan.stream)
    blackHole(tally)
}

/// Feeds `plan`'s reads to a new parser and only counts the events.
private func parseOnly(_ plan: ReadPlan) throws {
    var parser = ServerSentEventParser()
    var events = 0
    try plan.stream.bytes.withUnsafeBytes { body in
        for read in plan.reads {
            try parser.feed(UnsafeRawBufferPointer(rebasing: body[read])) { event in
                events += 1
                blackHole(event.data.count)
            }
        }
    }
    try parser.finish { _ in events += 1 }
    guard events == plan.stream.eventCount else {
        throw StreamTally.Mismatch(description: "read \(events) events of \(plan.stream.eventCount)")
    }
}

let benchmarks: @Sendable () -> Void = {
    // One iteration reads one whole 4,000-event stream: throughput is streams per second and the malloc
    // count is per stream; divide by 4,000 for per-event figures. No `.cpuTotal`: on Linux it counts in
    // 10 ms ticks and adds 16 mallocs of the framework's to every iteration.
    let perStream = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        warmupIterations: 3,
        maxDuration: .seconds(2),
        maxIterations: 200
    )
    let readSizes: [(name: String, plan: @Sendable (CompletionStream) -> [Range<Int>])] = [
        ("1 event per read", { $0.readsPerEvent }),
        ("1448 B reads", { $0.reads(ofSize: 1_448) }),
        ("16 KiB reads", { $0.reads(ofSize: 16 << 10) }),
    ]
    for (name, plan) in readSizes {
        Benchmark(
            "SSE parse + chunk scan, 4000 events, \(name)",
            configuration: perStream
        ) { (benchmark: Benchmark, input: ReadPlan) throws in
            for _ in benchmark.scaledIterations { try parseAndScan(input) }
        } setup: {
            let stream = CompletionStream(eventCount: streamEventCount)
            return ReadPlan(stream: stream, reads: plan(stream))
        }
    }

    Benchmark(
        "SSE parse only, 4000 events, 16 KiB reads",
        configuration: perStream
    ) { (benchmark: Benchmark, input: ReadPlan) throws in
        for _ in benchmark.scaledIterations { try parseOnly(input) }
    } setup: {
        let stream = CompletionStream(eventCount: streamEventCount)
        return ReadPlan(stream: stream, reads: stream.reads(ofSize: 16 << 10))
    }

    // 1,000 scans per iteration, reported per scan.
    Benchmark(
        "Chunk scan, token chunk",
        configuration: .init(
            metrics: [.throughput, .wallClock, .mallocCountTotal],
            warmupIterations: 3,
            scalingFactor: .kilo,
            maxDuration: .seconds(2),
            maxIterations: 1_000
        )
    ) { (benchmark: Benchmark, payloads: [[UInt8]]) throws in
        for index in benchmark.scaledIterations {
            let chunk = try CompletionChunkScanner.scan(payloads[index % payloads.count])
            blackHole(chunk)
        }
    } setup: {
        Array(CompletionStream(eventCount: streamEventCount).payloads.dropLast())
    }
}
