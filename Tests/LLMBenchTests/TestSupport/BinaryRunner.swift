import Foundation
import Synchronization

/// The result of running the built `llm-bench` binary.
struct BinaryResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// Runs the built `llm-bench` executable with `arguments` in `directory`, waiting for it to exit;
/// with `fileSizeLimitBlocks`, under that file-size limit (`ulimit -f`, 512-byte blocks).
func runBinary(
    _ arguments: [String],
    in directory: String,
    environment: [String: String] = [:],
    fileSizeLimitBlocks: Int? = nil
) async throws -> BinaryResult {
    let binary = try RunningBinary(
        arguments,
        in: directory,
        environment: environment,
        fileSizeLimitBlocks: fileSizeLimitBlocks
    )
    return await binary.finish()
}

/// A started `llm-bench` process. Its stdout and stderr are read at once, each on a thread of its
/// own, so a chatty child never blocks on a full pipe and no test task blocks the cooperative pool.
final class RunningBinary: Sendable {
    private let process: Process
    private let output: PipeCollector
    private let error: PipeCollector
    private let exitStatus: OneShot<Int32>

    init(
        _ arguments: [String],
        in directory: String,
        environment: [String: String] = [:],
        fileSizeLimitBlocks: Int? = nil
    ) throws {
        let process = Process()
        if let blocks = fileSizeLimitBlocks {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -f \(blocks) && exec \"$0\" \"$@\"", binaryURL.path] + arguments
        } else {
            process.executableURL = binaryURL
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "OPENAI_API_KEY")
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        let exitStatus = OneShot<Int32>()
        process.terminationHandler = { exitStatus.set($0.terminationStatus) }
        try process.run()
        self.process = process
        self.exitStatus = exitStatus
        output = PipeCollector(outputPipe.fileHandleForReading)
        error = PipeCollector(errorPipe.fileHandleForReading)
    }

    /// Waits until stderr contains `text`; false when the process closed stderr first.
    func waitForStandardError(containing text: String) async -> Bool {
        await error.wait(for: text)
    }

    /// What the process wrote to stderr so far.
    var standardErrorSoFar: String { error.textSoFar }

    /// Sends `signal` (e.g. SIGINT) to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the exit and the end of both streams.
    func finish() async -> BinaryResult {
        let status = await exitStatus.value
        return BinaryResult(status: status, standardOutput: await output.text, standardError: await error.text)
    }

    /// As `finish`, but gives up after `seconds`: kills the process and returns nil. A guard
    /// against a test hanging, not a measurement.
    func finish(within seconds: Double) async -> BinaryResult? {
        let exitStatus = exitStatus
        let identifier = process.processIdentifier
        let exited = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                _ = await exitStatus.value
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return false
            }
            let first = await group.next() ?? false
            if !first { kill(identifier, SIGKILL) }
            group.cancelAll()
            return first
        }
        guard exited else {
            _ = await finish()
            return nil
        }
        return await finish()
    }
}

/// Everything read from a pipe until its end, by a thread of its own; tasks can wait for a text.
private final class PipeCollector: Sendable {
    private struct State {
        var data = Data()
        var isFinished = false
        var waiters: [(text: String, continuation: CheckedContinuation<Bool, Never>)] = []
    }

    private let state = Mutex(State())

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                received(chunk)
                if chunk.isEmpty { return }
            }
        }
    }

    /// Everything the pipe carried, once it has ended.
    var text: String {
        get async {
            _ = await wait(for: nil)
            return state.withLock { String(decoding: $0.data, as: UTF8.self) }
        }
    }

    /// The text read so far.
    var textSoFar: String { state.withLock { String(decoding: $0.data, as: UTF8.self) } }

    /// Waits until the text read so far contains `text` (true) or the pipe ends (false when
    /// `text` never came; with nil, waits for the end).
    func wait(for text: String?) async -> Bool {
        await withCheckedContinuation { continuation in
            let answer: Bool? = state.withLock { state in
                if let text, String(decoding: state.data, as: UTF8.self).contains(text) { return true }
                if state.isFinished { return text == nil }
                state.waiters.append((text ?? "", continuation))
                return nil
            }
            if let answer { continuation.resume(returning: answer) }
        }
    }

    private func received(_ chunk: Data) {
        let ready = state.withLock { state in
            state.data.append(chunk)
            if chunk.isEmpty { state.isFinished = true }
            let text = String(decoding: state.data, as: UTF8.self)
            var ready: [(CheckedContinuation<Bool, Never>, Bool)] = []
            state.waiters.removeAll { waiter in
                if !waiter.text.isEmpty, text.contains(waiter.text) {
                    ready.append((waiter.continuation, true))
                    return true
                }
                if state.isFinished {
                    ready.append((waiter.continuation, waiter.text.isEmpty))
                    return true
                }
                return false
            }
            return ready
        }
        for (continuation, answer) in ready { continuation.resume(returning: answer) }
    }
}

/// A value set once, from any thread, that tasks wait for.
private final class OneShot<Value: Sendable>: Sendable {
    private let state = Mutex<(value: Value?, waiters: [CheckedContinuation<Value, Never>])>((nil, []))

    func set(_ value: Value) {
        let waiters = state.withLock { state in
            state.value = value
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let value = state.withLock { state -> Value? in
                    if let value = state.value { return value }
                    state.waiters.append(continuation)
                    return nil
                }
                if let value { continuation.resume(returning: value) }
            }
        }
    }
}

/// The `llm-bench` binary built next to the test bundle.
let binaryURL: URL = {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = testBinary.deletingLastPathComponent()
    while folder.path != "/" {
        let candidate = folder.appendingPathComponent("llm-bench")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return candidate
        }
        folder.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: packageRoot).appendingPathComponent(".build/debug/llm-bench")
}()
