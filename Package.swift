// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "llm-bench",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "llm-bench", targets: ["llm-bench"]),
        .library(name: "LLMBench", targets: ["LLMBench"]),
        .library(name: "LLMBenchSimulator", targets: ["LLMBenchSimulator"]),
        .library(name: "LLMBenchSupport", targets: ["LLMBenchSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        // What the engine and the simulator share without depending on each other: the seeded
        // generator, the JSON string escaper and the typed-throws `Result` adapter.
        .target(name: "LLMBenchSupport"),
        // epoll and eventfd for the timed event loop (Linux); empty elsewhere.
        .target(name: "CLinuxEvents"),
        .target(
            name: "LLMBenchSimulator",
            dependencies: [
                "LLMBenchSupport",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LLMBench",
            dependencies: [
                "LLMBenchSupport",
                "CLinuxEvents",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .executableTarget(
            name: "llm-bench",
            dependencies: [
                "LLMBench",
                "LLMBenchSimulator",
                "LLMBenchSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Release builds on Linux link the Swift runtime and Foundation statically: the loader and the
            // runtime then touch fewer pages (peak RSS −5 MB) and calls skip the PLT (−10 % CPU).
            // Compiling this target against the static modules names Foundation's own libraries for
            // the linker; the library targets stay as they are, so tests and Benchmarks/ link as usual.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(
            name: "LLMBenchTests",
            dependencies: [
                "LLMBench",
                "LLMBenchSimulator",
                "LLMBenchSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "LLMBenchSupportTests", dependencies: ["LLMBenchSupport"]),
        .testTarget(
            name: "LLMBenchSimulatorTests",
            dependencies: [
                "LLMBenchSimulator",
                "LLMBenchSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ]
)

// CI sets LLM_BENCH_WARNINGS_AS_ERRORS=1: a warning in our own targets (never in the
// dependencies', which SwiftPM builds with warnings suppressed) fails the build.
let warningsAreErrors = Context.environment["LLM_BENCH_WARNINGS_AS_ERRORS"] == "1"

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    if warningsAreErrors { settings.append(.unsafeFlags(["-warnings-as-errors"])) }
    target.swiftSettings = settings
}
