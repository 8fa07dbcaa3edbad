/// Evacuation as the node's coordinator runs it: start, stop, timer ticks, restore after a restart.
extension SimulationCore {
    /// `POST /load_rebalance/{node}/evacuation/start` after validation.
    mutating func startEvacuation(node: Int, options: EvacuationOptions) throws(OperationError) {
        guard nodes[node].evacuation == nil else { throw .alreadyStarted }
        do {
            try nodes[node].agent.enable(.evacuation, serverReference: options.serverReference, allowConnections: true)
        } catch {
            throw .evictionAgentBusy
        }
        let (machine, step) = Evacuation.started(
            options: options, connections: nodes[node].connectionCount, sessions: nodes[node].sessionCount)
        nodes[node].evacuation = machine
        nodes[node].persistedEvacuation = PersistedEvacuation(options)
        armEvacuationTimer(node: node, after: step.timer)
    }

    /// `POST /load_rebalance/{node}/evacuation/stop`.
    mutating func stopEvacuation(node: Int) throws(OperationError) {
        guard nodes[node].evacuation != nil else { throw .notStarted }
        nodes[node].persistedEvacuation = nil
        try? nodes[node].agent.disable(.evacuation)
        nodes[node].evacuation = nil
        armEvacuationTimer(node: node, after: nil)
    }

    /// Coordinator init at boot: a persisted file resumes the evacuation, blocking at once.
    mutating func restoreEvacuation(node: Int) {
        guard let persisted = nodes[node].persistedEvacuation else { return }
        let options = persisted.restoredOptions
        do {
            try nodes[node].agent.enable(.evacuation, serverReference: options.serverReference, allowConnections: false)
        } catch {
            nodes[node].persistedEvacuation = nil
            return
        }
        let (machine, step) = Evacuation.restored(
            options: options, connections: nodes[node].connectionCount, sessions: nodes[node].sessionCount)
        nodes[node].evacuation = machine
        armEvacuationTimer(node: node, after: step.timer)
    }

    /// The session migration targets now: `migrate_to` (or every running node but this one), available only.
    func evacuationTargets(node: Int) -> [Int] {
        let candidates: [Int]
        if let names = nodes[node].evacuation?.options.migrateTo {
            candidates = names.compactMap { nodeIndex(named: $0) }
        } else {
            candidates = runningNodes.filter { $0 != node }
        }
        return candidates.filter { nodes[$0].isAvailable }
    }

    mutating func armEvacuationTimer(node: Int, after delay: Int64?) {
        nodes[node].evacuationTimer &+= 1
        guard let delay else { return }
        schedule(
            at: now + delay, .evacuationTimer(node: Int16(node), generation: nodes[node].evacuationTimer))
    }

    mutating func evacuationTimerFired(node: Int, generation: UInt32) {
        guard nodes[node].isRunning, nodes[node].evacuationTimer == generation,
            var machine = nodes[node].evacuation
        else { return }
        let step = machine.timerFired(
            connections: nodes[node].connectionCount, sessions: nodes[node].sessionCount,
            targets: evacuationTargets(node: node))
        nodes[node].evacuation = machine
        for action in step.actions {
            switch action {
            case .blockConnections:
                do {
                    try nodes[node].agent.enable(
                        .evacuation, serverReference: machine.options.serverReference, allowConnections: false)
                } catch {
                    nodes[node].evacuation = nil
                    armEvacuationTimer(node: node, after: nil)
                    return
                }
            case .evictConnections(let count):
                evictConnections(on: node, count: count)
            case .evictSessions(let count, let targets):
                evictSessions(on: node, count: count, targets: targets, includingConnected: true)
            }
        }
        armEvacuationTimer(node: node, after: step.timer)
    }
}
