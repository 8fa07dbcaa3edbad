import ControllerRuntime
import Foundation
import KubeClient
import Rebalancing
import Testing
import TestSupport

/// `deploy/monitoring/`: the alerting rules checked and unit-tested with `promtool` (Debian's `prometheus` package,
/// which `scripts/test` installs when missing), and the Grafana dashboard over the metrics the operator exports.
@Suite("Monitoring")
struct MonitoringTests {
    static let folder = Manifests.root.appendingPathComponent("deploy/monitoring")

    /// Every metric name the operator exports (controller-runtime's and its own gauges).
    static let exported: Set<String> = [
        MetricNames.reconcileTotal, MetricNames.reconcileErrors, MetricNames.terminalReconcileErrors, MetricNames.reconcileTime,
        MetricNames.activeWorkers, MetricNames.maxConcurrentReconciles, MetricNames.workQueueDepth, MetricNames.workQueueAdds,
        MetricNames.workQueueRetries, MetricNames.workQueueQueueDuration, MetricNames.workQueueWorkDuration,
        MetricNames.workQueueUnfinishedWork, MetricNames.workQueueLongestRunningProcessor, MetricNames.leaderElectionMasterStatus,
        ProgressGauges.evacuationProgress, ProgressGauges.evacuationRemainingConnections, ProgressGauges.evacuationRemainingSessions,
        ProgressGauges.evacuationFailed, ProgressGauges.rebalanceAttempts, ProgressGauges.rebalanceMovedConnections,
        ProgressGauges.rebalanceMovedSessions, ProgressGauges.rebalanceFailed, ProgressGauges.brokerConnections,
        ProgressGauges.brokerSessions, ProgressGauges.clusterBalance, ProgressGauges.clusterReachable, ProgressGauges.clusterPendingStops,
    ]

