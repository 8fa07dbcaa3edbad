import ControllerRuntime
import KubeClient
import KubeTestServer
import Primitives
import Synchronization

/// The CRD of the test kind ``Widget`` (`widgets.test.example.com`), with a status subresource.
let widgetCRD: JSONValue = [
    "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
    "metadata": ["name": "widgets.test.example.com"],
    "spec": [
        "group": "test.example.com", "scope": "Namespaced",
        "names": ["kind": "Widget", "plural": "widgets", "singular": "widget", "listKind": "WidgetList"],
        "versions": [[
            "name": "v1", "served": true, "storage": true,
            "subresources": ["status": [:]],
            "schema": ["openAPIV3Schema": [
                "type": "object",
                "properties": [
                    "spec": ["type": "object", "properties": ["size": ["type": "integer"], "nodeName": ["type": "string"]]],
                    "status": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                ],
            ]],
        ]],
    ],
]

/// A widget to create on the server (no uid, resourceVersion or generation: the server sets them).
func newWidget(_ name: String, size: Int = 1) -> Widget {
    var widget = Widget(name)
    widget.metadata.uid = nil
    widget.metadata.resourceVersion = nil
    widget.metadata.generation = nil
    widget.spec.size = size
    return widget
}

/// A ConfigMap controlled by `owner` (a controller ownerReference, as `SetControllerReference` writes it).
func ownedConfigMap(_ name: String, owner: Widget, data: [String: String] = ["k": "v"]) -> ConfigMap {
    var metadata = ObjectMeta(name: name, namespace: "default")
    metadata.ownerReferences = [
        OwnerReference(apiVersion: Widget.apiVersion, kind: Widget.kind, name: owner.metadata.name ?? "", uid: owner.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)
    ]
    return ConfigMap(metadata: metadata, data: data)
}

/// A controller for ``Widget`` owning ConfigMaps, fed by reflectors over the test API server and run by a ``Manager``
/// whose probe server listens on 127.0.0.1, port 0. The reconciler only records the keys it gets.
struct ControllerHarness: Sendable {
    let server: TestAPIServer
    let client: KubeClient
    let widgets: Reflector<Widget>
    let configMaps: Reflector<ConfigMap>
    let controller: Controller<Widget>
    let manager: Manager
    let reconciled = Recorder<ObjectKey>()
    /// Every failure the watchers recovered from.
    let watchErrors = Recorder<String>()

    init(server: TestAPIServer, client: KubeClient) {
        self.server = server
        self.client = client
        let errors = watchErrors
        // Fast reconnects keep the tests short; the reconnect logic is the same.
        let options = WatcherOptions(backoff: Backoff(initial: .milliseconds(5), max: .milliseconds(50)), onError: { error in
            errors.append((error as? KubeAPIError).map { "\($0.code) \($0.reason)" } ?? "\(error)")
        })
        widgets = Reflector(name: "widgets", source: client.resources(Widget.self, namespace: "default").watcher(options, clock: ContinuousClock()))
        configMaps = Reflector(name: "configmaps", source: client.resources(ConfigMap.self, namespace: "default").watcher(options, clock: ContinuousClock()))
        manager = Manager(probe: .init(host: "127.0.0.1", port: 0))
        controller = Controller(for: widgets.store, options: .init(name: "widgets"), metricsFactory: manager.metricsFactory)
            .owns(configMaps.store)
        manager.add(widgets)
        manager.add(configMaps)
        let reconciled = self.reconciled
        manager.add(controller, reconciler: ReconcileFunction { key in
            reconciled.append(key)
            return .done
        })
    }

    /// How often `name` was reconciled so far.
    func reconciles(of name: String) -> Int {
        reconciled.values.filter { $0 == ObjectKey(namespace: "default", name: name) }.count
    }

    /// Waits until `name` was reconciled more than `count` times.
    func waitForReconcile(of name: String, after count: Int) async -> Bool {
        await eventually { reconciles(of: name) > count }
    }

    /// Whether the caches hold exactly what the server has (names and resourceVersions).
    func storesMatchServer() async throws -> Bool {
        let serverWidgets = try await client.resources(Widget.self, namespace: "default").list().items
        let serverConfigMaps = try await client.resources(ConfigMap.self, namespace: "default").list().items
        return Self.versions(serverWidgets) == Self.versions(widgets.store.objects)
            && Self.versions(serverConfigMaps) == Self.versions(configMaps.store.objects)
    }

    private static func versions<Object: Resource>(_ objects: [Object]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: objects.map { ($0.metadata.name ?? "", $0.metadata.resourceVersion ?? "") })
    }

    /// Runs the manager around `body`, then stops it.
    static func withRunning(_ body: @Sendable (ControllerHarness) async throws -> Void) async throws {
        try await withServerAndClient { server, client in
            try await server.registerCustomResourceDefinition(widgetCRD)
            let harness = ControllerHarness(server: server, client: client)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await harness.manager.run() }
                do {
                    try await body(harness)
                } catch {
                    group.cancelAll()
                    throw error
                }
                group.cancelAll()
            }
        }
    }
}
