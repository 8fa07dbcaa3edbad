/// Reads the flat JSON bodies of the start calls into options, with the types and ranges of EMQX's schema
/// (spec §3.1, §5.1, §7.2). Pure functions.
enum APIRequestParsing {
    /// A schema violation: EMQX answers 400 `BAD_REQUEST` with a message naming the field.
    struct BadRequest: Error, Equatable {
        var message: String
    }

    private static let evacuationFields: Set<String> = [
        "wait_health_check", "conn_evict_rate", "sess_evict_rate", "wait_takeover", "redirect_to", "migrate_to",
    ]
    private static let rebalanceFields: Set<String> = [
        "nodes", "wait_health_check", "conn_evict_rate", "conn_evict_rpc_timeout", "sess_evict_rate",
        "sess_evict_rpc_timeout", "abs_conn_threshold", "rel_conn_threshold", "abs_sess_threshold",
        "rel_sess_threshold", "wait_takeover",
    ]

    static func evacuationOptions(_ body: EMQXJSON) throws(BadRequest) -> EvacuationOptions {
        let members = try objectMembers(body, allowed: evacuationFields, schema: "evacuation")
        var options = EvacuationOptions()
        for (key, value) in members {
            switch key {
            case "wait_health_check": options.waitHealthCheck = try durationSeconds(value, field: key)
            case "conn_evict_rate": options.connEvictRate = try positiveInteger(value, field: key)
            case "sess_evict_rate": options.sessEvictRate = try positiveInteger(value, field: key)
            case "wait_takeover": options.waitTakeover = try durationSeconds(value, field: key)
            case "redirect_to":
                guard case .string(let text) = value else { throw invalid(key, "expected a string") }
                options.redirectTo = text  // accepted and ignored, as EMQX 5.9 does (spec §9.2 item 1)
            case "migrate_to": options.migrateTo = try nodeList(value, field: key)
            default: break
            }
        }
        return options
    }

    static func rebalanceOptions(_ body: EMQXJSON) throws(BadRequest) -> RebalanceOptions {
        let members = try objectMembers(body, allowed: rebalanceFields, schema: "rebalance")
        var options = RebalanceOptions()
        for (key, value) in members {
            switch key {
            case "nodes": options.nodes = try nodeList(value, field: key)
            case "wait_health_check": options.waitHealthCheck = try durationSeconds(value, field: key)
            case "conn_evict_rate": options.connEvictRate = try positiveInteger(value, field: key)
            case "conn_evict_rpc_timeout": options.connEvictRPCTimeout = try durationMilliseconds(value, field: key)
            case "sess_evict_rate": options.sessEvictRate = try positiveInteger(value, field: key)
            case "sess_evict_rpc_timeout": options.sessEvictRPCTimeout = try durationMilliseconds(value, field: key)
            case "abs_conn_threshold": options.absConnThreshold = try positiveInteger(value, field: key)
            case "rel_conn_threshold": options.relConnThreshold = try ratio(value, field: key)
            case "abs_sess_threshold": options.absSessThreshold = try positiveInteger(value, field: key)
            case "rel_sess_threshold": options.relSessThreshold = try ratio(value, field: key)
            case "wait_takeover": options.waitTakeover = try durationSeconds(value, field: key)
            default: break
            }
        }
        return options
    }

    /// A duration in seconds: an integer number of seconds, or a string such as `"10s"`, `"1m"`, `"1h30m"`,
    /// `"500ms"` (sub-second values round up); 0…4294967.
    static func durationSeconds(_ value: EMQXJSON, field: String) throws(BadRequest) -> Int {
        let milliseconds: Int
        switch value {
        case .int(let seconds): milliseconds = seconds * 1000
        case .string(let text):
            guard let parsed = parseDuration(text) else { throw invalid(field, "invalid duration: \(text)") }
            milliseconds = parsed
        default: throw invalid(field, "expected a duration")
        }
        let seconds = (milliseconds + 999) / 1000
        guard milliseconds >= 0, seconds <= 4_294_967 else { throw invalid(field, "out of range 0..4294967") }
        return seconds
    }

    /// A duration in milliseconds: an integer number of milliseconds or a duration string; 0…4294967295.
    static func durationMilliseconds(_ value: EMQXJSON, field: String) throws(BadRequest) -> Int {
        let milliseconds: Int
        switch value {
        case .int(let number): milliseconds = number
        case .string(let text):
            guard let parsed = parseDuration(text) else { throw invalid(field, "invalid duration: \(text)") }
            milliseconds = parsed
        default: throw invalid(field, "expected a duration")
        }
        guard milliseconds >= 0, milliseconds <= 4_294_967_295 else {
            throw invalid(field, "out of range 0..4294967295")
        }
        return milliseconds
    }

    /// Parses `"1d2h3m4s5ms"`-style text into milliseconds.
    static func parseDuration(_ text: String) -> Int? {
        let units: [(String, Int)] = [("ms", 1), ("d", 86_400_000), ("h", 3_600_000), ("m", 60000), ("s", 1000)]
        var rest = Substring(text.lowercased())
        var total = 0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber }
            guard !digits.isEmpty, let number = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let (unit, factor) = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest = rest.dropFirst(unit.count)
            total += number * factor
        }
        return total
    }

    private static func objectMembers(
        _ body: EMQXJSON, allowed: Set<String>, schema: String
    ) throws(BadRequest) -> [(String, EMQXJSON)] {
        guard case .object(let members) = body else {
            throw BadRequest(message: "Bad request body: expected a JSON object")
        }
        let unknown = members.map(\.0).filter { !allowed.contains($0) }
        if !unknown.isEmpty {
            throw BadRequest(
                message: "\(schema): unknown_fields: [\(unknown.joined(separator: ","))]")
        }
        return members
    }

    private static func positiveInteger(_ value: EMQXJSON, field: String) throws(BadRequest) -> Int {
        guard case .int(let number) = value, number > 0 else { throw invalid(field, "expected a positive integer") }
        return number
    }

    private static func ratio(_ value: EMQXJSON, field: String) throws(BadRequest) -> Double {
        let number: Double
        switch value {
        case .int(let integer): number = Double(integer)
        case .float(let float): number = float
        default: throw invalid(field, "expected a number")
        }
        guard number > 1.0 else { throw invalid(field, "must be greater than 1.0") }
        return number
    }

    private static func nodeList(_ value: EMQXJSON, field: String) throws(BadRequest) -> [String] {
        guard case .array(let items) = value, !items.isEmpty else {
            throw invalid(field, "expected a non-empty array of node names")
        }
        var names: [String] = []
        for item in items {
            guard case .string(let name) = item else { throw invalid(field, "expected node names") }
            names.append(name)
        }
        return names
    }

    private static func invalid(_ field: String, _ reason: String) -> BadRequest {
        BadRequest(message: "\(field): \(reason)")
    }
}
