import ArgumentParser
import LLMBenchSimulator

/// Reads `--fault NAME=VALUE` options into the simulator's fault injection
/// (``FaultInjection/init(specs:seed:)`` holds the rules).
enum FaultOption {
    static func parse(_ options: [String], seed: UInt64?) throws -> FaultInjection {
        do {
            return try FaultInjection(specs: options, seed: seed)
        } catch {
            throw ValidationError("--fault \(error)")
        }
    }
}
