import Foundation

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
) throws -> BinaryResult {
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
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return BinaryResult(
        status: process.terminationStatus,
        standardOutput: String(decoding: outputData, as: UTF8.self),
        standardError: String(decoding: errorData, as: UTF8.self)
    )
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
