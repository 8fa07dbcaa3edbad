import Testing

@testable import DevEnvironment

@Suite("StatefulSet controller and scheduler of the dev environment")
struct StatefulSetPlayTests {
    typealias Play = StatefulSetPlay
    let nodes = (0..<3).map { Play.NodeView(name: "worker-\($0)", isSchedulable: true) }

    @Test("OrderedReady creates one pod at a time, each after its predecessors are Ready, spread over nodes")
    func orderedCreation() {
        let set = Play.SetView(name: "emqx", replicas: 3)
        #expect(Play.decide(set: set, pods: [], nodes: nodes) == [.create(pod: "emqx-0", ordinal: 0, nodeName: "worker-0")])
        let notReady = [Play.PodView(name: "emqx-0", nodeName: "worker-0", isReady: false)]
        #expect(Play.decide(set: set, pods: notReady, nodes: nodes).isEmpty)
        let ready = [Play.PodView(name: "emqx-0", nodeName: "worker-0", isReady: true)]
        #expect(Play.decide(set: set, pods: ready, nodes: nodes) == [.create(pod: "emqx-1", ordinal: 1, nodeName: "worker-1")])
    }

    @Test("Parallel creates every missing pod at once")
    func parallelCreation() {
        let set = Play.SetView(name: "emqx", replicas: 3, policy: .parallel)
        #expect(Play.decide(set: set, pods: [], nodes: nodes).count == 3)
    }

    @Test("scale-down deletes the highest ordinal first, one at a time, waiting for the terminating one")
    func scaleDown() {
        let set = Play.SetView(name: "emqx", replicas: 1)
        let pods = (0..<3).map { Play.PodView(name: "emqx-\($0)", nodeName: "worker-\($0)", isReady: true) }
        #expect(Play.decide(set: set, pods: pods, nodes: nodes) == [.delete(pod: "emqx-2")])
        var terminating = pods
        terminating[2].isTerminating = true
        #expect(Play.decide(set: set, pods: terminating, nodes: nodes).isEmpty)
    }

    @Test("a drained pod comes back under the same name on a schedulable node; with none it stays Pending, then is bound")
    func rescheduling() {
        let set = Play.SetView(name: "emqx", replicas: 3)
        let pods = [Play.PodView(name: "emqx-0", nodeName: "worker-0", isReady: true), Play.PodView(name: "emqx-1", nodeName: "worker-1", isReady: true)]
        var cordoned = nodes
        cordoned[2].isSchedulable = false
        #expect(Play.decide(set: set, pods: pods, nodes: cordoned) == [.create(pod: "emqx-2", ordinal: 2, nodeName: "worker-0")])
        let none = nodes.map { Play.NodeView(name: $0.name, isSchedulable: false) }
        #expect(Play.decide(set: set, pods: pods, nodes: none) == [.create(pod: "emqx-2", ordinal: 2, nodeName: nil)])
        let pending = pods + [Play.PodView(name: "emqx-2", nodeName: nil, isReady: false)]
        #expect(Play.decide(set: set, pods: pending, nodes: nodes) == [.bind(pod: "emqx-2", nodeName: "worker-2")])
    }

    @Test("a rolling update replaces outdated pods one at a time, highest ordinal first, once the whole set is Ready")
    func rollingUpdate() {
        let set = Play.SetView(name: "emqx", replicas: 3, policy: .parallel, updateRevision: "emqx-new")
        var pods = (0..<3).map { Play.PodView(name: "emqx-\($0)", nodeName: "worker-\($0)", isReady: true, revision: "emqx-old") }
        #expect(Play.decide(set: set, pods: pods, nodes: nodes) == [.delete(pod: "emqx-2")])
        pods[2].isTerminating = true
        #expect(Play.decide(set: set, pods: pods, nodes: nodes).isEmpty, "waits for the replaced pod")
        pods[2] = Play.PodView(name: "emqx-2", nodeName: "worker-2", isReady: false, revision: "emqx-new")
        #expect(Play.decide(set: set, pods: pods, nodes: nodes).isEmpty, "waits for the new pod to be Ready")
        pods[2].isReady = true
        #expect(Play.decide(set: set, pods: pods, nodes: nodes) == [.delete(pod: "emqx-1")])
        let done = (0..<3).map { Play.PodView(name: "emqx-\($0)", nodeName: "worker-\($0)", isReady: true, revision: "emqx-new") }
        #expect(Play.decide(set: set, pods: done, nodes: nodes).isEmpty)
    }

    @Test("only pods named <set>-<ordinal> belong to the set")
    func ordinals() {
        #expect(Play.ordinal(of: "emqx-12", in: "emqx") == 12)
        #expect(Play.ordinal(of: "emqx-01", in: "emqx") == nil)
        #expect(Play.ordinal(of: "emqx-x", in: "emqx") == nil)
        #expect(Play.ordinal(of: "emqx2-1", in: "emqx") == nil)
    }
}
