import Foundation
import Testing
import TestSupport

/// `rebalance-operator run` as a child process of a test, against a dev environment's kubeconfig.
enum OperatorProcess {
    /// The debug build beside the test bundle (`swift build --build-tests` builds it).
    static func debugBinary() throws -> String {
        try #require(BuiltExecutable.path("rebalance-operator", packageRoot: ReadmeCommandsTests.root), "build first: swift build --build-tests")
    }

    /// The release build, when one exists (`swift build -c release --product rebalance-operator`).
    static var releaseBinary: String? {
        let path = ReadmeCommandsTests.root.appendingPathComponent(".build/release/rebalance-operator").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Starts `binary run` in `group`: probes on an ephemeral port, no metrics listener, text logs at info.
    static func start(_ binary: String, kubeconfig: String, in group: ProcessGroup) throws -> RunningProcess {
        try group.start(binary, [
            "run", "--kubeconfig", kubeconfig, "--health-probe-bind-address", "127.0.0.1:0",
            "--metrics-bind-address", "0", "--log-level", "info", "--log-format", "text",
        ])
    }
}
