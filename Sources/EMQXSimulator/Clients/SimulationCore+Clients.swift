/// Simulated MQTT clients: connect through the load balancer, eviction, session takeover, migration, expiry.
extension SimulationCore {
    // MARK: Population

    /// Connects the configured clients at time 0, spread by the initial distribution's weights.
    mutating func populateInitialClients() {
        let total = max(0, configuration.clientCount)
        clients.reserve(total)
        guard !nodes.isEmpty else {
            for _ in 0 ..< total { addClient(connectAfter: 0) }
            return
        }
        let weights = nodes.indices.map { index in
            index < configuration.initialDistribution.count ? max(0, configuration.initialDistribution[index]) : 1
        }
        let weightSum = weights.reduce(0, +)
        var quotas = weights.map { weightSum > 0 ? Int((Double(total) * $0 / weightSum).rounded(.down)) : 0 }
        var remainder = total - quotas.reduce(0, +)
        var index = 0
        while remainder > 0 {
            if weights[index % quotas.count] > 0 || weightSum == 0 {
                quotas[index % quotas.count] += 1
                remainder -= 1
            }
            index += 1
        }
        for (node, quota) in quotas.enumerated() {
            for _ in 0 ..< quota {
                let persistent = Double.random(in: 0 ..< 1, using: &random) < configuration.persistentSessionShare
                let client = clients.append(persistent: persistent && sessionExpiry > 0)
                attach(client, to: node, resuming: false)
            }
        }
    }

    /// Adds one client that connects through the load balancer after `delay` ms.
    mutating func addClient(connectAfter delay: Int64) {
        let persistent = Double.random(in: 0 ..< 1, using: &random) < configuration.persistentSessionShare
        let client = clients.append(persistent: persistent && sessionExpiry > 0)
        clients.flags[Int(client)].insert(.awaitingConnect)
        schedule(at: now + delay, .clientConnect(client))
    }

    /// Grows or shrinks the population. New clients connect within the reconnect delay; removed clients (the
    /// newest first) go away for good and their sessions end (not counted as lost).
    mutating func setClientCount(_ count: Int) {
        let target = max(0, count)
        while clients.count < target { addClient(connectAfter: randomReconnectDelay()) }
        while clients.count > target {
            let client = Int32(clients.count - 1)
            let flags = clients.flags[Int(client)]
            if flags.contains(.connected) {
                removeFromConnections(client, node: Int(clients.node[Int(client)]))
            } else if flags.contains(.hasSession) {
                removeFromDisconnectedSessions(client, node: Int(clients.node[Int(client)]))
            }
            if flags.contains(.withoutNode) { clientsWithoutNode -= 1 }
            if flags.contains(.everWithoutNode) { clientsEverWithoutNode -= 1 }
            clients.removeLast()
        }
    }

    // MARK: Connecting

    /// A scheduled connect attempt: through the load balancer to a node, which may refuse it.
    mutating func attemptConnect(_ client: Int32) {
        let index = Int(client)
        guard index < clients.count, clients.flags[index].contains(.awaitingConnect) else { return }
        guard let node = pickNodeForConnect() else {
            counters.noNodeAttempts += 1
            if !clients.flags[index].contains(.withoutNode) {
                clients.flags[index].insert(.withoutNode)
                clientsWithoutNode += 1
            }
            if !clients.flags[index].contains(.everWithoutNode) {
                clients.flags[index].insert(.everWithoutNode)
                clientsEverWithoutNode += 1
            }
            schedule(at: now + randomReconnectDelay(), .clientConnect(client))
            return
        }
        guard nodes[node].acceptsConnections else {
            counters.refusedConnects += 1
            schedule(at: now + randomReconnectDelay(), .clientConnect(client))
            return
        }
        counters.reconnects += 1
        attach(client, to: node, resuming: true)
    }

    /// Connects `client` on `node`. A persistent client with a session anywhere in the cluster takes it over
    /// (the session moves to `node`); a clean client starts a new one.
    mutating func attach(_ client: Int32, to node: Int, resuming: Bool) {
        let index = Int(client)
        var flags = clients.flags[index]
        if flags.contains(.hasSession), !flags.contains(.connected) {
            removeFromDisconnectedSessions(client, node: Int(clients.node[index]))
            if resuming { counters.takeovers += 1 }
        }
        if flags.contains(.withoutNode) {
            flags.remove(.withoutNode)
            clientsWithoutNode -= 1
        }
        flags.remove(.awaitingConnect)
        flags.formUnion([.connected, .hasSession])
        clients.flags[index] = flags
        clients.sessionEpoch[index] &+= 1
        clients.node[index] = Int16(node)
        clients.listPosition[index] = Int32(nodes[node].connections.count)
        nodes[node].connections.append(client)
    }

