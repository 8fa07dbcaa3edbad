import EMQXClient
import KubeClient

/// Schema fragments shared by the kinds that drive EMQX's eviction (rates, waits, thresholds), with EMQX's defaults.
extension Schema {
    static func connEvictRate(_ subject: String) -> Schema {
        .integer("Connections evicted per second \(subject) (EMQX conn_evict_rate).", default: Int64(EMQXDefaults.connEvictRate), minimum: 1, maximum: 100_000, format: "int32")
    }

    static func sessEvictRate(_ subject: String) -> Schema {
        .integer("Sessions migrated per second \(subject) (EMQX sess_evict_rate).", default: Int64(EMQXDefaults.sessEvictRate), minimum: 1, maximum: 100_000, format: "int32")
    }

    static var waitHealthCheckSeconds: Schema {
        .integer(
            "Seconds the node reports itself unavailable to load balancers while still accepting connections, before eviction starts (EMQX wait_health_check). Should exceed the load balancer's health-check interval times its fall count.",
            default: Int64(EMQXDefaults.waitHealthCheckSeconds), minimum: 0, maximum: 4_294_967, format: "int64"
        )
    }

    static var waitTakeoverSeconds: Schema {
        .integer(
            "Seconds to wait after the last connection is evicted, so that clients reconnect elsewhere and take over their own sessions, before the remaining sessions are migrated (EMQX wait_takeover).",
            default: Int64(EMQXDefaults.waitTakeoverSeconds), minimum: 0, maximum: 4_294_967, format: "int64"
        )
    }

    static var deadlineSeconds: Schema {
        .integer("Optional bound on the whole operation, in seconds from its start; when it passes, the operator stops the EMQX side and reports Failed.", minimum: 1, maximum: 604_800)
    }

    static var absConnThreshold: Schema {
        .integer("Balanced when the donors' mean connection count is at most the recipients' mean plus this many (EMQX abs_conn_threshold).", default: Int64(EMQXDefaults.absConnThreshold), minimum: 1, maximum: 100_000_000)
    }

    static var relConnThreshold: Schema {
        .ratio("Balanced when the donors' mean connection count is at most the recipients' mean times this ratio (EMQX rel_conn_threshold).", default: EMQXDefaults.relThresholdText)
    }

    static var absSessThreshold: Schema {
        .integer("Balanced when the donors' mean session count is at most the recipients' mean plus this many (EMQX abs_sess_threshold).", default: Int64(EMQXDefaults.absSessThreshold), minimum: 1, maximum: 100_000_000)
    }

    static var relSessThreshold: Schema {
        .ratio("Balanced when the donors' mean session count is at most the recipients' mean times this ratio (EMQX rel_sess_threshold).", default: EMQXDefaults.relThresholdText)
    }

    static var brokerNodeName: Schema {
        .string("An EMQX node name, e.g. emqx@emqx-0.emqx-headless.default.svc.cluster.local.", pattern: #"^[^@\s]+@[^@\s]+$"#, maxLength: 253)
    }

    static func clusterRef(_ what: String) -> Schema {
        .string("Name of the BrokerCluster, in the same namespace, \(what).", minLength: 1, maxLength: 253)
    }
}
