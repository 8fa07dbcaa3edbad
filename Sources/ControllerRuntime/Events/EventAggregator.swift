import Foundation
import KubeClient

/// The pure core of the ``EventRecorder``: which events to create, which repeats to fold into a series, and which
/// to drop because nothing changed.
///
/// ## Guarantees
/// - Occurrences with the same type, action, reason, reporter, regarding and related object within
///   ``seriesWindow`` (6 minutes, client-go's) of the previous one become one Event whose `series.count` grows from 2.
/// - With a transition key, an occurrence is dropped unless that key's state differs from the last one recorded for
///   the same object and action, so a reconcile loop does not repeat itself.
struct EventAggregator: Sendable {
    struct SeriesKey: Hashable, Sendable {
        var type: EventType
        var action: String
        var reason: String
        var regarding: EventObjectReference
        var related: EventObjectReference?
    }

    struct Entry: Sendable {
        var record: EventRecord
        var lastObserved: Duration
    }

    struct TransitionKey: Hashable, Sendable {
        var regarding: String
        var action: String
    }

    /// What to send for one occurrence.
    enum Action: Sendable, Hashable {
        case create(EventRecord)
        case updateSeries(EventRecord)
        case skip
    }

    static let seriesWindow: Duration = .seconds(360)

    let reportingController: String
    let reportingInstance: String
    private(set) var series: [SeriesKey: Entry] = [:]
    private(set) var lastStates: [TransitionKey: String] = [:]

    init(reportingController: String, reportingInstance: String) {
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
    }

    /// Decides what to send for `draft` at `now` (monotonic) / `wallNow` (written into the event).
    /// - Parameter transition: the state this event reports (e.g. a phase); `nil` to always record.
    mutating func record(_ draft: EventDraft, transition: String? = nil, now: Duration, wallNow: Date) -> Action {
        if let transition {
            let key = TransitionKey(regarding: draft.regarding.uid ?? "\(draft.regarding.namespace ?? "")/\(draft.regarding.name)", action: draft.action)
            if lastStates[key] == transition { return .skip }
            lastStates[key] = transition
        }
        prune(now: now)
        let key = SeriesKey(type: draft.type, action: draft.action, reason: draft.reason, regarding: draft.regarding, related: draft.related)
        let time = MicroTimestamp(wallNow)
        if var entry = series[key] {
            let count = (entry.record.series?.count ?? 1) + 1
            entry.record.series = EventSeries(count: count, lastObservedTime: time)
            entry.lastObserved = now
            series[key] = entry
            return .updateSeries(entry.record)
        }
        let nanos = UInt64(max(0, (wallNow.timeIntervalSince1970 * 1e9).rounded(.down)))
        let record = EventRecord(
            name: "\(draft.regarding.name).\(String(nanos, radix: 16))",
            namespace: draft.regarding.namespace ?? "default",
            eventTime: time,
            reportingController: reportingController,
            reportingInstance: reportingInstance,
            draft: draft
        )
        series[key] = Entry(record: record, lastObserved: now)
        return .create(record)
    }

    /// Forgets the series of `record` (after its update failed, e.g. the Event expired), so the next occurrence
    /// creates a new Event.
    mutating func forget(_ record: EventRecord) {
        series = series.filter { $0.value.record.name != record.name }
    }

    /// Drops series older than the window.
    mutating func prune(now: Duration) {
        series = series.filter { now - $0.value.lastObserved < Self.seriesWindow }
    }
}
