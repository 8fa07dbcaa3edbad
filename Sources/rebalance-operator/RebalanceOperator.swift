import ArgumentParser

/// The operator's command line: `dev`, `crds`, `version` (and `run` once the reconcilers land).
@main
struct RebalanceOperator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebalance-operator",
        abstract: "Evacuates and rebalances EMQX broker clusters on Kubernetes.",
        subcommands: [RunCommand.self, DevCommand.self, CRDsCommand.self, VersionCommand.self]
    )
}
