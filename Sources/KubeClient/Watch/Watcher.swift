import Logging

/// List then watch, forever: an `AsyncSequence` of ``WatcherEvent``s that a cache (the ControllerRuntime
/// reflector) turns into an up-to-date store.
///
/// ## Guarantees
/// - Starts with a paged list framed by `initStart`/`initDone`, then reports changes as `apply`/`delete` in server
///   order. After a `410 Gone` it lists again with a new `initStart`…`initDone` cycle, so objects deleted while the
///   watch was broken disappear at that `initDone`.
/// - Watches resume from the last resourceVersion seen (events and bookmarks), so no change is reported twice and
///   none is skipped while the server still has it.
/// - Errors never end the sequence: they are logged and retried with ``Backoff`` on the injected clock (see
///   ``StateMachine`` for the rules).
/// - The sequence ends (returns `nil`) only when the iterating task is cancelled; the open connection closes then.
///
/// ## Assumptions
/// One task iterates a given iterator. Iterating the same `Watcher` twice runs two independent list-watch loops.
public struct Watcher<Object: KubernetesObject>: AsyncSequence, Sendable {
    public typealias Element = WatcherEvent<Object>
    public typealias Failure = Never

    let resources: ResourceClient<Object>
    let options: WatcherOptions
    let clock: ErasedClock

    public init(resources: ResourceClient<Object>, options: WatcherOptions = .init(), clock: some Clock<Duration>) {
        self.resources = resources
        self.options = options
        self.clock = ErasedClock(clock)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(resources: resources, options: options, clock: clock)
    }

    public struct Iterator: AsyncIteratorProtocol {
        public typealias Element = WatcherEvent<Object>
        public typealias Failure = Never

        private let resources: ResourceClient<Object>
        private let options: WatcherOptions
        private let clock: ErasedClock
        private var machine: StateMachine
        private var pending: [WatcherEvent<Object>] = []
        private var stream: WatchStream<Object>.Iterator?
        private var watchOpenedAt: Duration = .zero

        init(resources: ResourceClient<Object>, options: WatcherOptions, clock: ErasedClock) {
            self.resources = resources
            self.options = options
            self.clock = clock
            self.machine = StateMachine(backoff: options.backoff, backoffResetAfter: options.backoffResetAfter)
        }

        private var logger: Logger { resources.client.transport.logger }

        public mutating func next() async -> WatcherEvent<Object>? {
            while true {
                if !pending.isEmpty { return pending.removeFirst() }
                if Task.isCancelled { return nil }
                if var open = stream {
                    stream = nil
                    do {
                        if let event = try await open.next() {
                            stream = open
                            if case .error(let status) = event {
                                logger.info("watch error event", metadata: ["resource": "\(resources.resource)", "status": "\(status.code ?? 0) \(status.message ?? "")"])
                            }
                            pending += machine.received(event)
                        } else {
                            machine.watchEnded(after: clock.now() - watchOpenedAt, error: nil)
                        }
                    } catch {
                        if Task.isCancelled { return nil }
                        logger.info("watch failed", metadata: ["resource": "\(resources.resource)", "error": "\(error)"])
                        machine.watchEnded(after: clock.now() - watchOpenedAt, error: error)
                    }
                    continue
                }
                switch machine.nextAction() {
                case .sleep(let delay):
                    do {
                        try await clock.sleep(delay)
                    } catch {
                        return nil
                    }
                case .list(let token):
                    let listOptions = ListOptions(
                        labelSelector: options.labelSelector,
                        fieldSelector: options.fieldSelector,
                        limit: options.pageSize,
                        continueToken: token
                    )
                    do {
                        pending += machine.listed(try await resources.list(listOptions))
                    } catch {
                        if Task.isCancelled { return nil }
                        logger.info("list failed", metadata: ["resource": "\(resources.resource)", "error": "\(error)"])
                        machine.listFailed(error)
                    }
                case .watch(let version):
                    let watchOptions = WatchOptions(
                        resourceVersion: version,
                        labelSelector: options.labelSelector,
                        fieldSelector: options.fieldSelector,
                        allowWatchBookmarks: true,
                        timeoutSeconds: options.watchTimeoutSeconds
                    )
                    stream = resources.watch(watchOptions).makeAsyncIterator()
                    watchOpenedAt = clock.now()
                    machine.watchStarted()
                }
            }
        }
    }
}

extension ResourceClient {
    /// A list-then-watch sequence over this client's kind and namespace (see ``Watcher``). Backoff delays sleep on
    /// `clock`: `ContinuousClock()` in production, a `ManualClock` in tests.
    public func watcher(_ options: WatcherOptions = .init(), clock: some Clock<Duration>) -> Watcher<Object> {
        Watcher(resources: self, options: options, clock: clock)
    }
}

/// A clock behind closures, so ``Watcher`` stays generic over the object only.
struct ErasedClock: Sendable {
    /// Time since the erased clock was made.
    let now: @Sendable () -> Duration
    let sleep: @Sendable (Duration) async throws -> Void

    init<C: Clock<Duration>>(_ clock: C) {
        let origin = clock.now
        self.now = { origin.duration(to: clock.now) }
        self.sleep = { try await clock.sleep(until: clock.now.advanced(by: $0), tolerance: nil) }
    }
}
