import ArgumentParser

/// The operator's command line: `run`, `dev`, `crds`, `version`.
@main
struct RebalanceOperator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebalance-operator",
        abstract: "Evacuates and rebalances EMQX broker clusters on Kubernetes.",
        subcommands: [VersionCommand.self]
    )
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the operator's version.")

    func run() {
        print("rebalance-operator 0.1.0")
    }
}
