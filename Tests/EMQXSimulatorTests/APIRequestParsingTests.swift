import Testing

@testable import EMQXSimulator

@Suite("Request bodies and JSON numbers (spec §3.1, §5.1, §7.2, §7.3)")
struct APIRequestParsingTests {
    @Test(
        "durations in seconds: strings with units, integers as seconds, sub-second values round up",
        arguments: [
            (EMQXJSON.string("10s"), 10), (.string("1m"), 60), (.string("1h30m"), 5400), (.string("500ms"), 1),
            (.string("1500ms"), 2), (.int(45), 45), (.int(0), 0),
        ])
    func durationSeconds(value: EMQXJSON, seconds: Int) throws {
        #expect(try APIRequestParsing.durationSeconds(value, field: "wait_takeover") == seconds)
    }

    @Test("RPC timeouts are milliseconds: \"10s\" is 10000 and an integer is taken as milliseconds")
    func durationMilliseconds() throws {
        #expect(try APIRequestParsing.durationMilliseconds(.string("10s"), field: "t") == 10000)
        #expect(try APIRequestParsing.durationMilliseconds(.int(2500), field: "t") == 2500)
        #expect(throws: APIRequestParsing.BadRequest.self) {
            try APIRequestParsing.durationMilliseconds(.string("soon"), field: "t")
        }
    }

    @Test("an empty body takes every default; the flat body of spec §7.2 parses field by field")
    func rebalanceBody() throws {
        #expect(try APIRequestParsing.rebalanceOptions(.object([])) == RebalanceOptions())
        let body = EMQXJSON.object([
            ("wait_health_check", .string("10s")), ("conn_evict_rate", .int(10)),
            ("conn_evict_rpc_timeout", .string("15s")), ("sess_evict_rate", .int(20)),
            ("sess_evict_rpc_timeout", .string("15s")), ("abs_conn_threshold", .int(10)),
            ("rel_conn_threshold", .float(1.5)), ("abs_sess_threshold", .int(10)), ("rel_sess_threshold", .float(1.5)),
            ("wait_takeover", .string("10s")), ("nodes", .array([.string("emqx1@10.0.0.1"), .string("emqx2@10.0.0.2")])),
        ])
        let options = try APIRequestParsing.rebalanceOptions(body)
        #expect(options.waitHealthCheck == 10)
        #expect(options.connEvictRate == 10)
        #expect(options.connEvictRPCTimeout == 15000)
        #expect(options.sessEvictRate == 20)
        #expect(options.relConnThreshold == 1.5)
        #expect(options.nodes == ["emqx1@10.0.0.1", "emqx2@10.0.0.2"])
    }

    @Test(
        "schema violations are 400s: unknown fields, zero rates, ratios not above 1.0, empty node lists",
        arguments: [
            EMQXJSON.object([("rate", .int(1))]), .object([("conn_evict_rate", .int(0))]),
            .object([("rel_conn_threshold", .float(1.0))]), .object([("nodes", .array([]))]),
            .object([("abs_sess_threshold", .string("many"))]), .array([]),
        ])
    func rebalanceViolations(body: EMQXJSON) {
        #expect(throws: APIRequestParsing.BadRequest.self) { try APIRequestParsing.rebalanceOptions(body) }
    }

    @Test("redirect_to is accepted and kept apart from the Server-Reference")
    func redirectTo() throws {
        let options = try APIRequestParsing.evacuationOptions(.object([("redirect_to", .string("mqtt2:1883"))]))
        #expect(options.redirectTo == "mqtt2:1883")
        #expect(options.serverReference == nil)
        #expect(throws: APIRequestParsing.BadRequest.self) {
            try APIRequestParsing.evacuationOptions(.object([("migrate_to", .array([]))]))
        }
    }

    @Test("floats always render with a fraction, integers without")
    func numbers() {
        #expect(EMQXJSON.float(26).rendered == "26.0")
        #expect(EMQXJSON.float(0).rendered == "0.0")
        #expect(EMQXJSON.float(12.5).rendered == "12.5")
        #expect(EMQXJSON.int(26).rendered == "26")
        #expect(EMQXJSON.object([("a", .string("x\"y"))]).rendered == #"{"a":"x\"y"}"#)
    }
}
