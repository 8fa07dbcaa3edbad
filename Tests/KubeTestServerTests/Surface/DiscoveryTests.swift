import KubeClient
import Testing

@testable import KubeTestServer

struct DiscoveryTests {
    static func kinds() throws -> [RegisteredKind] {
        var kinds = BuiltinKinds.all
        for plural in ["brokerclusters", "nodeevacuations", "clusterrebalances"] {
            kinds += try RegisteredKind.fromCustomResourceDefinition(try ProjectCRDs.load(plural))
        }
        return kinds
    }

    @Test func listsGroupsWithPreferredVersions() throws {
        let list = Discovery.apiGroupList(kinds: try Self.kinds())
        let groups = list["groups"]?.arrayValue ?? []
        #expect(groups.compactMap { $0["name"]?.stringValue } == ["apps", "policy", "coordination.k8s.io", "events.k8s.io", "rbac.authorization.k8s.io", "apiextensions.k8s.io", "rebalance.brokers.dev"])
        #expect(groups.last == [
            "name": "rebalance.brokers.dev",
            "versions": [["groupVersion": "rebalance.brokers.dev/v1alpha1", "version": "v1alpha1"]],
            "preferredVersion": ["groupVersion": "rebalance.brokers.dev/v1alpha1", "version": "v1alpha1"],
        ])
        #expect(Discovery.apiVersions()["versions"] == ["v1"])
    }

    @Test func listsCustomResources() throws {
        let list = try #require(Discovery.apiResourceList(groupVersion: "rebalance.brokers.dev/v1alpha1", kinds: try Self.kinds()))
        let resources = list["resources"]?.arrayValue ?? []
        let evacuations = try #require(resources.first { $0["name"] == "nodeevacuations" })
        #expect(evacuations == [
            "name": "nodeevacuations", "singularName": "nodeevacuation", "namespaced": true, "kind": "NodeEvacuation",
            "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
            "shortNames": ["nevac"], "categories": ["brokers"],
        ])
        #expect(resources.contains { $0["name"] == "nodeevacuations/status" && $0["kind"] == "NodeEvacuation" })
        #expect(Discovery.apiResourceList(groupVersion: "nope/v1", kinds: try Self.kinds()) == nil)
    }

    @Test func coreListHasEvictionAndScaleIsInApps() throws {
        let core = Discovery.coreResourceList(kinds: try Self.kinds())
        let resources = core["resources"]?.arrayValue ?? []
        #expect(resources.contains { $0 == ["name": "pods/eviction", "singularName": "", "namespaced": true, "group": "policy", "version": "v1", "kind": "Eviction", "verbs": ["create"]] })
        #expect(resources.first { $0["name"] == "namespaces" }?["namespaced"] == false)
        #expect(resources.first { $0["name"] == "pods" }?["shortNames"] == ["po"])
        let apps = try #require(Discovery.apiResourceList(groupVersion: "apps/v1", kinds: try Self.kinds()))
        #expect(apps["resources"]?.arrayValue?.contains { $0["name"] == "statefulsets/scale" && $0["kind"] == "Scale" && $0["group"] == "autoscaling" } == true)
    }

    @Test(arguments: [("v1", "v1beta1", true), ("v1beta2", "v1beta1", true), ("v1beta1", "v1alpha3", true), ("v2", "v1", true),
                      ("v1alpha1", "v1", false), ("v1", "foo", true), ("abc", "abd", true)])
    func ordersVersions(lhs: String, rhs: String, expected: Bool) {
        #expect(Discovery.isHigherPriority(lhs, than: rhs) == expected)
    }
}
