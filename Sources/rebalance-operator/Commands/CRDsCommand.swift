import ArgumentParser
import Foundation
import Rebalancing

/// `rebalance-operator crds`: prints (or writes) the CustomResourceDefinitions generated from the code.
struct CRDsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crds",
        abstract: "Print the CustomResourceDefinitions of BrokerCluster, NodeEvacuation and ClusterRebalance.",
        discussion: "Without options the three CRDs are printed as one YAML stream for `kubectl apply -f -`. With --output-dir each is written to its own file (this is how crds/ is generated)."
    )

    @Option(name: .long, help: "Write one file per CRD into this directory instead of printing them.")
    var outputDir: String?

    func run() throws {
        if let outputDir {
            try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
            for definition in RebalancingCRDs.all {
                let path = (outputDir as NSString).appendingPathComponent(RebalancingCRDs.fileName(of: definition))
                try ManifestRendering.yaml(definition.manifest).write(toFile: path, atomically: true, encoding: .utf8)
                print(path)
            }
        } else {
            let documents = try RebalancingCRDs.all.map { try ManifestRendering.yaml($0.manifest) }
            print(documents.map { "---\n" + $0 }.joined(), terminator: "")
        }
    }
}