    /// The metric names a PromQL expression reads: identifiers before `{`, `[` or the end, minus PromQL's own words.
    static func metricNames(in expression: String) -> Set<String> {
        let words: Set<String> = ["sum", "by", "rate", "histogram_quantile", "and", "on", "changes", "max", "min", "or", "unless", "le", "without", "ignoring"]
        var names: Set<String> = []
        var stripped = expression
        // Drop label matchers and quoted strings, which hold label names and values, not metrics.
        while let open = stripped.firstIndex(of: "{"), let close = stripped[open...].firstIndex(of: "}") {
            stripped.replaceSubrange(open...close, with: " ")
        }
        stripped = stripped.replacing(#/\[[0-9a-z]+\]/#, with: " ")
        stripped = stripped.replacing(#/\b(by|on|without|ignoring)\s*\([^)]*\)/#, with: " ")
        for match in stripped.matches(of: #/[a-z_][a-z0-9_]*/#) {
            let name = String(match.output)
            if words.contains(name) || name.count < 3 { continue }
            names.insert(name.replacing(#/_(bucket|count|sum)$/#, with: ""))
        }
        return names
    }

    static let promtool = Manifests.tool("promtool")

    @Test("promtool check rules: the rule file is valid", .enabled(if: promtool != nil, "needs promtool (Debian package prometheus; scripts/test installs it)"))
    func checkRules() async throws {
        let result = try await ProcessRunner.run(try #require(Self.promtool), ["check", "rules", Self.folder.appendingPathComponent("rebalance-operator.rules.yaml").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test("promtool test rules: every alert has a unit test, and they pass", .enabled(if: promtool != nil, "needs promtool (Debian package prometheus; scripts/test installs it)"))
    func testRules() async throws {
        let result = try await ProcessRunner.run(try #require(Self.promtool), ["test", "rules", Self.folder.appendingPathComponent("rebalance-operator.rules.test.yaml").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let rules = try #require(try Manifests.documents(file: "deploy/monitoring/rebalance-operator.rules.yaml").first)
        let alerts = Set((rules["groups"]?.arrayValue ?? []).flatMap { $0["rules"]?.arrayValue ?? [] }.compactMap { $0["alert"]?.stringValue })
        let tests = try #require(try Manifests.documents(file: "deploy/monitoring/rebalance-operator.rules.test.yaml").first)
        let tested = Set((tests["tests"]?.arrayValue ?? []).flatMap { $0["alert_rule_test"]?.arrayValue ?? [] }
            .filter { !($0["exp_alerts"]?.arrayValue ?? []).isEmpty }.compactMap { $0["alertname"]?.stringValue })
        #expect(alerts.count >= 7)
        #expect(alerts == tested, "alerts without a unit test that fires them: \(alerts.subtracting(tested).sorted())")
    }

    @Test("the alerts cover what an operator user must hear of, and read only exported metrics (or Prometheus' own up)")
    func alertsCoverage() throws {
        let rules = try #require(try Manifests.documents(file: "deploy/monitoring/rebalance-operator.rules.yaml").first)
        let all = (rules["groups"]?.arrayValue ?? []).flatMap { $0["rules"]?.arrayValue ?? [] }
        let names = Set(all.compactMap { $0["alert"]?.stringValue })
        #expect(names.isSuperset(of: [
            "RebalanceOperatorEvacuationStalled", "RebalanceOperatorEvacuationFailed", "RebalanceOperatorRebalanceFailed",
            "RebalanceOperatorBrokerClusterUnreachable", "RebalanceOperatorEvacuationStopOwed", "RebalanceOperatorDown",
        ]))
        for rule in all {
            let expression = rule["expr"]?.stringValue ?? ""
            let unknown = Self.metricNames(in: expression).subtracting(Self.exported).subtracting(["up"])
            #expect(unknown.isEmpty, "\(rule["alert"]?.stringValue ?? "?") reads metrics the operator does not export: \(unknown.sorted())")
        }
    }

    @Test("the Grafana dashboard is valid JSON and every panel queries metrics the operator exports")
    func dashboard() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("grafana-dashboard.json"))
        let dashboard = try JSONValue(parsing: data)
        #expect(dashboard["uid"] == "rebalance-operator")
        let panels = (dashboard["panels"]?.arrayValue ?? []).filter { $0["type"] != "row" }
        #expect(panels.count >= 12)
        var read: Set<String> = []
        for panel in panels {
            let expressions = (panel["targets"]?.arrayValue ?? []).compactMap { $0["expr"]?.stringValue }
            #expect(!expressions.isEmpty, "panel \(panel["title"]?.stringValue ?? "?") has no query")
            for expression in expressions {
                let names = Self.metricNames(in: expression)
                #expect(names.isSubset(of: Self.exported), "panel \(panel["title"]?.stringValue ?? "?"): \(names.subtracting(Self.exported).sorted())")
                read.formUnion(names)
            }
        }
        // What the issue asks the dashboard to show: node load and balance, evacuation progress and remaining
        // counts, rebalance attempts and moves, queue depth and latency, reconcile errors, leader.
        #expect(read.isSuperset(of: [
            ProgressGauges.brokerConnections, ProgressGauges.brokerSessions, ProgressGauges.clusterBalance,
            ProgressGauges.evacuationProgress, ProgressGauges.evacuationRemainingConnections, ProgressGauges.evacuationRemainingSessions,
            ProgressGauges.rebalanceAttempts, ProgressGauges.rebalanceMovedConnections, MetricNames.workQueueDepth,
            MetricNames.workQueueQueueDuration, MetricNames.reconcileErrors, MetricNames.leaderElectionMasterStatus,
        ]))
    }
}

@Suite("Metrics help texts")
struct MetricsHelpTests {
    @Test("every exported metric has a # HELP text")
    func everyMetricHasHelp() {
        let described = Set(MetricNames.help.keys).union(ProgressGauges.help.keys)
        #expect(MonitoringTests.exported.subtracting(described).isEmpty, "\(MonitoringTests.exported.subtracting(described).sorted())")
    }
}
