import Foundation
import KubeClient
import Testing
import TestSupport
import Yams

@testable import Rebalancing

@Suite("examples/")
struct ExampleManifestTests {
    static let folder = packageRoot.appendingPathComponent("examples")

    static func load(_ file: String) throws -> Data {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        let object = try Yams.load(yaml: text)
        return try JSONSerialization.data(withJSONObject: object as Any)
    }

    @Test("every example decodes into its Swift type with the contract's field names, in namespace default, for cluster emqx")
    func decode() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 4)
        for file in files {
            let data = try Self.load(file)
            let kind = try JSONValue(parsing: data)["kind"]?.stringValue
            switch kind {
            case "NodeEvacuation":
                let evacuation = try JSONDecoder().decode(NodeEvacuation.self, from: data)
                #expect(evacuation.spec.clusterRef == "emqx")
                #expect(evacuation.metadata.namespace == "default")
                let target = evacuation.spec.target
                #expect([target.pod, target.brokerNode, target.node].compactMap { $0 }.count == 1, "\(file): exactly one target")
            case "ClusterRebalance":
                let rebalance = try JSONDecoder().decode(ClusterRebalance.self, from: data)
                #expect(rebalance.spec.clusterRef == "emqx")
                #expect(rebalance.metadata.namespace == "default")
            default:
                Issue.record("\(file): unexpected kind \(kind ?? "none")")
            }
        }
    }
}
