import Foundation
import Testing
import TestSupport

/// `rebalance-operator run` as a child process of a test, against a dev environment's kubeconfig.
enum OperatorProcess {
    /// The debug build beside the test bundle (`swift build --build-tests` builds it).
    static func debugBinary() throws -> String {
        try #require(BuiltExecutable.path("rebalance-operator"), "build first: swift build --build-tests")
    }

    /// The release build, when one exists: `$REBALANCE_OPERATOR_RELEASE_BINARY` (a release built elsewhere, e.g. with
    /// `--scratch-path`), else `.build/release/rebalance-operator` (`swift build -c release --product rebalance-operator`).
    static var releaseBinary: String? {
        let candidates: [String?] = [
            ProcessInfo.processInfo.environment["REBALANCE_OPERATOR_RELEASE_BINARY"],
            packageRoot.appendingPathComponent(".build/release/rebalance-operator").path,
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `binary run` in `group`: probes on an ephemeral port, no metrics listener, text logs at info.
    static func start(_ binary: String, kubeconfig: String, in group: ProcessGroup, arguments: [String] = []) throws -> RunningProcess {
        try group.start(binary, [
            "run", "--kubeconfig", kubeconfig, "--health-probe-bind-address", "127.0.0.1:0",
            "--metrics-bind-address", "0", "--log-level", "info", "--log-format", "text",
        ] + arguments)
    }
}
