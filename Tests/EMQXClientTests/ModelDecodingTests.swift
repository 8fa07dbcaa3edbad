import Foundation
import Testing

@testable import EMQXClient

@Suite("Response bodies of spec 7.3 and 7.4 decode with exact field names and lenient types")
struct ModelDecodingTests {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    @Test("a node maps live_connections to connections and connections to sessions")
    func nodeMapping() throws {
        let nodes = try decode(
            [EMQXNode].self,
            """
            [{"node": "emqx@10.0.0.1", "node_status": "running", "role": "core", "version": "5.9.1",
              "edition": "Enterprise", "uptime": 3600000, "connections": 120, "live_connections": 100,
              "cluster_sessions": 300, "load1": 0.25, "load5": 0.5, "load15": 1, "memory_total": 8589934592,
              "memory_used": 1073741824, "max_fds": 1048576, "process_available": 2097152, "process_used": 600,
              "otp_release": "26.2.5-3", "log_path": "/opt/emqx/log", "sys_path": "/opt/emqx"},
             {"node": "emqx@10.0.0.2", "node_status": "stopped"}]
            """)
        #expect(nodes.count == 2)
        let running = nodes[0]
        #expect(running.name == "emqx@10.0.0.1")
        #expect(running.isRunning)
        #expect(running.connections == 100)
        #expect(running.sessions == 120)
        #expect(running.clusterSessions == 300)
        #expect(running.uptime == .seconds(3600))
        #expect(running.load1 == 0.25)
        #expect(running.load15 == 1)
        #expect(running.memoryTotal == 8_589_934_592)
        #expect(running.maxFileDescriptors == 1_048_576)
        #expect(running.version == "5.9.1")
        #expect(running.role == "core")
        let stopped = nodes[1]
        #expect(stopped.status == .stopped)
        #expect(!stopped.isRunning)
        #expect(stopped.connections == nil)
        #expect(stopped.sessions == nil)
    }

    @Test("node figures that EMQX 4.x sent as strings decode, and unparseable ones are nil")
    func nodeLenient() throws {
        let node = try decode(
            EMQXNode.self,
            #"{"node": "emqx@h", "node_status": "running", "load1": "0.15", "memory_total": "1.5G", "uptime": "2 days, 3 hours", "live_connections": 7.0, "connections": "9"}"#
        )
        #expect(node.load1 == 0.15)
        #expect(node.memoryTotal == 1_610_612_736)
        #expect(node.uptime == nil)
        #expect(node.connections == 7)
        #expect(node.sessions == 9)
    }

