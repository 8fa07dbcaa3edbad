import Foundation
import Rebalancing
import Testing
import TestSupport

/// The condition vocabulary is declared once (``ConditionReason``, ``ConditionType``) and everything a user reads is
/// derived from it.
@Suite("condition vocabulary")
struct VocabularyTests {
    @Test("every reason belongs to at least one kind, and each kind's list has no duplicates")
    func everyReasonHasAKind() {
        let kinds = [ConditionReason.brokerCluster, ConditionReason.nodeEvacuation, ConditionReason.clusterRebalance]
        for reason in ConditionReason.allCases {
            #expect(kinds.contains { $0.contains(reason) }, "\(reason.rawValue) belongs to no kind")
        }
        for list in kinds { #expect(Set(list).count == list.count) }
    }

    @Test("the README's table lists every reason with the kinds that carry it and its meaning")
    func readmeTable() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for reason in ConditionReason.allCases {
            var kinds: [String] = []
            if ConditionReason.brokerCluster.contains(reason) { kinds.append("BrokerCluster") }
            if ConditionReason.nodeEvacuation.contains(reason) { kinds.append("NodeEvacuation") }
            if ConditionReason.clusterRebalance.contains(reason) { kinds.append("ClusterRebalance") }
            let row = "| `\(reason.rawValue)` | \(kinds.joined(separator: ", ")) | \(reason.meaning) |"
            #expect(readme.contains(row), "README lacks the row: \(row)")
        }
    }

    @Test("the CRDs' condition descriptions name every reason of their kind")
    func crdDescriptions() throws {
        for (file, reasons) in [
            ("rebalance.brokers.dev_brokerclusters.yaml", ConditionReason.brokerCluster),
            ("rebalance.brokers.dev_nodeevacuations.yaml", ConditionReason.nodeEvacuation),
            ("rebalance.brokers.dev_clusterrebalances.yaml", ConditionReason.clusterRebalance),
        ] {
            let text = try String(contentsOf: packageRoot.appendingPathComponent("crds").appendingPathComponent(file), encoding: .utf8)
            for reason in reasons { #expect(text.contains(reason.rawValue), "\(file) does not name \(reason.rawValue)") }
        }
    }

    @Test("no reconciler or decider writes a condition reason or type as a string literal")
    func noLiterals() throws {
        let sources = packageRoot.appendingPathComponent("Sources/Rebalancing")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(!files.isEmpty)
        // Events carry their own reasons (TransitionEvent); conditions are set only through the vocabulary.
        for file in files where !file.path.contains("/Status/") && !file.path.contains("/Events/") {
            let text = try String(contentsOf: file, encoding: .utf8)
            for pattern in [#"ConditionList\.setting\(""#, #"reason: "[A-Z]"#, #"set\(""#] {
                #expect(text.range(of: pattern, options: .regularExpression) == nil, "\(file.lastPathComponent) uses a literal: \(pattern)")
            }
        }
    }
}
