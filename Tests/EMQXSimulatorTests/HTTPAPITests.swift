import AsyncHTTPClient
import Testing
import VirtualTime

@testable import EMQXSimulator

private let node0 = SimulatorConfiguration.defaultNodeName(0)
private let node1 = SimulatorConfiguration.defaultNodeName(1)
private let node2 = SimulatorConfiguration.defaultNodeName(2)

/// Runs `body` against a three-node simulator on a manual clock.
private func withCluster(
    clients: Int = 3000, weights: [Double] = [],
    _ body: (EMQXSimulator, ManualClock) async throws -> Void
) async throws {
    let clock = ManualClock()
    let configuration = SimulatorConfiguration(clientCount: clients, initialDistribution: weights)
    try await EMQXSimulator.withSimulator(configuration, clock: clock) { simulator in
        try await body(simulator, clock)
    }
}

@Suite("HTTP API over real listeners (spec §7)")
struct HTTPAPITests {
    @Test("on the real clock the simulator starts, answers on every listener, and shuts down")
    func continuousClock() async throws {
        try await EMQXSimulator.withCluster(nodes: 2, clients: 100, clock: ContinuousClock()) { (simulator: EMQXSimulator) async throws -> Void in
            #expect(simulator.nodeURLs.count == 2)
            for url in simulator.nodeURLs.values {
                #expect(try await send(.GET, url + "/api/v5/load_rebalance/availability_check", auth: nil).status == 200)
            }
            let stats = await simulator.stats()
            #expect(stats.totals.connections == 100)
        }
    }

    @Test("availability_check needs no auth, answers {} and 503 NODE_EVACUATING on the evacuating node only")
    func availabilityCheck() async throws {
        try await withCluster { simulator, _ in
            let urls = simulator.nodeURLs
            let path = "/api/v5/load_rebalance/availability_check"
            let ok = try await send(.GET, urls[node0]! + path, auth: nil)
            #expect(ok.status == 200)
            #expect(ok.body == "{}")
            let start = try await send(.POST, urls[node0]! + "/api/v5/load_rebalance/\(node0)/evacuation/start", body: "{}")
            #expect(start.status == 200)
            #expect(start.body == "{}")
            let status = try await send(.GET, urls[node0]! + "/api/v5/load_rebalance/status")
            #expect(status.json?["connection_eviction_rate"] == .int(500), "defaults apply to an empty body")
            #expect(status.json?["session_eviction_rate"] == .int(500))
            let evacuating = try await send(.GET, urls[node0]! + path, auth: nil)
            #expect(evacuating.status == 503)
            #expect(evacuating.body == #"{"code":"NODE_EVACUATING","message":"Node Evacuating"}"#)
            #expect(try await send(.GET, urls[node1]! + path, auth: nil).status == 200)
        }
    }

    @Test("missing or wrong credentials get EMQX's 401 bodies")
    func authentication() async throws {
        try await withCluster { simulator, _ in
            let url = simulator.serviceURL + "/api/v5/load_rebalance/global_status"
            let missing = try await send(.GET, url, auth: nil)
            #expect(missing.status == 401)
            #expect(missing.body == #"{"code":"AUTHORIZATION_HEADER_ERROR","message":"Support authorization: basic/bearer "}"#)
            let wrong = try await send(.GET, url, auth: ("rebalance-operator", "nope"))
            #expect(wrong.status == 401)
            #expect(wrong.body == #"{"code":"BAD_API_KEY_OR_SECRET","message":"Check api_key/api_secret"}"#)
            #expect(wrong.headers["WWW-Authenticate"].first == #"Basic Realm="emqx-dashboard""#)
            #expect(try await send(.GET, url).status == 200)
        }
    }

