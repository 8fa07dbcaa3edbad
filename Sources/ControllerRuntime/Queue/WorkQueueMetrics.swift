import CoreMetrics

/// The `workqueue_*` metrics of one queue, under client-go's names and labels (`name`, `controller`).
struct WorkQueueMetrics: Sendable {
    let depth: Gauge
    let adds: Counter
    let retries: Counter
    let queueDuration: CoreMetrics.Timer
    let workDuration: CoreMetrics.Timer
    let unfinishedWork: Gauge
    let longestRunningProcessor: Gauge

    init(name: String, factory: any MetricsFactory) {
        let dimensions = [("name", name), ("controller", name)]
        depth = Gauge(label: MetricNames.workQueueDepth, dimensions: dimensions, factory: factory)
        adds = Counter(label: MetricNames.workQueueAdds, dimensions: dimensions, factory: factory)
        retries = Counter(label: MetricNames.workQueueRetries, dimensions: dimensions, factory: factory)
        queueDuration = CoreMetrics.Timer(label: MetricNames.workQueueQueueDuration, dimensions: dimensions, factory: factory)
        workDuration = CoreMetrics.Timer(label: MetricNames.workQueueWorkDuration, dimensions: dimensions, factory: factory)
        unfinishedWork = Gauge(label: MetricNames.workQueueUnfinishedWork, dimensions: dimensions, factory: factory)
        longestRunningProcessor = Gauge(label: MetricNames.workQueueLongestRunningProcessor, dimensions: dimensions, factory: factory)
    }
}