    @Test("an unknown node status is kept verbatim")
    func nodeOtherStatus() throws {
        let node = try decode(EMQXNode.self, #"{"node": "emqx@h", "node_status": "joining"}"#)
        #expect(node.status == .other("joining"))
        #expect(node.status.rawValue == "joining")
    }

    @Test("local status with no task")
    func localDisabled() throws {
        #expect(try decode(EMQXLocalStatus.self, #"{"status": "disabled"}"#) == .disabled)
    }

    @Test("local status of an evacuation (spec 7.3)")
    func localEvacuation() throws {
        let status = try decode(
            EMQXLocalStatus.self,
            """
            {"status": "enabled", "process": "evacuation", "state": "evicting_conns",
             "connection_eviction_rate": 100, "session_eviction_rate": 100,
             "connection_goal": 0, "session_goal": 0,
             "session_recipients": ["emqx2@10.0.0.2", "emqx3@10.0.0.3"],
             "stats": {"initial_connected": 30, "current_connected": 9,
                       "initial_sessions": 30, "current_sessions": 30}}
            """)
        guard case .evacuation(let evacuation) = status else {
            Issue.record("expected an evacuation, got \(status)")
            return
        }
        #expect(evacuation.node == nil)
        #expect(evacuation.state == .evictingConnections)
        #expect(evacuation.connectionEvictionRate == 100)
        #expect(evacuation.sessionRecipients == ["emqx2@10.0.0.2", "emqx3@10.0.0.3"])
        #expect(evacuation.stats == EvictionStats(initialConnected: 30, currentConnected: 9, initialSessions: 30, currentSessions: 30))
    }

    @Test("local status of a rebalance donor, with float goals and millisecond RPC timeouts (spec 7.3)")
    func localRebalanceDonor() throws {
        let status = try decode(
            EMQXLocalStatus.self,
            """
            {"status": "enabled", "process": "rebalance", "state": "evicting_conns",
             "coordinator_node": "emqx1@10.0.0.1",
             "connection_eviction_rate": 10, "connection_eviction_rpc_timeout": 15000,
             "session_eviction_rate": 20, "session_eviction_rpc_timeout": 15000,
             "recipients": ["emqx1@10.0.0.1"],
             "connection_goal": 26.0,
             "stats": {"initial_connected": 45, "initial_sessions": 45, "current_connected": 31,
                       "current_sessions": 45, "current_disconnected_sessions": 0}}
            """)
        guard case .rebalance(let donor) = status else {
            Issue.record("expected a rebalance donor, got \(status)")
            return
        }
        #expect(donor.state == .evictingConnections)
        #expect(donor.coordinatorNode == "emqx1@10.0.0.1")
        #expect(donor.connectionEvictionRPCTimeout == .seconds(15))
        #expect(donor.sessionEvictionRate == 20)
        #expect(donor.recipients == ["emqx1@10.0.0.1"])
        #expect(donor.connectionGoal == 26.0)
        #expect(donor.disconnectedSessionGoal == nil)
        #expect(donor.stats.currentConnected == 31)
        #expect(donor.stats.currentDisconnectedSessions == 0)
    }

    @Test("a donor status from before EMQX 5.9 (no RPC timeouts) decodes")
    func donorBefore59() throws {
        let status = try decode(
            EMQXLocalStatus.self,
            """
            {"status": "enabled", "process": "rebalance", "state": "wait_health_check", "coordinator_node": "a@h",
             "connection_eviction_rate": 10, "session_eviction_rate": 20, "recipients": ["b@h"],
             "stats": {"initial_connected": 4, "initial_sessions": 4, "current_connected": 4, "current_sessions": 4}}
            """)
        guard case .rebalance(let donor) = status else {
            Issue.record("expected a rebalance donor, got \(status)")
            return
        }
        #expect(donor.connectionEvictionRPCTimeout == nil)
        #expect(donor.state == .waitHealthCheck)
    }

    @Test("an enabled process this client does not know is kept, not an error")
    func localUnknownProcess() throws {
        #expect(try decode(EMQXLocalStatus.self, #"{"status": "enabled", "process": "defrag"}"#) == .other(process: "defrag"))
    }

    @Test("global status of spec 7.3")
    func globalStatus() throws {
        let status = try decode(
            EMQXGlobalStatus.self,
            """
            {"evacuations": [ {"node": "emqx1@10.0.0.1", "state": "prohibiting", "connection_eviction_rate": 3,
                               "session_eviction_rate": 3, "connection_goal": 0, "session_goal": 0,
                               "session_recipients": ["emqx2@10.0.0.2"],
                               "stats": {"initial_connected": 30, "current_connected": 0,
                                         "initial_sessions": 30, "current_sessions": 0}} ],
             "purges": [],
             "rebalances": [ {"node": "emqx1@10.0.0.1", "state": "wait_health_check",
                              "coordinator_node": "emqx1@10.0.0.1",
                              "connection_eviction_rate": 10, "connection_eviction_rpc_timeout": 15000,
                              "session_eviction_rate": 20, "session_eviction_rpc_timeout": 15000,
                              "donors": ["emqx2@10.0.0.2", "emqx3@10.0.0.3"], "recipients": ["emqx1@10.0.0.1"],
                              "connection_goal": 0.0, "donor_conn_avg": 45.0} ]}
            """)
        #expect(status.evacuations.count == 1)
        let evacuation = try #require(status.evacuation(of: "emqx1@10.0.0.1"))
        #expect(evacuation.state == .prohibiting)
        #expect(evacuation.stats.currentSessions == 0)
        #expect(status.purges.isEmpty)
        let rebalance = try #require(status.rebalance(coordinatedBy: "emqx1@10.0.0.1"))
        #expect(rebalance.state == .waitHealthCheck)
        #expect(rebalance.donors == ["emqx2@10.0.0.2", "emqx3@10.0.0.3"])
        #expect(rebalance.recipients == ["emqx1@10.0.0.1"])
        #expect(rebalance.connectionGoal == 0)
        #expect(rebalance.donorConnectionAverage == 45)
        #expect(rebalance.donorSessionAverage == nil)
        #expect(rebalance.sessionEvictionRPCTimeout == .seconds(15))
        #expect(status.rebalance(coordinatedBy: "emqx2@10.0.0.2") == nil)
    }

    @Test("a global status without the purges list (older versions) decodes")
    func globalLenient() throws {
        let status = try decode(EMQXGlobalStatus.self, #"{"evacuations": [], "rebalances": []}"#)
        #expect(status == EMQXGlobalStatus())
    }

    @Test("every state string of spec 7.3 is known and round-trips; unknown ones are kept, never a decode failure")
    func stateStrings() throws {
        #expect(EvacuationState.knownValues.map(\.rawValue) == ["waiting_health_check", "evicting_conns", "waiting_takeover", "evicting_sessions", "prohibiting"])
        #expect(RebalanceState.knownValues.map(\.rawValue) == ["wait_health_check", "evicting_conns", "wait_takeover", "evicting_sessions"])
        #expect(EMQXNode.Status.knownValues.map(\.rawValue) == ["running", "stopped"])
        #expect(EvacuationState.knownValues.allSatisfy { EvacuationState(rawValue: $0.rawValue) == $0 && $0.isKnown })
        #expect(RebalanceState(rawValue: "evicting_sessions") == .evictingSessions)
        let unknown = EvacuationState(rawValue: "wait_health_check")
        #expect(unknown == .other("wait_health_check") && !unknown.isKnown)
        #expect(!RebalanceState(rawValue: "waiting_takeover").isKnown)
        #expect(try decode(EvacuationState.self, #""defragmenting""#) == .other("defragmenting"))
        #expect(try decode(RebalanceState.self, #""wait_takeover""#) == .waitTakeover)
        #expect(String(decoding: try JSONEncoder().encode(EvacuationState.prohibiting), as: UTF8.self) == #""prohibiting""#)
        #expect("\(EMQXNode.Status.other("joining"))" == "joining")
    }
}
