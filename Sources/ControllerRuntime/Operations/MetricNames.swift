import CoreMetrics
import Prometheus

/// The metric names of this module: controller-runtime's and client-go's, so existing dashboards and alerts work.
public enum MetricNames {
    /// Counter by `controller` and `result` (`success`, `error`, `requeue`, `requeue_after`).
    public static let reconcileTotal = "controller_runtime_reconcile_total"
    /// Counter by `controller`.
    public static let reconcileErrors = "controller_runtime_reconcile_errors_total"
    /// Counter by `controller`: errors marked ``TerminalReconcileError``.
    public static let terminalReconcileErrors = "controller_runtime_terminal_reconcile_errors_total"
    /// Histogram by `controller`, seconds.
    public static let reconcileTime = "controller_runtime_reconcile_time_seconds"
    /// Gauge by `controller`.
    public static let activeWorkers = "controller_runtime_active_workers"
    /// Gauge by `controller`.
    public static let maxConcurrentReconciles = "controller_runtime_max_concurrent_reconciles"
    /// Gauge by `name` and `controller`.
    public static let workQueueDepth = "workqueue_depth"
    /// Counter by `name` and `controller`.
    public static let workQueueAdds = "workqueue_adds_total"
    /// Counter by `name` and `controller`.
    public static let workQueueRetries = "workqueue_retries_total"
    /// Histogram by `name` and `controller`, seconds from ready to handed out.
    public static let workQueueQueueDuration = "workqueue_queue_duration_seconds"
    /// Histogram by `name` and `controller`, seconds from handed out to done.
    public static let workQueueWorkDuration = "workqueue_work_duration_seconds"
    /// Gauge by `name` and `controller`: the seconds the keys being processed have been processing, summed. It grows
    /// while a reconcile hangs.
    public static let workQueueUnfinishedWork = "workqueue_unfinished_work_seconds"
    /// Gauge by `name` and `controller`: the seconds the longest-running key being processed has been processing.
    public static let workQueueLongestRunningProcessor = "workqueue_longest_running_processor_seconds"
    /// Gauge by `name`: 1 while this process holds the lease.
    public static let leaderElectionMasterStatus = "leader_election_master_status"

    /// The `# HELP` text of each name above, controller-runtime's and client-go's wording (``MetricsServer`` writes
    /// them, as swift-metrics has no help text).
    public static let help: [String: String] = [
        reconcileTotal: "Total number of reconciliations per controller",
        reconcileErrors: "Total number of reconciliation errors per controller",
        terminalReconcileErrors: "Total number of terminal reconciliation errors per controller",
        reconcileTime: "Length of time per reconciliation per controller",
        activeWorkers: "Number of currently used workers per controller",
        maxConcurrentReconciles: "Maximum number of concurrent reconciles per controller",
        workQueueDepth: "Current depth of workqueue",
        workQueueAdds: "Total number of adds handled by workqueue",
        workQueueRetries: "Total number of retries handled by workqueue",
        workQueueQueueDuration: "How long in seconds an item stays in workqueue before being requested",
        workQueueWorkDuration: "How long in seconds processing an item from workqueue takes",
        workQueueUnfinishedWork: "How many seconds of work has been done that is in progress and hasn't been observed by work_duration",
        workQueueLongestRunningProcessor: "How many seconds has the longest running processor for workqueue been running",
        leaderElectionMasterStatus: "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master",
    ]

    /// controller-runtime's reconcile-time buckets (5 ms to 60 s).
    public static let reconcileTimeBuckets: [Duration] = [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
        1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
    ].map { Duration.microseconds(Int64(($0 * 1_000_000).rounded())) }

    /// client-go's work-queue buckets: powers of ten from 10 ns to 1000 s.
    public static let workQueueDurationBuckets: [Duration] = (0..<12).map { exponent in
        var nanoseconds: Int64 = 10
        for _ in 0..<exponent { nanoseconds *= 10 }
        return Duration.nanoseconds(nanoseconds)
    }

    /// A swift-metrics factory writing into `registry`, with the histogram buckets above.
    public static func makePrometheusFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [
            reconcileTime: reconcileTimeBuckets,
            workQueueQueueDuration: workQueueDurationBuckets,
            workQueueWorkDuration: workQueueDurationBuckets,
        ]
        return factory
    }
}
