import Logging
import Testing

@testable import Rebalancing

@Suite("rebalance-operator run settings")
struct OperatorSettingsTests {
    @Test("defaults are controller-runtime's")
    func defaults() throws {
        let settings = try OperatorSettings.resolve(flags: .init(), environment: [:])
        #expect(settings.kubeconfig == nil)
        #expect(settings.namespaces.isEmpty)
        #expect(settings.metricsBindAddress == BindAddress(host: "0.0.0.0", port: 8080))
        #expect(settings.healthProbeBindAddress == BindAddress(host: "0.0.0.0", port: 8081))
        #expect(settings.leaderElect == false)
        #expect(settings.leaderElectionID == OperatorSettings.defaultLeaderElectionID)
        #expect(settings.logLevel == .info)
        #expect(settings.logFormat == .json)
        #expect(settings.maxConcurrentReconciles == 1)
    }

    @Test("every flag can come from its environment variable")
    func environment() throws {
        let environment = [
            "REBALANCE_OPERATOR_KUBECONFIG": "/tmp/kc",
            "REBALANCE_OPERATOR_NAMESPACE": "brokers, edge",
            "REBALANCE_OPERATOR_METRICS_BIND_ADDRESS": "127.0.0.1:9090",
            "REBALANCE_OPERATOR_HEALTH_PROBE_BIND_ADDRESS": "0",
            "REBALANCE_OPERATOR_LEADER_ELECT": "true",
            "REBALANCE_OPERATOR_LEADER_ELECTION_NAMESPACE": "ops",
            "REBALANCE_OPERATOR_LEADER_ELECTION_ID": "my-lease",
            "REBALANCE_OPERATOR_LOG_LEVEL": "debug",
            "REBALANCE_OPERATOR_LOG_FORMAT": "text",
            "REBALANCE_OPERATOR_MAX_CONCURRENT_RECONCILES": "4",
        ]
        let settings = try OperatorSettings.resolve(flags: .init(), environment: environment)
        #expect(settings.kubeconfig == "/tmp/kc")
        #expect(settings.namespaces == ["brokers", "edge"])
        #expect(settings.metricsBindAddress == BindAddress(host: "127.0.0.1", port: 9090))
        #expect(settings.healthProbeBindAddress.isDisabled)
        #expect(settings.leaderElect)
        #expect(settings.leaderElectionNamespace == "ops")
        #expect(settings.leaderElectionID == "my-lease")
        #expect(settings.logLevel == .debug)
        #expect(settings.logFormat == .text)
        #expect(settings.maxConcurrentReconciles == 4)
    }

    @Test("a flag wins over its environment variable")
    func flagWins() throws {
        var flags = OperatorSettings.Flags()
        flags.leaderElect = false
        flags.namespaces = ["a"]
        flags.maxConcurrentReconciles = 2
        flags.logFormat = "text"
        let settings = try OperatorSettings.resolve(flags: flags, environment: [
            "REBALANCE_OPERATOR_LEADER_ELECT": "true",
            "REBALANCE_OPERATOR_NAMESPACE": "b",
            "REBALANCE_OPERATOR_MAX_CONCURRENT_RECONCILES": "8",
            "REBALANCE_OPERATOR_LOG_FORMAT": "json",
        ])
        #expect(settings.leaderElect == false)
        #expect(settings.namespaces == ["a"])
        #expect(settings.maxConcurrentReconciles == 2)
        #expect(settings.logFormat == .text)
    }

    @Test("bind addresses in controller-runtime's notation", arguments: [
        (":8080", BindAddress(host: "0.0.0.0", port: 8080)),
        ("127.0.0.1:0", BindAddress(host: "127.0.0.1", port: 0)),
        ("[::1]:8443", BindAddress(host: "::1", port: 8443)),
        ("localhost:81", BindAddress(host: "localhost", port: 81)),
        ("0", BindAddress(host: nil, port: 0)),
    ])
    func bindAddresses(text: String, expected: BindAddress) throws {
        #expect(try BindAddress(parsing: text, flag: "--x") == expected)
    }

    @Test("bad values name the flag or variable and what was expected", arguments: [
        (["REBALANCE_OPERATOR_LEADER_ELECT": "maybe"], "REBALANCE_OPERATOR_LEADER_ELECT"),
        (["REBALANCE_OPERATOR_METRICS_BIND_ADDRESS": "8080"], "REBALANCE_OPERATOR_METRICS_BIND_ADDRESS"),
        (["REBALANCE_OPERATOR_HEALTH_PROBE_BIND_ADDRESS": ":70000"], "REBALANCE_OPERATOR_HEALTH_PROBE_BIND_ADDRESS"),
        (["REBALANCE_OPERATOR_LOG_LEVEL": "loud"], "REBALANCE_OPERATOR_LOG_LEVEL"),
        (["REBALANCE_OPERATOR_LOG_FORMAT": "xml"], "REBALANCE_OPERATOR_LOG_FORMAT"),
        (["REBALANCE_OPERATOR_MAX_CONCURRENT_RECONCILES": "0"], "--max-concurrent-reconciles"),
        (["REBALANCE_OPERATOR_MAX_CONCURRENT_RECONCILES": "many"], "REBALANCE_OPERATOR_MAX_CONCURRENT_RECONCILES"),
        (["REBALANCE_OPERATOR_NAMESPACE": "Not_A_Namespace"], "--namespace"),
        (["REBALANCE_OPERATOR_LEADER_ELECTION_ID": "-bad-"], "REBALANCE_OPERATOR_LEADER_ELECTION_ID"),
    ])
    func badValues(environment: [String: String], source: String) {
        #expect {
            _ = try OperatorSettings.resolve(flags: .init(), environment: environment)
        } throws: { error in
            guard case let .invalidValue(flag, _, expected)? = error as? OperatorSettingsError else { return false }
            return flag == source && !expected.isEmpty
        }
    }
}
