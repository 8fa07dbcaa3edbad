import KubeClient
import Testing

@testable import KubeTestServer

struct OpenAPIDocumentsTests {
    @Test func indexLinksEveryGroupVersionWithItsHash() throws {
        let kinds = try DiscoveryTests.kinds()
        let index = OpenAPIDocuments.index(kinds: kinds)
        let paths = try #require(index["paths"]?.objectValue)
        #expect(Set(paths.keys) == ["api/v1", "apis/apps/v1", "apis/policy/v1", "apis/coordination.k8s.io/v1", "apis/events.k8s.io/v1",
                                   "apis/rbac.authorization.k8s.io/v1", "apis/apiextensions.k8s.io/v1", "apis/rebalance.brokers.dev/v1alpha1"])
        let document = try #require(OpenAPIDocuments.document(groupVersion: "apis/rebalance.brokers.dev/v1alpha1", kinds: kinds))
        let url = "/openapi/v3/apis/rebalance.brokers.dev/v1alpha1?hash=\(OpenAPIDocuments.hash(of: document))"
        #expect(paths["apis/rebalance.brokers.dev/v1alpha1"] == ["serverRelativeURL": .string(url)])
        #expect(OpenAPIDocuments.hash(of: document).count == 128)
        #expect(OpenAPIDocuments.document(groupVersion: "rebalance.brokers.dev/v1alpha1", kinds: kinds) == document)
        #expect(OpenAPIDocuments.document(groupVersion: "nope/v1", kinds: kinds) == nil)
    }

    /// What kubectl's `queryParamVerifierV3` looks for: a PATCH operation with the kind's GVK that declares
    /// `fieldValidation` among its own parameters.
    @Test(arguments: ["v1:Pod", "v1:Node", "apps/v1:StatefulSet", "rebalance.brokers.dev/v1alpha1:NodeEvacuation", "apiextensions.k8s.io/v1:CustomResourceDefinition"])
    func patchOperationsDeclareFieldValidation(target: String) throws {
        let parts = target.split(separator: ":").map(String.init)
        let groupVersion = parts[0]
        let kind = parts[1]
        let document = try #require(OpenAPIDocuments.document(groupVersion: groupVersion, kinds: try DiscoveryTests.kinds()))
        let group = groupVersion.contains("/") ? String(groupVersion.split(separator: "/")[0]) : ""
        let version = String(groupVersion.split(separator: "/").last ?? "")
        let gvk: JSONValue = ["group": .string(group), "version": .string(version), "kind": .string(kind)]
        let patches = (document["paths"]?.objectValue ?? [:]).values.compactMap { $0["patch"] }.filter { $0["x-kubernetes-group-version-kind"] == gvk }
        #expect(!patches.isEmpty)
        for patch in patches {
            #expect(patch["parameters"]?.arrayValue?.contains { $0["name"] == "fieldValidation" } == true)
            #expect(patch[path: ["requestBody", "content", "application/merge-patch+json"]] != nil)
        }
    }

    /// What `kubectl explain nodeevacuations.spec` walks: the collection path's GVK, then the schema carrying it.
    @Test func explainFindsTheSchema() throws {
        let document = try #require(OpenAPIDocuments.document(groupVersion: "rebalance.brokers.dev/v1alpha1", kinds: try DiscoveryTests.kinds()))
        let collection = try #require(document["paths"]?["/apis/rebalance.brokers.dev/v1alpha1/namespaces/{namespace}/nodeevacuations"])
        let gvk = try #require(collection["get"]?["x-kubernetes-group-version-kind"])
        #expect(gvk == ["group": "rebalance.brokers.dev", "version": "v1alpha1", "kind": "NodeEvacuation"])
        let schemas = try #require(document[path: ["components", "schemas"]]?.objectValue)
        let matching = schemas.filter { $0.value["x-kubernetes-group-version-kind"]?.arrayValue?.contains(gvk) == true }
        #expect(matching.map(\.key) == ["dev.brokers.rebalance.v1alpha1.NodeEvacuation"])
        let schema = try #require(matching.first?.value)
        #expect(schema[path: ["properties", "spec", "properties", "connEvictRate", "type"]] == "integer")
        #expect(schema[path: ["properties", "metadata", "allOf"]] == [["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]])
        #expect(schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]?[path: ["properties", "labels", "type"]] == "object")
        #expect(schemas["dev.brokers.rebalance.v1alpha1.NodeEvacuationList"]?["x-kubernetes-group-version-kind"]
            == [["group": "rebalance.brokers.dev", "version": "v1alpha1", "kind": "NodeEvacuationList"]])
        #expect(document["openapi"] == "3.0.0")
    }

    @Test(arguments: [
        (ResourceDescription(group: "", version: "v1", kind: "Pod", plural: "pods", isNamespaced: true), "io.k8s.api.core.v1.Pod"),
        (ResourceDescription(group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", isNamespaced: true), "io.k8s.api.apps.v1.StatefulSet"),
        (ResourceDescription(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", isNamespaced: true), "io.k8s.api.coordination.v1.Lease"),
        (ResourceDescription(group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition", plural: "customresourcedefinitions", isNamespaced: false),
         "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"),
        (ResourceDescription(group: "rebalance.brokers.dev", version: "v1alpha1", kind: "NodeEvacuation", plural: "nodeevacuations", isNamespaced: true),
         "dev.brokers.rebalance.v1alpha1.NodeEvacuation"),
    ])
    func namesSchemasLikeTheRealServer(resource: ResourceDescription, expected: String) {
        #expect(OpenAPIDocuments.schemaName(resource) == expected)
    }

    @Test func clusterScopedKindsHaveNoNamespacePaths() throws {
        let document = try #require(OpenAPIDocuments.document(groupVersion: "v1", kinds: BuiltinKinds.all))
        let paths = try #require(document["paths"]?.objectValue)
        #expect(paths["/api/v1/nodes/{name}"]?["patch"] != nil)
        #expect(paths["/api/v1/namespaces/{namespace}/pods/{name}/eviction"]?["post"]?["x-kubernetes-group-version-kind"]
            == ["group": "policy", "version": "v1", "kind": "Eviction"])
        #expect(paths.keys.contains { $0.contains("namespaces/{namespace}/nodes") } == false)
    }
}