    /// The connection of `client` closes (eviction, takeover, node stop). A persistent session stays on the
    /// node, disconnected, until it expires or is taken over; a clean one ends. The client reconnects after a
    /// random delay. With `sessionLost`, the session is gone with its node.
    mutating func detach(_ client: Int32, sessionLost: Bool = false) {
        let index = Int(client)
        let node = Int(clients.node[index])
        removeFromConnections(client, node: node)
        clients.flags[index].remove(.connected)
        if clients.flags[index].contains(.persistent), !sessionLost {
            keepDisconnectedSession(client, on: node)
        } else {
            if clients.flags[index].contains(.persistent) { counters.sessionsLostWithNode += 1 }
            clients.flags[index].remove(.hasSession)
            clients.node[index] = -1
        }
        clients.flags[index].insert(.awaitingConnect)
        schedule(at: now + randomReconnectDelay(), .clientConnect(client))
    }

    /// Puts the session of disconnected `client` on `node` and arms its expiry timer from now.
    mutating func keepDisconnectedSession(_ client: Int32, on node: Int) {
        let index = Int(client)
        clients.flags[index].insert(.hasSession)
        clients.node[index] = Int16(node)
        clients.sessionEpoch[index] &+= 1
        clients.listPosition[index] = Int32(nodes[node].disconnectedSessions.count)
        nodes[node].disconnectedSessions.append(client)
        schedule(at: now + sessionExpiry, .sessionExpiry(client, epoch: clients.sessionEpoch[index]))
    }

    mutating func expireSession(_ client: Int32, epoch: UInt32) {
        let index = Int(client)
        guard index < clients.count, clients.sessionEpoch[index] == epoch else { return }
        let flags = clients.flags[index]
        guard flags.contains(.hasSession), !flags.contains(.connected) else { return }
        removeFromDisconnectedSessions(client, node: Int(clients.node[index]))
        clients.flags[index].remove(.hasSession)
        clients.node[index] = -1
        counters.sessionsExpired += 1
    }

    // MARK: Eviction agent operations

    /// `evict_connections(N)`: closes the first `count` live connections of `node`.
    mutating func evictConnections(on node: Int, count: Int) {
        var evicted = 0
        while evicted < count, let client = nodes[node].connections.last {
            detach(client)
            evicted += 1
        }
        counters.connectionsEvicted += evicted
    }

    /// `evict_sessions(N, Targets, ConnState)`: migrates up to `count` local channels, each to a target chosen
    /// uniformly at random. Disconnected sessions go first; with `includingConnected` (ConnState `any`), connected
    /// channels follow, and their takeover closes the client's connection (a clean one's session then ends, as
    /// EMQX discards a channel that should be expired). A target that is down leaves the session in place.
    mutating func evictSessions(on node: Int, count: Int, targets: [Int], includingConnected: Bool) {
        guard !targets.isEmpty else { return }
        var moved = 0
        var skipped = 0
        while moved + skipped < count {
            let client: Int32
            if nodes[node].disconnectedSessions.count > skipped {
                client = nodes[node].disconnectedSessions[nodes[node].disconnectedSessions.count - 1 - skipped]
            } else if includingConnected, let connected = nodes[node].connections.last {
                client = connected
            } else {
                break
            }
            let target = targets[Int.random(in: 0 ..< targets.count, using: &random)]
            guard nodes[target].isRunning else {
                // badrpc: left for a later tick
                skipped += 1
                continue
            }
            let index = Int(client)
            if clients.flags[index].contains(.connected) {
                let persistent = clients.flags[index].contains(.persistent)
                detach(client)
                guard persistent else {
                    moved += 1
                    continue
                }
            }
            removeFromDisconnectedSessions(client, node: node)
            keepDisconnectedSession(client, on: target)
            counters.sessionsMigrated += 1
            moved += 1
        }
    }

    // MARK: Node lists

    mutating func removeFromConnections(_ client: Int32, node: Int) {
        let position = Int(clients.listPosition[Int(client)])
        let last = nodes[node].connections.removeLast()
        if position < nodes[node].connections.count {
            nodes[node].connections[position] = last
            clients.listPosition[Int(last)] = Int32(position)
        }
        clients.listPosition[Int(client)] = -1
    }

    mutating func removeFromDisconnectedSessions(_ client: Int32, node: Int) {
        let position = Int(clients.listPosition[Int(client)])
        let last = nodes[node].disconnectedSessions.removeLast()
        if position < nodes[node].disconnectedSessions.count {
            nodes[node].disconnectedSessions[position] = last
            clients.listPosition[Int(last)] = Int32(position)
        }
        clients.listPosition[Int(client)] = -1
    }
}
