import KubeClient
import Testing

@testable import KubeTestServer

struct BuiltinKindsTests {
    @Test func servesTheKindsTheProjectNeedsWithTheRealNames() {
        let byName = Dictionary(uniqueKeysWithValues: BuiltinKinds.all.map { ("\($0.resource.apiVersion)/\($0.resource.plural)", $0) })
        #expect(byName.count == 18)
        #expect(byName["apps/v1/deployments"]?.scale != nil && byName["apps/v1/deployments"]?.hasStatusSubresource == true)
        #expect(byName["v1/serviceaccounts"]?.shortNames == ["sa"])
        #expect(byName["rbac.authorization.k8s.io/v1/clusterrolebindings"]?.resource.isNamespaced == false)
        #expect(byName["rbac.authorization.k8s.io/v1/rolebindings"]?.resource.isNamespaced == true)
        #expect(byName["v1/pods"]?.shortNames == ["po"])
        #expect(byName["v1/pods"]?.categories == ["all"])
        #expect(byName["v1/nodes"]?.resource.isNamespaced == false)
        #expect(byName["apps/v1/statefulsets"]?.scale?.specReplicasPath == ".spec.replicas")
        #expect(byName["policy/v1/poddisruptionbudgets"]?.hasStatusSubresource == true)
        #expect(byName["apiextensions.k8s.io/v1/customresourcedefinitions"]?.shortNames == ["crd", "crds"])
        #expect(byName["events.k8s.io/v1/events"] != nil && byName["v1/events"] != nil)
        #expect(BuiltinKinds.all.allSatisfy { !$0.isCustom && $0.schema != nil })
    }

    @Test func builtinSchemasAreStructural() {
        for kind in BuiltinKinds.all {
            #expect(RegisteredKind.structuralViolations(kind.schema ?? [:], path: "schema", isRoot: true).isEmpty, "\(kind.resource)")
        }
    }

    @Test func readsTheProjectsCustomResourceDefinitions() throws {
        let kinds = try RegisteredKind.fromCustomResourceDefinition(try ProjectCRDs.load("nodeevacuations"))
        #expect(kinds.count == 1)
        let kind = try #require(kinds.first)
        #expect(kind.resource == ResourceDescription(group: "rebalance.brokers.dev", version: "v1alpha1", kind: "NodeEvacuation", plural: "nodeevacuations", isNamespaced: true))
        #expect(kind.singular == "nodeevacuation")
        #expect(kind.shortNames == ["nevac"])
        #expect(kind.categories == ["brokers"])
        #expect(kind.hasStatusSubresource)
        #expect(kind.scale == nil)
        #expect(kind.isCustom)
        #expect(kind.printerColumns.first == RegisteredKind.PrinterColumn(name: "Cluster", type: "string", jsonPath: ".spec.clusterRef", description: "The BrokerCluster."))
        #expect(kind.printerColumns.map(\.priority) == [0, 0, 0, 0, 1, 1, 1, 0])
        #expect(kind.schema?[path: ["properties", "spec", "required"]] == ["clusterRef", "target"])
        for plural in ["brokerclusters", "clusterrebalances"] {
            #expect(try RegisteredKind.fromCustomResourceDefinition(try ProjectCRDs.load(plural)).count == 1)
        }
    }

    static let minimal: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": ["name": "widgets.example.com"],
        "spec": [
            "group": "example.com", "scope": "Cluster",
            "names": ["plural": "widgets", "kind": "Widget"],
            "versions": [
                ["name": "v1", "served": true, "storage": true,
                 "schema": ["openAPIV3Schema": ["type": "object", "properties": ["spec": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]]]],
                 "subresources": ["status": [:], "scale": ["specReplicasPath": ".spec.size", "statusReplicasPath": ".status.size"]]],
                ["name": "v1beta1", "served": false, "storage": false, "schema": ["openAPIV3Schema": ["type": "object"]]],
            ],
        ],
    ]

    @Test func readsScopeScaleAndServedVersions() throws {
        let kinds = try RegisteredKind.fromCustomResourceDefinition(Self.minimal)
        #expect(kinds.count == 1)
        #expect(kinds.first?.resource.isNamespaced == false)
        #expect(kinds.first?.singular == "widget")
        #expect(kinds.first?.scale == RegisteredKind.ScaleSubresource(specReplicasPath: ".spec.size", statusReplicasPath: ".status.size"))
        #expect(kinds.first?.printerColumns == [])
    }

    @Test(arguments: [
        ([["metadata", "name"]: "widgets.other.com"], "metadata.name: Invalid value: \"widgets.other.com\": must be spec.names.plural+\".\"+spec.group"),
        ([["spec", "scope"]: "Global"], "spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\""),
        ([["spec", "names", "kind"]: .null], "spec.names.kind: Required value"),
        ([["spec", "versions"]: [["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object", "properties": ["spec": ["description": "untyped"]]]]]]],
         "spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields"),
        ([["spec", "versions"]: [["name": "v1", "served": true, "storage": false, "schema": ["openAPIV3Schema": ["type": "object"]]]]],
         "spec.versions: Invalid value: [\"v1\"]: must have exactly one version marked as storage version"),
        ([["spec", "versions"]: [["name": "v1", "served": true, "storage": true]]],
         "spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required"),
        ([["spec", "versions"]: [["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object"]],
                                  "additionalPrinterColumns": [["name": "X", "type": "list", "jsonPath": ".spec.x"]]]]],
         "spec.versions[0].additionalPrinterColumns[0].type: Unsupported value: \"list\": supported values: \"integer\", \"number\", \"string\", \"boolean\", \"date\""),
    ] as [([[String]: JSONValue], String)])
    func rejectsInvalidDefinitions(changes: [[String]: JSONValue], message: String) {
        var crd = Self.minimal
        for (path, value) in changes {
            if value.isNull {
                var parent = crd[path: Array(path.dropLast())]?.objectValue ?? [:]
                parent.removeValue(forKey: path.last ?? "")
                crd[path: Array(path.dropLast())] = .object(parent)
            } else {
                crd[path: path] = value
            }
        }
        do {
            _ = try RegisteredKind.fromCustomResourceDefinition(crd)
            Issue.record("expected \(message)")
        } catch {
            #expect(error.violations.map(\.description).contains(message), "\(error.violations)")
            #expect(error.status["code"] == 422)
            #expect(error.status["message"]?.stringValue?.hasPrefix("CustomResourceDefinition.apiextensions.k8s.io \"") == true)
        }
    }
}
