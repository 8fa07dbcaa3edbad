// swift-tools-version: 6.1
import PackageDescription

/// One list of settings for every target: Swift 6 language mode (strict concurrency) and explicit `any`.
let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// The commit this build is made from, for `rebalance-operator version`: `$REBALANCE_OPERATOR_COMMIT` when set (the
/// Docker build passes it, having no `.git`), else git's HEAD with `-dirty` when the work tree has uncommitted changes,
/// else `unknown`. Only letters, digits and `._+-` are kept, so it is safe inside a C string literal.
/// SwiftPM evaluates this again only when the build plan is redone (a clean build, as in CI and the Dockerfile, or an
/// edit of this file): an incremental build keeps the commit of the last evaluation.
let buildCommit: String = {
    let given = Context.environment["REBALANCE_OPERATOR_COMMIT"] ?? ""
    let found = Context.gitInformation.map { $0.currentCommit + ($0.hasUncommittedChanges ? "-dirty" : "") }
    let raw = given.isEmpty ? (found ?? "unknown") : given
    let safe = String(raw.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._+-".unicodeScalars.contains($0)) })
    return safe.isEmpty ? "unknown" : safe
}()

let package = Package(
    name: "rebalance-operator",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rebalance-operator", targets: ["rebalance-operator"]),
        .executable(name: "kube-test-server", targets: ["kube-test-server"]),
        .executable(name: "emqx-sim", targets: ["emqx-sim"]),
    ],
    traits: [
        .trait(
            name: "DevEnvironment",
            description: "Link the embedded `dev` environment (the test API server and the EMQX simulator) into rebalance-operator. On by default so that `swift run rebalance-operator dev` works; images build without it (`--disable-default-traits`)."
        ),
        .default(enabledTraits: ["DevEnvironment"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.25.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.0"),
    ],
    targets: [
        // Time that tests control: a manual clock shared by the broker simulator and the operator.
        .target(name: "VirtualTime", swiftSettings: settings),

        // Dependency-free building blocks below both clients and the doubles: backoff with jitter, seeded randomness,
        // the erased clock, Duration conversions, JSON string escaping.
        .target(name: "Primitives", swiftSettings: settings),

        // Kubernetes REST client: config, typed and dynamic resources, watch. No controller logic.
        .target(
            name: "KubeClient",
            dependencies: [
                "Primitives",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: settings
        ),

        // Generic controller machinery: cache, queue, controllers, leader election, probes, metrics.
        .target(
            name: "ControllerRuntime",
            dependencies: [
                "KubeClient",
                "Primitives",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        ),

        // Typed client for the EMQX v5 REST API used here.
        .target(
            name: "EMQXClient",
            dependencies: [
                "Primitives",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        ),

        // An EMQX cluster double: eviction agents, evacuation and rebalance, simulated clients, the HTTP API.
        .target(
            name: "EMQXSimulator",
            dependencies: [
                "Primitives",
                "VirtualTime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: settings
        ),

        // The domain: CRD types, planner, reconcilers, drain and scale-up automation.
        .target(
            name: "Rebalancing",
            dependencies: [
                "KubeClient",
                "ControllerRuntime",
                "EMQXClient",
                "Primitives",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: settings
        ),

        // A Kubernetes API server double for tests and `dev`, faithful enough for kubectl and Python clients.
        .target(
            name: "KubeTestServer",
            dependencies: [
                "KubeClient",
                "Primitives",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: settings
        ),

        // The embedded `dev` environment: test API server, simulated EMQX cluster, the StatefulSet and scheduler it
        // plays, and the operator, in one process. Also what the end-to-end tests start.
        .target(
            name: "DevEnvironment",
            dependencies: [
                "ControllerRuntime",
                "KubeClient",
                "EMQXClient",
                "KubeTestServer",
                "EMQXSimulator",
                "Rebalancing",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        ),

        // Build facts for `rebalance-operator version`: a C target, because C defines carry values and Swift's do not.
        .target(name: "BuildInfo", cSettings: [.define("REBALANCE_OPERATOR_COMMIT", to: "\"\(buildCommit)\"")]),

        // The operator's executable. The test doubles come in only through DevEnvironment, and only with the trait of
        // that name: `swift build -c release --product rebalance-operator --disable-default-traits` has neither.
        .executableTarget(
            name: "rebalance-operator",
            dependencies: [
                "Rebalancing",
                "ControllerRuntime",
                "BuildInfo",
                .target(name: "DevEnvironment", condition: .when(traits: ["DevEnvironment"])),
                "KubeClient",
                "EMQXClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "kube-test-server",
            dependencies: [
                "KubeTestServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "emqx-sim",
            dependencies: [
                "EMQXSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        ),

        // Helpers shared by the test targets (running kubectl, python and our executables).
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: settings),
        .testTarget(name: "VirtualTimeTests", dependencies: ["VirtualTime"], swiftSettings: settings),
        .testTarget(name: "PrimitivesTests", dependencies: ["Primitives", "VirtualTime"], swiftSettings: settings),
        .testTarget(name: "KubeClientTests", dependencies: ["KubeClient", "KubeTestServer", "Primitives", "VirtualTime", "TestSupport"], swiftSettings: settings),
        .testTarget(
            name: "ControllerRuntimeTests",
            dependencies: [
                "ControllerRuntime", "KubeClient", "KubeTestServer", "Primitives", "VirtualTime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "EMQXClientTests",
            dependencies: ["EMQXClient", "EMQXSimulator", "VirtualTime", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: settings
        ),
        .testTarget(
            name: "EMQXSimulatorTests",
            dependencies: [
                "EMQXSimulator",
                "VirtualTime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "RebalancingTests",
            dependencies: ["Rebalancing", "ControllerRuntime", "KubeClient", "EMQXClient", "EMQXSimulator", "VirtualTime", "TestSupport"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "DevEnvironmentTests",
            dependencies: ["DevEnvironment", "KubeClient", "KubeTestServer", "EMQXSimulator", "Rebalancing", "TestSupport", .product(name: "Yams", package: "Yams")],
            swiftSettings: settings
        ),
        // The install: deploy/ and dist/, monitoring rules and dashboard, the production binary, process lifecycle.
        .testTarget(
            name: "InstallTests",
            dependencies: [
                "TestSupport", "KubeClient", "ControllerRuntime", "Rebalancing",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "KubeTestServerTests",
            dependencies: [
                "KubeTestServer", "KubeClient", "TestSupport",
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            exclude: ["PythonE2E"],
            swiftSettings: settings
        ),
    ]
)
