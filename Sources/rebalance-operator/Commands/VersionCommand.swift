import ArgumentParser
import BuildInfo

/// `rebalance-operator version`: the operator's version, the commit it was built from and the Swift compiler that
/// built it, one `key: value` per line after the first:
///
/// ```text
/// rebalance-operator 0.1.0
/// commit: 0749e86…
/// swift: 6.3
/// ```
///
/// The commit is `unknown` when the build had neither git nor `REBALANCE_OPERATOR_COMMIT`; an incremental build may
/// show the commit of the build that last planned it (see `buildCommit` in Package.swift); clean builds (CI, the
/// Dockerfile) show their own.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the operator's version, commit and Swift version.")

    static let version = "0.1.0"

    /// The commit recorded at build time.
    static var commit: String { String(cString: rebalance_operator_build_commit()) }

    /// The major and minor version of the compiler that built this binary.
    static var swiftVersion: String {
        #if compiler(>=6.5)
        "6.5 or newer"
        #elseif compiler(>=6.4)
        "6.4"
        #elseif compiler(>=6.3)
        "6.3"
        #elseif compiler(>=6.2)
        "6.2"
        #elseif compiler(>=6.1)
        "6.1"
        #else
        "6.0"
        #endif
    }

    /// What `version` prints.
    static var text: String {
        "rebalance-operator \(version)\ncommit: \(commit)\nswift: \(swiftVersion)"
    }

    func run() {
        print(Self.text)
    }
}
