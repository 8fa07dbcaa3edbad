#if !DevEnvironment
import ArgumentParser
import Foundation

/// `rebalance-operator dev` in a build without the package trait `DevEnvironment` (production images): the test API
/// server and the EMQX simulator are not linked in, so there is no dev environment to start.
///
/// ## Guarantees
/// - Hidden from `--help`; asking for it prints why it is absent and how to get it, then exits 64 (`EX_USAGE`)
///   without starting anything, whatever arguments follow.
struct DevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Not in this build (built without the DevEnvironment trait).",
        shouldDisplay: false
    )

    /// What `dev` answers in this build.
    static let message = """
        rebalance-operator dev: this binary was built without the embedded dev environment (package trait \
        DevEnvironment), as production images are. Use a default build instead: swift run rebalance-operator dev
        """

    @Argument(parsing: .allUnrecognized, help: .hidden)
    var ignored: [String] = []

    func run() throws {
        FileHandle.standardError.write(Data((Self.message + "\n").utf8))
        throw ExitCode(64)
    }
}
#endif
