import Foundation
import Testing

@testable import EMQXClient

@Suite("Request bodies: EMQX's flat JSON, durations as strings, absent fields omitted")
struct RequestEncodingTests {
    private func json(_ value: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("the evacuation example of spec 7.2 encodes to its exact fields")
    func evacuationExample() throws {
        let request = EvacuationStartRequest(
            waitHealthCheck: .seconds(30), connEvictRate: 100, sessEvictRate: 100, waitTakeover: .seconds(60),
            migrateTo: ["emqx2@10.0.0.2", "emqx3@10.0.0.3"], redirectTo: "mqtt2.example.com:1883")
        let body = try json(request)
        #expect(Set(body.keys) == ["wait_health_check", "conn_evict_rate", "sess_evict_rate", "wait_takeover", "migrate_to", "redirect_to"])
        #expect(body["wait_health_check"] as? String == "30s")
        #expect(body["conn_evict_rate"] as? Int == 100)
        #expect(body["sess_evict_rate"] as? Int == 100)
        #expect(body["wait_takeover"] as? String == "60s")
        #expect(body["migrate_to"] as? [String] == ["emqx2@10.0.0.2", "emqx3@10.0.0.3"])
        #expect(body["redirect_to"] as? String == "mqtt2.example.com:1883")
    }

    @Test("the rebalance example of spec 7.2 encodes to its exact fields and types")
    func rebalanceExample() throws {
        let request = RebalanceStartRequest(
            nodes: ["emqx1@10.0.0.1", "emqx2@10.0.0.2"], waitHealthCheck: .seconds(10), connEvictRate: 10,
            connEvictRPCTimeout: .seconds(15), sessEvictRate: 20, sessEvictRPCTimeout: .seconds(15), absConnThreshold: 10,
            relConnThreshold: 1.5, absSessThreshold: 10, relSessThreshold: 1.5, waitTakeover: .seconds(10))
        let body = try json(request)
        #expect(
            Set(body.keys) == [
                "wait_health_check", "conn_evict_rate", "conn_evict_rpc_timeout", "sess_evict_rate", "sess_evict_rpc_timeout",
                "abs_conn_threshold", "rel_conn_threshold", "abs_sess_threshold", "rel_sess_threshold", "wait_takeover", "nodes",
            ])
        #expect(body["wait_health_check"] as? String == "10s")
        #expect(body["conn_evict_rpc_timeout"] as? String == "15s")
        #expect(body["sess_evict_rpc_timeout"] as? String == "15s")
        #expect(body["rel_conn_threshold"] as? Double == 1.5)
        #expect(body["abs_sess_threshold"] as? Int == 10)
        #expect(body["nodes"] as? [String] == ["emqx1@10.0.0.1", "emqx2@10.0.0.2"])
    }

    @Test("a request with nothing set is the empty object, so EMQX applies every default")
    func emptyRequests() throws {
        #expect(String(decoding: try JSONEncoder().encode(EvacuationStartRequest()), as: UTF8.self) == "{}")
        #expect(String(decoding: try JSONEncoder().encode(RebalanceStartRequest()), as: UTF8.self) == "{}")
    }

    @Test("empty node lists are omitted (EMQX rejects them; empty means its default)")
    func emptyListsOmitted() throws {
        #expect(try json(EvacuationStartRequest(migrateTo: [])).isEmpty)
        #expect(try json(RebalanceStartRequest(nodes: [])).isEmpty)
    }

    @Test(
        "durations in seconds round up to whole seconds",
        arguments: [
            (Duration.seconds(60), "60s"), (.zero, "0s"), (.milliseconds(1500), "2s"), (.milliseconds(1), "1s"),
            (.seconds(-3), "0s"), (.seconds(4_294_967), "4294967s"),
        ])
    func secondsText(duration: Duration, text: String) {
        #expect(EMQXDurationText.seconds(duration) == text)
    }

    @Test(
        "RPC timeouts are written in seconds when whole, otherwise in milliseconds",
        arguments: [(Duration.seconds(15), "15s"), (.milliseconds(1500), "1500ms"), (.microseconds(1), "1ms"), (.zero, "0s")])
    func millisecondsText(duration: Duration, text: String) {
        #expect(EMQXDurationText.milliseconds(duration) == text)
    }

    @Test("relative thresholds keep their decimal value as a JSON number")
    func relativeThreshold() throws {
        let data = try JSONEncoder().encode(RebalanceStartRequest(relConnThreshold: 1.1))
        #expect(String(decoding: data, as: UTF8.self) == #"{"rel_conn_threshold":1.1}"#)
    }

    @Test("node names go into the path as one segment")
    func pathSegment() {
        #expect(EMQXEndpoint.segment("emqx@emqx-0.emqx-headless.default.svc.cluster.local") == "emqx@emqx-0.emqx-headless.default.svc.cluster.local")
        #expect(EMQXEndpoint.segment("a/b c") == "a%2Fb%20c")
    }
}
