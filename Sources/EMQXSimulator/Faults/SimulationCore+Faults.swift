/// Node crash, restart, join and leave.
extension SimulationCore {
    /// The node stops at once: its clients are disconnected and reconnect elsewhere, every session it held is
    /// lost, its in-memory coordinators vanish (the `.evacuation` file stays), and any rebalance it coordinates
    /// or donates to aborts, releasing the other donors. A rebalance it only receives for aborts at its next
    /// count.
    mutating func crash(node: Int) {
        guard nodes[node].isRunning else { return }
        dropEverything(on: node)
        nodes[node].membership = .stopped
    }

    /// Boots a stopped node: fresh agent, no clients, and an evacuation resumed from its file if there is one.
    mutating func restart(node: Int) {
        guard nodes[node].membership == .stopped else { return }
        nodes[node].membership = .running
        nodes[node].bootTime = now
        nodes[node].agent = .disabled
        restoreEvacuation(node: node)
    }

    /// A node joins the cluster. The load balancer sends it clients once its probes pass. A node that rejoins
    /// under the name of one that left finds that node's data directory (as a StatefulSet pod finds its volume):
    /// a persisted evacuation resumes.
    mutating func addNode(named name: String) -> Int {
        var node = SimulatedNode(name: name, bootTime: now)
        node.loadBalancerHealthy = false
        node.persistedEvacuation = nodes.last { $0.name == name && $0.membership == .removed }?.persistedEvacuation
        nodes.append(node)
        let index = nodes.count - 1
        restoreEvacuation(node: index)
        return index
    }

    /// The node leaves the cluster (as a scale-down): like a crash, and it is no longer listed. Its data directory
    /// is kept for a node that rejoins under the same name, unless `keepingData` is false.
    mutating func remove(node: Int, keepingData: Bool = true) {
        if nodes[node].isRunning { dropEverything(on: node) }
        nodes[node].membership = .removed
        if !keepingData { nodes[node].persistedEvacuation = nil }
        nodes[node].loadBalancerHealthy = false
    }

    /// The name a new node gets: the lowest StatefulSet ordinal that is not a member now (configured names
    /// first, then the default pattern).
    func nextNodeName() -> String {
        var ordinal = 0
        while true {
            let name =
                configuration.nodeNames.flatMap { ordinal < $0.count ? $0[ordinal] : nil }
                ?? SimulatorConfiguration.defaultNodeName(ordinal)
            if nodeIndex(named: name) == nil { return name }
            ordinal += 1
        }
    }

    private mutating func dropEverything(on node: Int) {
        for coordinator in nodes.indices where nodes[coordinator].rebalance != nil {
            if let machine = nodes[coordinator].rebalance, coordinator == node || machine.donors.contains(node) {
                endRebalance(coordinator: coordinator)
            }
        }
        while let client = nodes[node].connections.last {
            detach(client, sessionLost: true)
        }
        while let client = nodes[node].disconnectedSessions.last {
            removeFromDisconnectedSessions(client, node: node)
            clients.flags[Int(client)].remove(.hasSession)
            clients.node[Int(client)] = -1
            counters.sessionsLostWithNode += 1
        }
        nodes[node].evacuation = nil
        nodes[node].agent = .disabled
        armEvacuationTimer(node: node, after: nil)
        armRebalanceTimer(node: node, after: nil)
    }
}
