import CoreMetrics
import Synchronization

/// The `controller_runtime_*` metrics of one controller, under controller-runtime's names and labels.
final class ControllerMetrics: Sendable {
    let success: Counter
    let error: Counter
    let requeue: Counter
    let requeueAfter: Counter
    let errors: Counter
    let terminalErrors: Counter
    let reconcileTime: CoreMetrics.Timer
    let activeWorkersGauge: Gauge
    let maxConcurrentReconciles: Gauge
    private let active = Mutex(0)

    init(controller: String, factory: any MetricsFactory) {
        let label = [("controller", controller)]
        func total(_ result: String) -> Counter {
            Counter(label: MetricNames.reconcileTotal, dimensions: label + [("result", result)], factory: factory)
        }
        success = total("success")
        error = total("error")
        requeue = total("requeue")
        requeueAfter = total("requeue_after")
        errors = Counter(label: MetricNames.reconcileErrors, dimensions: label, factory: factory)
        terminalErrors = Counter(label: MetricNames.terminalReconcileErrors, dimensions: label, factory: factory)
        reconcileTime = CoreMetrics.Timer(label: MetricNames.reconcileTime, dimensions: label, factory: factory)
        activeWorkersGauge = Gauge(label: MetricNames.activeWorkers, dimensions: label, factory: factory)
        maxConcurrentReconciles = Gauge(label: MetricNames.maxConcurrentReconciles, dimensions: label, factory: factory)
    }

    /// Adds `delta` to the active worker count and records it.
    func changeActiveWorkers(by delta: Int) {
        let value = active.withLock { count in
            count += delta
            return count
        }
        activeWorkersGauge.record(value)
    }

    var activeWorkers: Int { active.withLock { $0 } }
}