    @Test("evacuation start and stop errors are exactly EMQX's")
    func evacuationErrors() async throws {
        try await withCluster { simulator, _ in
            let base = simulator.serviceURL + "/api/v5/load_rebalance"
            #expect(try await send(.POST, "\(base)/\(node1)/evacuation/start", body: "{}").status == 200)
            let again = try await send(.POST, "\(base)/\(node1)/evacuation/start", body: "{}")
            #expect(again.status == 400)
            #expect(again.body == #"{"code":"BAD_REQUEST","message":"error on node '\#(node1)': already_started"}"#)
            #expect(try await send(.POST, "\(base)/\(node1)/evacuation/stop").body == "{}")
            let stopped = try await send(.POST, "\(base)/\(node1)/evacuation/stop", body: "{}")
            #expect(stopped.status == 400)
            #expect(stopped.body == #"{"code":"BAD_REQUEST","message":"error on node '\#(node1)': not_started"}"#)
            let unknown = try await send(.POST, "\(base)/emqx@nowhere/evacuation/start", body: "{}")
            #expect(unknown.status == 404)
            #expect(unknown.body == #"{"code":"NOT_FOUND","message":"Node not found: emqx@nowhere"}"#)
            let invalid = try await send(
                .POST, "\(base)/\(node1)/evacuation/start", body: #"{"migrate_to": ["bad_node"]}"#)
            #expect(invalid.status == 400)
            #expect(invalid.body == #"{"code":"BAD_REQUEST","message":"Invalid nodes: [<<\"bad_node\">>]"}"#)
            #expect(try await send(.POST, "\(base)/\(node2)/evacuation/start", body: "{}").status == 200)
            let unavailable = try await send(
                .POST, "\(base)/\(node1)/evacuation/start", body: #"{"migrate_to": ["\#(node2)"]}"#)
            #expect(unavailable.status == 400)
            #expect(unavailable.body == #"{"code":"NOT_FOUND","message":"Nodes unavailable: ['\#(node2)']"}"#)
            let badType = try await send(.POST, "\(base)/\(node1)/evacuation/start", body: #"{"conn_evict_rate": 0}"#)
            #expect(badType.status == 400)
            #expect(badType.json?["code"] == .string("BAD_REQUEST"))
            let unknownField = try await send(.POST, "\(base)/\(node1)/evacuation/start", body: #"{"rate": 1}"#)
            #expect(unknownField.status == 400)
        }
    }

    @Test("a busy node answers eviction_agent_busy; a busy donor makes the rebalance start a 503 RPC_ERROR")
    func busyErrors() async throws {
        try await withCluster(weights: [4, 1, 1]) { simulator, _ in
            let base = simulator.serviceURL + "/api/v5/load_rebalance"
            #expect(try await send(.POST, "\(base)/\(node0)/evacuation/start", body: "{}").status == 200)
            let crashed = try await send(.POST, "\(base)/\(node1)/start", body: #"{"abs_conn_threshold": 10}"#)
            #expect(crashed.status == 503)
            #expect(crashed.json?["code"] == .string("RPC_ERROR"))
            guard case .string(let message)? = crashed.json?["message"] else {
                Issue.record("no message: \(crashed.body)")
                return
            }
            #expect(message.hasPrefix("RPC error on node '\(node1)': {'EXIT'"))
            #expect(try await send(.POST, "\(base)/\(node0)/evacuation/stop").status == 200)
            #expect(try await send(.POST, "\(base)/\(node1)/start", body: #"{"abs_conn_threshold": 10}"#).status == 200)
            let busy = try await send(.POST, "\(base)/\(node0)/evacuation/start", body: "{}")
            #expect(busy.status == 400)
            #expect(busy.body == #"{"code":"BAD_REQUEST","message":"error on node '\#(node0)': eviction_agent_busy"}"#)
            let unavailable = try await send(.POST, "\(base)/\(node2)/start", body: #"{"nodes": ["\#(node0)", "\#(node2)"]}"#)
            #expect(unavailable.status == 400)
            #expect(unavailable.body == #"{"code":"NOT_FOUND","message":"Nodes unavailable: ['\#(node0)']"}"#)
        }
    }

    @Test("evacuation status has EMQX's fields, integer goals, and redirect_to has no effect")
    func evacuationStatus() async throws {
        try await withCluster { simulator, clock in
            let url = simulator.nodeURLs[node0]!
            #expect(try await send(.GET, url + "/api/v5/load_rebalance/status").body == #"{"status":"disabled"}"#)
            let start = try await send(
                .POST, url + "/api/v5/load_rebalance/\(node0)/evacuation/start",
                body: #"{"wait_health_check": "5s", "conn_evict_rate": 100, "sess_evict_rate": 100, "wait_takeover": "1m", "redirect_to": "mqtt2.example.com:1883"}"#
            )
            #expect(start.status == 200)
            let status = try #require(try await send(.GET, url + "/api/v5/load_rebalance/status").json)
            #expect(status["status"] == .string("enabled"))
            #expect(status["process"] == .string("evacuation"))
            #expect(status["state"] == .string("waiting_health_check"))
            #expect(status["connection_eviction_rate"] == .int(100))
            #expect(status["session_eviction_rate"] == .int(100))
            #expect(status["connection_goal"] == .int(0))
            #expect(status["session_goal"] == .int(0))
            #expect(status["session_recipients"] == .array([.string(node1), .string(node2)]))
            #expect(status["stats"]?["initial_connected"] == .int(1000))
            #expect(status["stats"]?["current_sessions"] == .int(1000))
            #expect(status["server_reference"] == nil)
            let options = simulator.box.withCore { $0.nodes[0].evacuation?.options }
            #expect(options?.serverReference == nil, "redirect_to is dropped (spec §9.2 item 1)")
            #expect(options?.waitTakeover == 60)
            await clock.advance(by: .seconds(6))
            let global = try #require(try await send(.GET, url + "/api/v5/load_rebalance/global_status").json)
            guard case .array(let evacuations)? = global["evacuations"] else {
                Issue.record("no evacuations array")
                return
            }
            #expect(evacuations.count == 1)
            #expect(evacuations.first?["node"] == .string(node0))
            #expect(evacuations.first?["state"] == .string("evicting_conns"))
            #expect(global["purges"] == .array([]))
            #expect(global["rebalances"] == .array([]))
            let eviction = try #require(try await send(.GET, url + "/api/v5/node_eviction/status").json)
            #expect(eviction["status"] == .string("enabled"))
            #expect(eviction["stats"]?["connections"] != nil)
        }
    }

    @Test("rebalance: nothing_to_balance on a balanced cluster, float goals once ticked, 400 for bad thresholds")
    func rebalance() async throws {
        try await withCluster { simulator, _ in
            let base = simulator.serviceURL + "/api/v5/load_rebalance"
            let balanced = try await send(.POST, "\(base)/\(node0)/start", body: "{}")
            #expect(balanced.status == 400)
            #expect(balanced.body == #"{"code":"BAD_REQUEST","message":"error on node '\#(node0)': nothing_to_balance"}"#)
            let badRatio = try await send(.POST, "\(base)/\(node0)/start", body: #"{"rel_conn_threshold": 1.0}"#)
            #expect(badRatio.status == 400)
        }
        try await withCluster(weights: [4, 1, 1]) { simulator, clock in
            let base = simulator.serviceURL + "/api/v5/load_rebalance"
            let start = try await send(
                .POST, "\(base)/\(node1)/start",
                body: #"{"abs_conn_threshold": 10, "rel_conn_threshold": 1.05, "conn_evict_rpc_timeout": "10s", "wait_health_check": "10s"}"#
            )
            #expect(start.status == 200)
            let check = "/api/v5/load_rebalance/availability_check"
            #expect(try await send(.GET, simulator.nodeURLs[node0]! + check, auth: nil).status == 503, "donors drain")
            #expect(try await send(.GET, simulator.nodeURLs[node1]! + check, auth: nil).status == 200)
            let again = try await send(.POST, "\(base)/\(node1)/start", body: "{}")
            #expect(again.body == #"{"code":"BAD_REQUEST","message":"error on node '\#(node1)': already_started"}"#)
            let global = try await send(.GET, "\(base)/global_status")
            let entry = try #require({ () -> EMQXJSON? in
                if case .array(let list)? = global.json?["rebalances"] { return list.first }
                return nil
            }())
            #expect(entry["node"] == .string(node1))
            #expect(entry["coordinator_node"] == .string(node1))
            #expect(entry["state"] == .string("wait_health_check"))
            #expect(entry["donors"] == .array([.string(node0)]))
            #expect(entry["recipients"] == .array([.string(node1), .string(node2)]))
            #expect(entry["connection_eviction_rpc_timeout"] == .int(10000))
            #expect(entry["session_eviction_rpc_timeout"] == .int(15000))
            #expect(entry["connection_goal"] == nil, "goals appear once the coordinator has ticked")
            #expect(entry["stats"] == nil)
            await clock.advance(by: .milliseconds(10500))
            let donor = try await send(.GET, simulator.nodeURLs[node0]! + "/api/v5/load_rebalance/status")
            #expect(donor.json?["process"] == .string("rebalance"))
            #expect(donor.json?["state"] == .string("evicting_conns"))
            #expect(donor.body.contains(#""connection_goal":500.0"#), "a float: \(donor.body)")
            #expect(donor.json?["stats"]?["current_disconnected_sessions"] != nil)
            let recipient = try await send(.GET, simulator.nodeURLs[node2]! + "/api/v5/load_rebalance/status")
            #expect(recipient.body == #"{"status":"disabled"}"#, "recipients report disabled")
            let afterTick = try await send(.GET, "\(base)/global_status")
            #expect(afterTick.body.contains(#""donor_conn_avg":2000.0"#), "\(afterTick.body)")
            #expect(try await send(.POST, "\(base)/\(node1)/stop").body == "{}")
            let stopped = try await send(.POST, "\(base)/\(node1)/stop")
            #expect(stopped.body == #"{"code":"BAD_REQUEST","message":"error on node '\#(node1)': not_started"}"#)
        }
    }

    @Test("/nodes: live_connections are connections, connections are sessions; floats where EMQX sends floats")
    func nodes() async throws {
        try await withCluster(clients: 300) { simulator, _ in
            simulator.box.withCore { core in core.evictConnections(on: 0, count: 100) }
            let answer = try await send(.GET, simulator.serviceURL + "/api/v5/nodes")
            guard case .array(let nodes)? = answer.json else {
                Issue.record("not an array: \(answer.body)")
                return
            }
            #expect(nodes.count == 3)
            let first = try #require(nodes.first { $0["node"] == .string(node0) })
            #expect(first["node_status"] == .string("running"))
            #expect(first["live_connections"] == .int(0))
            guard case .int(let sessions)? = first["connections"] else {
                Issue.record("connections is not an integer")
                return
            }
            #expect(sessions > 0 && sessions < 100, "persistent sessions stay: \(sessions)")
            #expect(first["cluster_sessions"] != nil)
            #expect(first["role"] == .string("core"))
            #expect(first["edition"] == .string("Enterprise"))
            guard case .float? = first["load1"] else {
                Issue.record("load1 is not a float")
                return
            }
            let one = try await send(.GET, simulator.serviceURL + "/api/v5/nodes/\(node1)")
            #expect(one.json?["node"] == .string(node1))
            let missing = try await send(.GET, simulator.serviceURL + "/api/v5/nodes/emqx@nowhere")
            #expect(missing.status == 404)
        }
    }

    @Test("paths EMQX does not route get its catch-all 404, purge included")
    func notFound() async throws {
        try await withCluster { simulator, _ in
            let purge = try await send(
                .POST, simulator.serviceURL + "/api/v5/load_rebalance/\(node0)/purge/start", body: "{}",
                accept: "application/json")
            #expect(purge.status == 404)
            #expect(purge.body == #"{"code": "NOT_FOUND", "message": "Request Path Not Found"}"#)
            let html = try await send(.GET, simulator.serviceURL + "/api/v5/nothing", auth: nil)
            #expect(html.status == 404)
            #expect(html.body.hasPrefix("<html>"))
        }
    }

    @Test("the open-source edition has no rebalance: 404 on its paths, /nodes still served")
    func featureAbsent() async throws {
        let configuration = SimulatorConfiguration(clientCount: 30, edition: .opensource)
        try await EMQXSimulator.withSimulator(configuration, clock: ManualClock()) { simulator in
            let status = try await send(
                .GET, simulator.serviceURL + "/api/v5/load_rebalance/global_status", accept: "application/json")
            #expect(status.status == 404)
            #expect(status.body == #"{"code": "NOT_FOUND", "message": "Request Path Not Found"}"#)
            let start = try await send(
                .POST, simulator.serviceURL + "/api/v5/load_rebalance/\(node0)/evacuation/start", body: "{}")
            #expect(start.status == 404)
            let nodes = try await send(.GET, simulator.serviceURL + "/api/v5/nodes")
            #expect(nodes.status == 200)
            #expect(nodes.body.contains(#""edition":"Opensource""#))
        }
    }

    @Test("a crashed node refuses connections, is listed stopped, and resumes its evacuation after a restart")
    func crashAndRestart() async throws {
        try await withCluster { simulator, clock in
            let url = try #require(simulator.nodeURLs[node1])
            #expect(
                try await send(.POST, url + "/api/v5/load_rebalance/\(node1)/evacuation/start", body: #"{"conn_evict_rate": 77}"#)
                    .status == 200)
            try await simulator.crash(node: node1)
            await #expect(throws: (any Error).self) {
                _ = try await send(.GET, url + "/api/v5/load_rebalance/availability_check", auth: nil)
            }
            let nodes = try await send(.GET, simulator.serviceURL + "/api/v5/nodes")
            guard case .array(let list)? = nodes.json else {
                Issue.record("no node list")
                return
            }
            #expect(list.contains(.object([("node", .string(node1)), ("node_status", .string("stopped"))])))
            let notRunning = try await send(.POST, simulator.serviceURL + "/api/v5/load_rebalance/\(node1)/evacuation/stop")
            #expect(notRunning.status == 404)
            await clock.advance(by: .seconds(5))
            try await simulator.restart(node: node1)
            #expect(simulator.nodeURLs[node1] == url, "same port after a restart")
            let status = try await send(.GET, url + "/api/v5/load_rebalance/status")
            #expect(status.json?["process"] == .string("evacuation"))
            #expect(status.json?["connection_eviction_rate"] == .int(77))
            let check = try await send(.GET, url + "/api/v5/load_rebalance/availability_check", auth: nil)
            #expect(check.status == 503)
        }
    }

    @Test("a node crashed through its own listener stops answering; a node that rejoins keeps its evacuation file")
    func crashThroughOwnListenerAndRejoin() async throws {
        try await withCluster { simulator, clock in
            let own = try #require(simulator.nodeURLs[node2])
            #expect(try await send(.POST, own + "/sim/v1/nodes/\(node2)/crash", auth: nil).status == 200)
            await clock.advance(by: .seconds(1))
            let afterCrash = await simulator.stats()
            #expect(afterCrash.nodes[2].status == "stopped")
            #expect(afterCrash.sessionsLost > 0, "a crash loses the sessions the node held")
            try await simulator.restart(node: node2)
            let again = try await send(.POST, simulator.serviceURL + "/sim/v1/nodes/\(node2)/restart", auth: nil)
            #expect(again.status == 409, "only a stopped node restarts")
            let url = try #require(simulator.nodeURLs[node2])
            #expect(
                try await send(.POST, url + "/api/v5/load_rebalance/\(node2)/evacuation/start", body: #"{"wait_takeover": 3}"#)
                    .status == 200)
            await clock.advance(by: .seconds(120))
            #expect(await simulator.stats().nodes[2].evacuationState == "prohibiting")
            try await simulator.removeNode(node2)
            #expect(simulator.nodeURLs[node2] == nil)
            let rejoined = try await simulator.addNode()
            #expect(rejoined == node2, "the lowest free ordinal, as a StatefulSet scale-up")
            let stats = await simulator.stats()
            #expect(stats.nodes.count == 3)
            #expect(stats.nodes.last?.evacuationState == "waiting_takeover", "resumed from the kept data directory")
            #expect(stats.sessionsLost == afterCrash.sessionsLost, "removing an evacuated node loses nothing")
        }
    }

    @Test("/sim/v1: stats with top-level integers, outage for N seconds of simulation time, scale and clients")
    func simulatorControls() async throws {
        try await withCluster { simulator, clock in
            let stats = try await send(.GET, simulator.serviceURL + "/sim/v1/stats", auth: nil)
            #expect(stats.status == 200)
            #expect(stats.json?["sessionsLost"] == .int(0))
            #expect(stats.json?["clientsWithoutNode"] == .int(0))
            #expect(stats.json?["totals"]?["connections"] == .int(3000))
            #expect(
                try await send(.POST, simulator.serviceURL + "/sim/v1/outage", body: #"{"seconds": 30}"#, auth: nil).status
                    == 200)
            let down = try await send(.GET, simulator.serviceURL + "/api/v5/load_rebalance/global_status")
            #expect(down.status == 503)
            await clock.advance(by: .seconds(31))
            #expect(try await send(.GET, simulator.serviceURL + "/api/v5/load_rebalance/global_status").status == 200)
            let added = try await send(.POST, simulator.serviceURL + "/sim/v1/nodes", auth: nil)
            #expect(added.json?["node"] == .string(SimulatorConfiguration.defaultNodeName(3)))
            #expect(simulator.nodeURLs.count == 4)
            await clock.advance(by: .seconds(3))
            #expect(
                try await send(.POST, simulator.serviceURL + "/sim/v1/clients", body: #"{"count": 4000}"#, auth: nil).status
                    == 200)
            await clock.advance(by: .seconds(5))
            let after = await simulator.stats()
            #expect(after.totals.clients == 4000)
            #expect(after.totals.connections == 4000)
            #expect(after.nodes.count == 4)
            #expect(after.nodes[3].connections > 0, "the new node receives new clients once its probes pass")
            let left = try await send(.DELETE, simulator.serviceURL + "/sim/v1/nodes/\(node2)", auth: nil)
            #expect(left.status == 200)
            await clock.advance(by: .seconds(5))
            let final = await simulator.stats()
            #expect(final.nodes.count == 3)
            #expect(final.totals.connections == 4000)
        }
    }
}
