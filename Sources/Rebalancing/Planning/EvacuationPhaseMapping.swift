import EMQXClient

/// Maps EMQX's evacuation status (spec 3.2, 6.1, 6.2) to NodeEvacuation phases and progress. Pure.
public enum EvacuationPhaseMapping {
    /// The phase for one EMQX evacuation state; `nil` for a state this operator does not know.
    ///
    /// `prohibiting` is `Evacuated`: EMQX enters it once the node holds no session (and it refuses connections).
    public static func phase(of state: EvacuationState) -> NodeEvacuation.Phase? {
        switch state {
        case .waitingHealthCheck: .waitingHealthCheck
        case .evictingConnections: .evictingConnections
        case .waitingTakeover: .waitingTakeover
        case .evictingSessions: .evictingSessions
        case .prohibiting: .evacuated
        case .other: nil
        }
    }

    /// The phase a node's own local status shows: `nil` when no evacuation runs there (or the state is unknown).
    public static func phase(of status: EMQXLocalStatus) -> NodeEvacuation.Phase? {
        guard case .evacuation(let evacuation) = status else { return nil }
        return phase(of: evacuation.state)
    }

    /// Observes the evacuation of `targets` (EMQX node names) in `globalStatus`, with live counts from `nodes`.
    public static func observe(targets: [String], globalStatus: EMQXGlobalStatus, nodes: [EMQXNode]) -> EvacuationObservation {
        let running = Dictionary(nodes.filter(\.isRunning).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var brokerNodes: [NodeEvacuation.Status.BrokerNode] = []
        var phases: [NodeEvacuation.Phase] = []
        var notRunning: [String] = []
        var initialTotal: Int64 = 0
        var currentTotal: Int64 = 0
        for target in targets {
            var brokerNode = NodeEvacuation.Status.BrokerNode(name: target)
            let live = running[target]
            guard let evacuation = globalStatus.evacuation(of: target) else {
                notRunning.append(target)
                phases.append(.pending)
                brokerNode.connections = live?.connections
                brokerNode.sessions = live?.sessions
                brokerNodes.append(brokerNode)
                continue
            }
            brokerNode.state = evacuation.state.rawValue
            brokerNode.initialConnections = evacuation.stats.initialConnected
            brokerNode.initialSessions = evacuation.stats.initialSessions
            let connections = live?.connections ?? evacuation.stats.currentConnected
            let sessions = live?.sessions ?? evacuation.stats.currentSessions
            brokerNode.connections = connections
            brokerNode.sessions = sessions
            brokerNodes.append(brokerNode)
            initialTotal += evacuation.stats.initialConnected + evacuation.stats.initialSessions
            currentTotal += connections + sessions
            if let phase = phase(of: evacuation.state) { phases.append(phase) }
        }
        let phase = phases.min(by: { order($0) < order($1) })
        let progress: Int
        if phase == .evacuated {
            progress = 100
        } else if initialTotal == 0 {
            progress = 0
        } else {
            let moved = Double(max(0, initialTotal - currentTotal))
            progress = min(100, Int((100 * moved / Double(initialTotal)).rounded(.down)))
        }
        return EvacuationObservation(
            phase: phase, brokerNodes: brokerNodes, progress: progress,
            notRunning: notRunning, downNodes: targets.filter { running[$0] == nil })
    }

    /// Position of a phase on the way to `Evacuated`.
    static func order(_ phase: NodeEvacuation.Phase) -> Int {
        switch phase {
        case .pending: 0
        case .waitingHealthCheck: 1
        case .evictingConnections: 2
        case .waitingTakeover: 3
        case .evictingSessions: 4
        case .evacuated: 5
        case .stopping: 6
        case .failed: 7
        }
    }
}
