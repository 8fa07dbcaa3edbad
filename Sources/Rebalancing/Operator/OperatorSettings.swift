import Foundation
import Logging

/// Everything `rebalance-operator run` needs to start, resolved from flags and their environment variables.
///
/// Each flag may also come from an environment variable (`REBALANCE_OPERATOR_` + the flag in upper snake case,
/// e.g. `REBALANCE_OPERATOR_LEADER_ELECT=true`); a flag given on the command line wins over its variable, and the
/// defaults are controller-runtime's. Invalid values are reported with the flag (or variable) and what was expected,
/// before anything starts.
public struct OperatorSettings: Sendable, Hashable {
    public enum LogFormat: String, Sendable, Hashable, CaseIterable {
        case json
        case text
    }

    /// `nil`: in-cluster config, then `KUBECONFIG`, then `~/.kube/config`.
    public var kubeconfig: String?
    /// Empty: every namespace.
    public var namespaces: [String]
    public var metricsBindAddress: BindAddress
    public var healthProbeBindAddress: BindAddress
    public var leaderElect: Bool
    /// `nil`: the namespace the operator runs in (in-cluster), else `default`.
    public var leaderElectionNamespace: String?
    public var leaderElectionID: String
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    public var maxConcurrentReconciles: Int

    public static let environmentPrefix = "REBALANCE_OPERATOR_"
    public static let defaultLeaderElectionID = "rebalance-operator.rebalance.brokers.dev"

    /// The flags as the command line gave them; `nil` (or empty) where the user gave nothing.
    public struct Flags: Sendable, Hashable {
        public var kubeconfig: String?
        public var namespaces: [String] = []
        public var metricsBindAddress: String?
        public var healthProbeBindAddress: String?
        public var leaderElect: Bool?
        public var leaderElectionNamespace: String?
        public var leaderElectionID: String?
        public var logLevel: String?
        public var logFormat: String?
        public var maxConcurrentReconciles: Int?

        public init() {}
    }

    /// The environment variable read for a flag, e.g. `metrics-bind-address` → `REBALANCE_OPERATOR_METRICS_BIND_ADDRESS`.
    public static func environmentVariable(for flag: String) -> String {
        environmentPrefix + flag.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// Merges flags over environment variables over defaults, and checks every value.
    public static func resolve(flags: Flags, environment: [String: String]) throws(OperatorSettingsError) -> OperatorSettings {
        func value(_ flagValue: String?, _ flag: String) -> (text: String, source: String)? {
            if let flagValue { return (flagValue, "--\(flag)") }
            let variable = environmentVariable(for: flag)
            if let text = environment[variable], !text.isEmpty { return (text, variable) }
            return nil
        }

        let kubeconfig = value(flags.kubeconfig, "kubeconfig")?.text

        var namespaces = flags.namespaces
        if namespaces.isEmpty, let text = value(nil, "namespace")?.text {
            namespaces = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        for namespace in namespaces where !isDNSLabel(namespace) {
            throw .invalidValue(flag: "--namespace", value: namespace, expected: "a namespace name (a DNS-1123 label)")
        }

        let metrics = value(flags.metricsBindAddress, "metrics-bind-address") ?? (":8080", "--metrics-bind-address")
        let probes = value(flags.healthProbeBindAddress, "health-probe-bind-address") ?? (":8081", "--health-probe-bind-address")

        var leaderElect = flags.leaderElect ?? false
        if flags.leaderElect == nil, let text = value(nil, "leader-elect") {
            guard let parsed = parseBool(text.text) else {
                throw .invalidValue(flag: text.source, value: text.text, expected: "true or false")
            }
            leaderElect = parsed
        }

        let leaderElectionNamespace = value(flags.leaderElectionNamespace, "leader-election-namespace")
        if let namespace = leaderElectionNamespace, !isDNSLabel(namespace.text) {
            throw .invalidValue(flag: namespace.source, value: namespace.text, expected: "a namespace name (a DNS-1123 label)")
        }
        let leaderElectionID = value(flags.leaderElectionID, "leader-election-id") ?? (defaultLeaderElectionID, "--leader-election-id")
        guard isDNSSubdomain(leaderElectionID.text) else {
            throw .invalidValue(flag: leaderElectionID.source, value: leaderElectionID.text, expected: "a Lease name (a DNS-1123 subdomain)")
        }

        let levelText = value(flags.logLevel, "log-level") ?? ("info", "--log-level")
        guard let logLevel = Logger.Level(rawValue: levelText.text.lowercased()) else {
            throw .invalidValue(flag: levelText.source, value: levelText.text, expected: Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let formatText = value(flags.logFormat, "log-format") ?? ("json", "--log-format")
        guard let logFormat = LogFormat(rawValue: formatText.text.lowercased()) else {
            throw .invalidValue(flag: formatText.source, value: formatText.text, expected: "json or text")
        }

        var maxConcurrentReconciles = flags.maxConcurrentReconciles ?? 1
        if flags.maxConcurrentReconciles == nil, let text = value(nil, "max-concurrent-reconciles") {
            guard let parsed = Int(text.text) else {
                throw .invalidValue(flag: text.source, value: text.text, expected: "an integer from 1 to 64")
            }
            maxConcurrentReconciles = parsed
        }
        guard (1...64).contains(maxConcurrentReconciles) else {
            throw .invalidValue(flag: "--max-concurrent-reconciles", value: String(maxConcurrentReconciles), expected: "an integer from 1 to 64")
        }

        return OperatorSettings(
            kubeconfig: kubeconfig,
            namespaces: namespaces,
            metricsBindAddress: try BindAddress(parsing: metrics.text, flag: metrics.source),
            healthProbeBindAddress: try BindAddress(parsing: probes.text, flag: probes.source),
            leaderElect: leaderElect,
            leaderElectionNamespace: leaderElectionNamespace?.text,
            leaderElectionID: leaderElectionID.text,
            logLevel: logLevel,
            logFormat: logFormat,
            maxConcurrentReconciles: maxConcurrentReconciles
        )
    }

    static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes": true
        case "false", "0", "no": false
        default: nil
        }
    }

    static func isDNSLabel(_ name: String) -> Bool {
        guard (1...63).contains(name.count), let first = name.first, let last = name.last else { return false }
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
        return allowed && first != "-" && last != "-"
    }

    static func isDNSSubdomain(_ name: String) -> Bool {
        guard (1...253).contains(name.count) else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNSLabel(String($0)) }
    }
}

/// A setting of `rebalance-operator run` that cannot be used, with the flag or variable it came from.
public enum OperatorSettingsError: Error, Hashable, CustomStringConvertible {
    case invalidValue(flag: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .invalidValue(flag, value, expected):
            "invalid value \"\(value)\" for \(flag): expected \(expected)"
        }
    }
}
