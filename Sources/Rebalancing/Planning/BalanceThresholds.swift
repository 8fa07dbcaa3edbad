import Foundation
import EMQXClient

/// EMQX's balance thresholds (spec 5.1): a side is balanced when the donors' mean is within an absolute or a
/// relative margin of the recipients' mean. Defaults are EMQX's: 1000 and 1.1 for both connections and sessions.
public struct BalanceThresholds: Sendable, Hashable {
    /// `abs_conn_threshold`, ≥ 1.
    public var absoluteConnections: Int64
    /// `rel_conn_threshold`, > 1.0 (EMQX's API refuses 1.0; its internal API and tests accept it).
    public var relativeConnections: Double
    /// `abs_sess_threshold`, ≥ 1.
    public var absoluteSessions: Int64
    /// `rel_sess_threshold`, > 1.0.
    public var relativeSessions: Double

    public init(
        absoluteConnections: Int64 = Int64(EMQXDefaults.absConnThreshold), relativeConnections: Double = EMQXDefaults.relConnThreshold,
        absoluteSessions: Int64 = Int64(EMQXDefaults.absSessThreshold),
        relativeSessions: Double = EMQXDefaults.relSessThreshold
    ) {
        self.absoluteConnections = absoluteConnections
        self.relativeConnections = relativeConnections
        self.absoluteSessions = absoluteSessions
        self.relativeSessions = relativeSessions
    }

    /// EMQX's defaults.
    public static let emqxDefaults = BalanceThresholds()

    /// The thresholds of a ClusterRebalance spec, with EMQX's defaults for absent fields.
    ///
    /// - Throws: ``PlanningError/invalidSpec(field:message:)`` when a relative threshold is not a decimal greater
    ///   than 1.0 or an absolute one is below 1 (EMQX's API would refuse them).
    public init(spec: ClusterRebalance.Spec) throws(PlanningError) {
        self.init(
            absoluteConnections: try Self.absolute(spec.absConnThreshold, field: "spec.absConnThreshold"),
            relativeConnections: try Self.relative(spec.relConnThreshold, field: "spec.relConnThreshold"),
            absoluteSessions: try Self.absolute(spec.absSessThreshold, field: "spec.absSessThreshold"),
            relativeSessions: try Self.relative(spec.relSessThreshold, field: "spec.relSessThreshold")
        )
    }

    private static func absolute(_ value: Int?, field: String) throws(PlanningError) -> Int64 {
        guard let value else { return Int64(EMQXDefaults.absConnThreshold) }
        guard value >= 1 else { throw .invalidSpec(field: field, message: "must be at least 1, got \(value)") }
        return Int64(value)
    }

    private static func relative(_ text: String?, field: String) throws(PlanningError) -> Double {
        guard let text else { return EMQXDefaults.relConnThreshold }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            throw .invalidSpec(field: field, message: "must be a decimal number such as \"1.1\", got \"\(text)\"")
        }
        guard value > 1.0 else { throw .invalidSpec(field: field, message: "must be greater than 1.0, got \(text)") }
        return value
    }
}
