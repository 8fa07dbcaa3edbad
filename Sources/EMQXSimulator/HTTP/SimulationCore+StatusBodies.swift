/// The JSON bodies of the status endpoints, with EMQX's field names and number types (spec §6, §7.3, §7.4).
extension SimulationCore {
    /// `GET /load_rebalance/status` answered by `node`.
    func localStatus(node: Int) -> EMQXJSON {
        if let evacuation = nodes[node].evacuation {
            return .object(
                [("status", .string("enabled")), ("process", .string("evacuation"))]
                    + evacuationFields(node: node, evacuation))
        }
        if case .rebalance(let coordinator)? = nodes[node].agent.kind,
            let machine = nodes[coordinator].rebalance, machine.donors.contains(node)
        {
            return .object(
                [("status", .string("enabled")), ("process", .string("rebalance"))]
                    + donorFields(node: node, machine))
        }
        return .object([("status", .string("disabled"))])
    }

    /// `GET /load_rebalance/global_status`: every running node's evacuation and coordinated rebalance.
    func globalStatus() -> EMQXJSON {
        var evacuations: [EMQXJSON] = []
        var rebalances: [EMQXJSON] = []
        for node in runningNodes {
            if let evacuation = nodes[node].evacuation {
                evacuations.append(.object([("node", .string(nodes[node].name))] + evacuationFields(node: node, evacuation)))
            }
            if let machine = nodes[node].rebalance {
                rebalances.append(.object([("node", .string(nodes[node].name))] + coordinatorFields(machine)))
            }
        }
        return .object([("evacuations", .array(evacuations)), ("purges", .array([])), ("rebalances", .array(rebalances))])
    }

    /// `GET /node_eviction/status` answered by `node`.
    func evictionStatus(node: Int) -> EMQXJSON {
        guard nodes[node].agent.isEnabled else { return .object([("status", .string("disabled"))]) }
        return .object([
            ("status", .string("enabled")),
            ("stats", .object([
                ("connections", .int(nodes[node].connectionCount)), ("sessions", .int(nodes[node].sessionCount)),
            ])),
        ])
    }

    /// One entry of `GET /api/v5/nodes`.
    func nodeInfo(node: Int) -> EMQXJSON {
        let info = nodes[node]
        guard info.isRunning else {
            return .object([("node", .string(info.name)), ("node_status", .string("stopped"))])
        }
        let clusterSessions = nodes.reduce(0) { $0 + ($1.isRunning ? $1.sessionCount : 0) }
        return .object([
            ("node", .string(info.name)),
            ("node_status", .string("running")),
            ("role", .string("core")),
            ("version", .string(configuration.emqxVersion)),
            ("edition", .string(configuration.edition.rawValue)),
            ("uptime", .int(Int(now - info.bootTime))),
            ("connections", .int(info.sessionCount)),
            ("live_connections", .int(info.connectionCount)),
            ("cluster_sessions", .int(clusterSessions)),
            ("load1", .float(0.42)),
            ("load5", .float(0.35)),
            ("load15", .float(0.3)),
            ("memory_total", .int(8_589_934_592)),
            ("memory_used", .int(536_870_912 + info.sessionCount * 4096)),
            ("max_fds", .int(1_048_576)),
            ("process_available", .int(2_097_152)),
            ("process_used", .int(600 + info.sessionCount)),
            ("otp_release", .string("26.2.5-3")),
            ("log_path", .string("/opt/emqx/log")),
            ("sys_path", .string("/opt/emqx")),
        ])
    }

    private func evacuationFields(node: Int, _ evacuation: Evacuation) -> [(String, EMQXJSON)] {
        [
            ("state", .string(evacuation.state.rawValue)),
            ("connection_eviction_rate", .int(evacuation.options.connEvictRate)),
            ("session_eviction_rate", .int(evacuation.options.sessEvictRate)),
            ("connection_goal", .int(0)),
            ("session_goal", .int(0)),
            ("session_recipients", .array(evacuationTargets(node: node).map { .string(nodes[$0].name) })),
            ("stats", .object([
                ("initial_connected", .int(evacuation.initialConnections)),
                ("current_connected", .int(evacuation.currentConnections)),
                ("initial_sessions", .int(evacuation.initialSessions)),
                ("current_sessions", .int(evacuation.currentSessions)),
            ])),
        ]
    }

    private func commonRebalanceFields(_ machine: Rebalance) -> [(String, EMQXJSON)] {
        [
            ("state", .string(machine.state.rawValue)),
            ("coordinator_node", .string(nodes[machine.coordinator].name)),
            ("connection_eviction_rate", .int(machine.options.connEvictRate)),
            ("connection_eviction_rpc_timeout", .int(machine.options.connEvictRPCTimeout)),
            ("session_eviction_rate", .int(machine.options.sessEvictRate)),
            ("session_eviction_rpc_timeout", .int(machine.options.sessEvictRPCTimeout)),
            ("recipients", .array(machine.recipients.map { .string(nodes[$0].name) })),
        ]
    }

    private func goalFields(_ machine: Rebalance) -> [(String, EMQXJSON)] {
        var fields: [(String, EMQXJSON)] = []
        if let goal = machine.recipientConnAverage { fields.append(("connection_goal", .float(goal))) }
        if let goal = machine.recipientSessAverage { fields.append(("disconnected_session_goal", .float(goal))) }
        return fields
    }

    private func donorFields(node: Int, _ machine: Rebalance) -> [(String, EMQXJSON)] {
        commonRebalanceFields(machine) + goalFields(machine) + [
            ("stats", .object([
                ("initial_connected", .int(machine.initialConnections[node] ?? 0)),
                ("initial_sessions", .int(machine.initialSessions[node] ?? 0)),
                ("current_connected", .int(nodes[node].connectionCount)),
                ("current_sessions", .int(nodes[node].sessionCount)),
                ("current_disconnected_sessions", .int(nodes[node].disconnectedSessions.count)),
            ]))
        ]
    }

    private func coordinatorFields(_ machine: Rebalance) -> [(String, EMQXJSON)] {
        var fields = commonRebalanceFields(machine)
        fields.append(("donors", .array(machine.donors.map { .string(nodes[$0].name) })))
        fields += goalFields(machine)
        if let average = machine.donorConnAverage { fields.append(("donor_conn_avg", .float(average))) }
        if let average = machine.donorSessAverage { fields.append(("donor_sess_avg", .float(average))) }
        return fields
    }
}
