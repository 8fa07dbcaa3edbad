import ControllerRuntime
import EMQXClient
import EMQXSimulator
import Foundation
import KubeClient
import Logging
import Rebalancing

/// Plays the parts of a Kubernetes cluster that the test API server does not: the StatefulSet controller, the
/// scheduler and the kubelet, for one broker StatefulSet whose pods run the simulator's EMQX nodes.
///
/// Guarantees: pods follow ``StatefulSetPlay``'s decisions (names, order, placement); pod `<set>-<n>` runs the
/// simulator node `emqx@<set>-<n>.<service>.<namespace>.svc.cluster.local`, which is started (or booted again,
/// keeping its persisted evacuation) when the pod is created, crashed when the pod goes away, and removed from the
/// EMQX cluster on scale-down; a pod is Running and Ready exactly while its broker node runs. One reconcile runs at a
/// time; every change seen on a watch triggers one.
///
/// Termination is the kubelet's: a pod marked for deletion (the API server keeps it Terminating) first runs its
/// `preStop` hook when it has the project's (`rebalance-operator prestop`, run here in-process against the pod's own
/// simulated node, with the hook's `--timeout` and `--start-timeout`), bounded by the pod's deletion deadline; then
/// the pod is deleted and its broker stops.
public actor ClusterPlayer {
    private let client: KubeClient
    private let simulator: EMQXSimulator
    private let namespace: String
    private let setName: String
    private let logger: Logger

    /// Caches of the StatefulSet, the pods of the namespace and the nodes, each filled by a KubeClient ``Watcher``
    /// through ControllerRuntime's store writer (the reflector's list-then-watch semantics: a re-list swaps in whole,
    /// objects missing from it are deleted).
    private let sets = Store<StatefulSet>()
    private let podStore = Store<Pod>()
    private let nodeStore = Store<KubeNode>()

    /// What the current reconcile works from: the caches as they were when it began, plus its own writes, so that a
    /// step sees what an earlier step of the same pass did before the watch reports it.
    private var statefulSet: StatefulSet?
    private var pods: [String: Pod] = [:]
    private var nodes: [String: KubeNode] = [:]
    /// Broker nodes this player started and has not crashed or removed since.
    private var running: Set<String> = []
    /// Pods (by uid) whose termination (the preStop hook) has begun.
    private var terminating: Set<String> = []
    /// Pods deleted by a scale-down: their broker leaves the EMQX cluster once the pod is gone.
    private var scaledDown: Set<String> = []
    /// Terminations to run beside the reconciles.
    private let terminations = AsyncStream<Pod>.makeStream()

    public init(client: KubeClient, simulator: EMQXSimulator, namespace: String, setName: String, logger: Logger) {
        self.client = client
        self.simulator = simulator
        self.namespace = namespace
        self.setName = setName
        self.logger = logger
    }

    /// The EMQX node name of a pod of the set.
    public static func brokerNode(pod: String, service: String, namespace: String) -> String {
        "emqx@\(pod).\(service).\(namespace).svc.cluster.local"
    }

    /// Watches the StatefulSet, its pods and the nodes, and reconciles until cancelled.
    public func run(clock: some Clock<Duration>) async {
        let (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let setEvents = client.resources(StatefulSet.self, namespace: namespace).watcher(.init(fieldSelector: "metadata.name=\(setName)"), clock: clock)
        let podEvents = client.resources(Pod.self, namespace: namespace).watcher(clock: clock)
        let nodeEvents = client.resources(KubeNode.self).watcher(clock: clock)
        let (sets, podStore, nodeStore) = (sets, podStore, nodeStore)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await Self.mirror(setEvents, into: sets) { _ in signal.yield() } }
            group.addTask {
                await Self.mirror(podEvents, into: podStore) { changes in
                    for case .deleted(let pod) in changes { await self.podGone(pod.metadata.name ?? "") }
                    signal.yield()
                }
            }
            group.addTask { await Self.mirror(nodeEvents, into: nodeStore) { _ in signal.yield() } }
            group.addTask {
                for await _ in signals {
                    await self.reconcile()
                }
            }
            group.addTask {
                await withDiscardingTaskGroup { hooks in
                    for await pod in self.terminations.stream {
                        hooks.addTask { await self.terminate(pod, clock: clock) }
                    }
                }
            }
            await group.next()
            group.cancelAll()
            signal.finish()
            terminations.continuation.finish()
        }
    }

    /// Applies every event of `events` to `store` (as its one writer), then hands the changes to `changed`.
    private static func mirror<Object: Resource>(
        _ events: Watcher<Object>, into store: Store<Object>, changed: (_ changes: [StoreChange<Object>]) async -> Void
    ) async {
        var writer = StoreWriter(store)
        for await event in events {
            await changed(writer.apply(event))
        }
    }

    /// Pods that vanished: their broker nodes go down with them (crashed in the background of the next reconcile).
    private var crashes: Set<String> = []
    private func podGone(_ name: String) {
        guard StatefulSetPlay.ordinal(of: name, in: setName) != nil else { return }
        crashes.insert(name)
    }

    private var service: String { statefulSet?.spec?.serviceName ?? "\(setName)-headless" }

    func reconcile() async {
        guard sets.isSynced, podStore.isSynced, nodeStore.isSynced else { return }
        statefulSet = sets.objects.first
        pods = Dictionary(podStore.objects.map { ($0.metadata.name ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        nodes = Dictionary(nodeStore.objects.map { ($0.metadata.name ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        // Taken before any suspension: a pod that goes while this pass awaits is handled by the next pass.
        let gone = crashes
        crashes.removeAll()
        for pod in gone where pods[pod] == nil {
            let node = Self.brokerNode(pod: pod, service: service, namespace: namespace)
            if running.remove(node) != nil {
                do { try await simulator.crash(node: node) } catch { logger.debug("crash \(node): \(error)") }
                logger.info("pod \(pod) is gone: broker \(node) stopped")
            }
            if scaledDown.remove(pod) != nil {
                do { try await simulator.removeNode(node) } catch { logger.debug("remove \(node): \(error)") }
                logger.info("dev cluster: scaled down: broker \(node) left the cluster")
            }
        }

        guard let set = statefulSet, let spec = set.spec else { return }
        let replicas = spec.replicas ?? 1
        let view = StatefulSetPlay.SetView(name: setName, replicas: replicas, policy: spec.podManagementPolicy == "Parallel" ? .parallel : .orderedReady, updateRevision: Self.revision(of: set))
        let podViews = pods.values.map { pod in
            StatefulSetPlay.PodView(
                name: pod.metadata.name ?? "", nodeName: pod.spec?.nodeName, isReady: pod.isReady, isTerminating: pod.metadata.deletionTimestamp != nil,
                revision: pod.metadata.labels?[Self.revisionLabel]
            )
        }
        let nodeViews = nodes.values.map { node in
            StatefulSetPlay.NodeView(name: node.metadata.name ?? "", isSchedulable: !node.isUnschedulable && (node.status?.conditions?.contains { $0.type == "Ready" && $0.status == "True" } ?? false))
        }
        for action in StatefulSetPlay.decide(set: view, pods: podViews, nodes: nodeViews) {
            do {
                try await carry(action, set: set)
            } catch {
                logger.warning("dev cluster: \(action) failed: \(error)")
            }
        }
        // Kubelet: pods bound to a node run their broker and report Ready.
        for pod in pods.values.sorted(by: { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }) {
            guard let name = pod.metadata.name, let ordinal = StatefulSetPlay.ordinal(of: name, in: setName),
                  pod.spec?.nodeName != nil, pod.metadata.deletionTimestamp == nil, !pod.isReady else { continue }
            do {
                try await startBroker(for: name)
                try await markRunning(pod, ordinal: ordinal)
            } catch {
                logger.warning("dev cluster: starting pod \(name) failed: \(error)")
            }
        }
        // Terminating pods without finalizers: the kubelet runs the preStop hook, then confirms the deletion.
        for pod in pods.values where pod.metadata.deletionTimestamp != nil && (pod.metadata.finalizers ?? []).isEmpty {
            guard let uid = pod.metadata.uid, terminating.insert(uid).inserted else { continue }
            terminations.continuation.yield(pod)
        }
        await updateStatus(of: set)
    }

    private func carry(_ action: StatefulSetPlay.Action, set: StatefulSet) async throws {
        let podClient = client.resources(Pod.self, namespace: namespace)
        switch action {
        case let .create(name, _, nodeName):
            var metadata = ObjectMeta(name: name, namespace: namespace)
            var labels = set.spec?.template.metadata?.labels ?? [:]
            labels["statefulset.kubernetes.io/pod-name"] = name
            labels[Self.revisionLabel] = Self.revision(of: set)
            metadata.labels = labels
            metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "StatefulSet", name: setName, uid: set.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)]
            var spec = set.spec?.template.spec ?? PodSpec()
            spec.nodeName = nodeName
            spec.hostname = name
            spec.subdomain = service
            do {
                pods[name] = try await podClient.create(Pod(metadata: metadata, spec: spec, status: Pod.Status(phase: "Pending")))
            } catch let error as KubeAPIError where error.reason == .alreadyExists {
                return  // created by an earlier pass; the watch has not shown it yet
            }
            logger.info("dev cluster: created pod \(name) on \(nodeName ?? "no node (Pending)")")
        case let .bind(name, nodeName):
            let bound = try await podClient.patch(name, .merge(["spec": ["nodeName": .string(nodeName)]]))
            pods[name] = bound
        case let .delete(name):
            // A graceful deletion, as the StatefulSet controller makes: the pod terminates (preStop first). Above the
            // replicas it is a scale-down (its broker leaves the cluster); below, a rolling update's replacement.
            let isScaleDown = (StatefulSetPlay.ordinal(of: name, in: setName) ?? 0) >= (set.spec?.replicas ?? 1)
            if isScaleDown { scaledDown.insert(name) }
            _ = try await podClient.delete(name)
            logger.info("dev cluster: \(isScaleDown ? "scaling down" : "rolling update"): pod \(name) deleted")
        }
    }

    /// The kubelet's termination of `pod`: its preStop hook (when it has the project's) within the deletion
    /// deadline, then the deletion confirmed (the watch then reports the pod gone, and its broker stops).
    private func terminate(_ pod: Pod, clock: some Clock<Duration>) async {
        guard let name = pod.metadata.name else { return }
        if let command = pod.spec?.containers.lazy.compactMap({ $0.lifecycle?.preStop?.exec?.command }).first(where: { $0.contains("prestop") }) {
            let node = Self.brokerNode(pod: name, service: service, namespace: namespace)
            let deadline = pod.metadata.deletionTimestamp?.date ?? Date()
            let remaining = max(0, deadline.timeIntervalSinceNow)
            func flag(_ flag: String) -> Int? { command.firstIndex(of: flag).flatMap { command.indices.contains($0 + 1) ? Int(command[$0 + 1]) : nil } }
            var settings = PreStopHook.Settings(timeout: .seconds(min(remaining, Double(flag("--timeout") ?? 600))))
            if let start = flag("--start-timeout") { settings.startTimeout = .seconds(start) }
            if let url = simulator.nodeURLs[node] {
                let configuration = EMQXClientConfiguration(url: url, apiKey: simulator.apiKey, apiSecret: simulator.apiSecret, timeout: .seconds(2))
                let logger = self.logger
                logger.info("dev cluster: pod \(name) terminating: running its preStop hook")
                _ = try? await withEMQXClient(configuration: configuration) { emqx in
                    await PreStopHook.run(status: { try await emqx.rebalanceStatus() }, settings: settings, clock: clock) { line in
                        logger.info("dev cluster: pod \(name) preStop: \(line)")
                    }
                }
            }
        }
        _ = try? await client.resources(Pod.self, namespace: namespace).delete(name, options: DeleteOptions(gracePeriodSeconds: 0))
    }

    private func startBroker(for pod: String) async throws {
        let node = Self.brokerNode(pod: pod, service: service, namespace: namespace)
        guard !running.contains(node) else { return }
        do {
            try await simulator.restart(node: node)
        } catch EMQXSimulator.ControlError.unknownNode {
            _ = try await simulator.addNode(named: node)
        } catch EMQXSimulator.ControlError.nodeNotStopped {
            // Already running (the simulator started it with the cluster).
        }
        running.insert(node)
    }

    private func markRunning(_ pod: Pod, ordinal: Int) async throws {
        guard let name = pod.metadata.name else { return }
        let now = JSONValue.string(Timestamp(Date()).description)
        let started = pod.status?.startTime.map { JSONValue.string($0.description) } ?? now
        let condition = { (type: String) -> JSONValue in ["type": .string(type), "status": "True", "lastTransitionTime": now] }
        let containers = (pod.spec?.containers ?? []).map { container -> JSONValue in
            [
                "name": .string(container.name), "ready": true, "started": true, "restartCount": 0,
                "image": .string(container.image ?? ""), "imageID": "", "containerID": .string("sim://\(name)/\(container.name)"),
                "state": ["running": ["startedAt": now]],
            ]
        }
        let status: JSONValue = [
            "phase": "Running",
            "podIP": .string("10.244.\(ordinal / 250).\(ordinal % 250 + 2)"),
            "startTime": started,
            "conditions": [condition("Initialized"), condition("PodScheduled"), condition("ContainersReady"), condition("Ready")],
            "containerStatuses": .array(containers),
        ]
        let written = try await client.dynamic(Pod.resource, namespace: namespace).patch(name, .merge(["status": status]), subresource: "status")
        pods[name] = try written.decode(as: Pod.self)
    }

    /// The label that records the template revision a pod was created from.
    static let revisionLabel = "controller-revision-hash"

    /// The revision of the set's pod template: `<set>-<hash>`, as the StatefulSet controller names its revisions
    /// (here a 64-bit FNV-1a of the template's JSON with sorted keys).
    static func revision(of set: StatefulSet) -> String {
        let text = (try? JSONValue(encoding: set.spec?.template ?? PodTemplateSpec()).jsonData()) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "\(set.metadata.name ?? "")-\(String(String(hash, radix: 16).prefix(10)))"
    }

    private func updateStatus(of set: StatefulSet) async {
        let owned = pods.values.filter { StatefulSetPlay.ordinal(of: $0.metadata.name ?? "", in: setName) != nil && $0.metadata.deletionTimestamp == nil }
        let ready = owned.filter(\.isReady).count
        let revision = Self.revision(of: set)
        let upToDate = owned.filter { $0.metadata.labels?[Self.revisionLabel] == revision }.count
        // The current revision catches up once every pod runs the update (kubectl rollout status waits for that).
        let current = upToDate == owned.count ? revision : (set.status?.currentRevision ?? revision)
        let status = StatefulSet.Status(
            observedGeneration: set.metadata.generation, replicas: owned.count, readyReplicas: ready, currentReplicas: upToDate == owned.count ? owned.count : owned.count - upToDate,
            updatedReplicas: upToDate, availableReplicas: ready, currentRevision: current, updateRevision: revision
        )
        guard status != set.status else { return }
        var updated = set
        updated.status = status
        do {
            self.statefulSet = try await client.resources(StatefulSet.self, namespace: namespace).updateStatus(updated)
        } catch {
            logger.debug("dev cluster: StatefulSet status: \(error)")
        }
    }
}
