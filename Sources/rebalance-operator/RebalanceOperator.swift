import ArgumentParser

/// The operator's command line: `run`, `dev` (only with the package trait `DevEnvironment`, on by default),
/// `prestop` (the broker pods' preStop hook), `crds`, `version`.
@main
struct RebalanceOperator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebalance-operator",
        abstract: "Evacuates and rebalances EMQX broker clusters on Kubernetes.",
        subcommands: [RunCommand.self, DevCommand.self, PreStopCommand.self, CRDsCommand.self, VersionCommand.self]
    )
}
