import ArgumentParser

/// `rebalance-operator version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the operator's version.")

    static let version = "0.1.0"

    func run() {
        print("rebalance-operator \(Self.version)")
    }
}
