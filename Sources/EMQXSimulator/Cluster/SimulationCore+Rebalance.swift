/// The rebalance coordinator as EMQX runs it: start (split, balance test, donor enable), ticks, stop and abort.
extension SimulationCore {
    /// `POST /load_rebalance/{node}/start` after validation; `node` coordinates.
    mutating func startRebalance(coordinator: Int, options: RebalanceOptions) throws(OperationError) {
        guard nodes[coordinator].rebalance == nil else { throw .alreadyStarted }
        let participants = options.nodes.map { names in names.compactMap { nodeIndex(named: $0) } } ?? runningNodes
        if let down = participants.first(where: { !nodes[$0].isRunning }) {
            throw .rpcError(reason: "{'EXIT',{{bad_nodes,['\(nodes[down].name)']}}}")
        }
        guard
            let (machine, step) = Rebalance.start(
                coordinator: coordinator, nodes: participants,
                connections: participants.map { nodes[$0].connectionCount },
                sessions: participants.map { nodes[$0].sessionCount }, options: options)
        else { throw .nothingToBalance }
        let kind = EvictionAgent.Kind.rebalance(coordinator: coordinator)
        let busy = machine.donors.filter { nodes[$0].agent.isEnabled && nodes[$0].agent.kind != kind }
        if !busy.isEmpty {
            let results = busy.map { "{'\(nodes[$0].name)',{error,eviction_agent_busy}}" }.joined(separator: ",")
            throw .rpcError(reason: "{'EXIT',{{bad_results,[\(results)]}}}")
        }
        for donor in machine.donors {
            try? nodes[donor].agent.enable(kind, serverReference: nil, allowConnections: true)
        }
        nodes[coordinator].rebalance = machine
        armRebalanceTimer(node: coordinator, after: step.timer)
    }

    /// `POST /load_rebalance/{node}/stop`.
    mutating func stopRebalance(coordinator: Int) throws(OperationError) {
        guard nodes[coordinator].rebalance != nil else { throw .notStarted }
        endRebalance(coordinator: coordinator)
    }

    /// Clears the coordinator and disables the agents it enabled on the donors that still run.
    mutating func endRebalance(coordinator: Int) {
        guard let machine = nodes[coordinator].rebalance else { return }
        let kind = EvictionAgent.Kind.rebalance(coordinator: coordinator)
        for donor in machine.donors where nodes[donor].isRunning {
            try? nodes[donor].agent.disable(kind)
        }
        nodes[coordinator].rebalance = nil
        armRebalanceTimer(node: coordinator, after: nil)
    }

    mutating func armRebalanceTimer(node: Int, after delay: Int64?) {
        nodes[node].rebalanceTimer &+= 1
        guard let delay else { return }
        schedule(at: now + delay, .rebalanceTimer(node: Int16(node), generation: nodes[node].rebalanceTimer))
    }

    mutating func rebalanceTimerFired(node coordinator: Int, generation: UInt32) {
        guard nodes[coordinator].isRunning, nodes[coordinator].rebalanceTimer == generation,
            var machine = nodes[coordinator].rebalance
        else { return }
        var donorCounts: [Int] = []
        var recipientCounts: [Int] = []
        if let kind = machine.countKind {
            // The count multicall touches every participant: one that is down crashes the coordinator.
            guard machine.participants.allSatisfy({ nodes[$0].isRunning }) else {
                endRebalance(coordinator: coordinator)
                return
            }
            switch kind {
            case .connections:
                donorCounts = machine.donors.map { nodes[$0].connectionCount }
                recipientCounts = machine.recipients.map { nodes[$0].connectionCount }
            case .disconnectedSessions:
                donorCounts = machine.donors.map { nodes[$0].disconnectedSessions.count }
                recipientCounts = machine.recipients.map { nodes[$0].disconnectedSessions.count }
            }
        }
        let step = machine.timerFired(donorCounts: donorCounts, recipientCounts: recipientCounts)
        nodes[coordinator].rebalance = machine
        let kind = EvictionAgent.Kind.rebalance(coordinator: coordinator)
        for action in step.actions {
            switch action {
            case .blockDonors:
                for donor in machine.donors {
                    guard nodes[donor].isRunning, nodes[donor].agent.kind == kind else {
                        endRebalance(coordinator: coordinator)
                        return
                    }
                    try? nodes[donor].agent.enable(kind, serverReference: nil, allowConnections: false)
                }
            case .evictConnections(let count, let from):
                for donor in from { evictConnections(on: donor, count: count) }
            case .evictSessions(let count, let from, let to):
                for donor in from { evictSessions(on: donor, count: count, targets: to, includingConnected: false) }
            case .finish:
                endRebalance(coordinator: coordinator)
                return
            }
        }
        armRebalanceTimer(node: coordinator, after: step.timer)
    }
}
