// swift-tools-version: 6.3
// ordo-one/benchmark 1.38.1 declares tools 6.3.
import PackageDescription

import struct Foundation.URL

/// SwiftPM names a path dependency after its folder, so the main package's identity is whatever the clone's
/// folder is called (`main` in this work tree), not `llm-bench`.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent

let package = Package(
    name: "llm-bench-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../"),
        // Only the malloc interposer: the default traits also pull in swift-runtime-interposer, which is not
        // among the local package copies.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "StreamParsingBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LLMBench", package: mainPackage),
            ],
            path: "Benchmarks/StreamParsingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ResultBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LLMBench", package: mainPackage),
                .product(name: "LLMBenchSupport", package: mainPackage),
            ],
            path: "Benchmarks/ResultBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
