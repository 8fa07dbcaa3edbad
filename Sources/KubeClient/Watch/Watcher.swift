import Logging
import Primitives

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
///   ``StateMachine`` for the rules). An object that does not decode as `Object` is logged (level error) and left
///   out, so one bad object cannot stall the watch.
/// - The sequence ends (returns `nil`) only when the iterating task is cancelled; the open connection closes then.
///
/// ## Assumptions
/// One task iterates a given iterator. Iterating the same `Watcher` twice runs two independent list-watch loops.
public struct Watcher<Object: KubernetesObject>: AsyncSequence, Sendable {
    public typealias Element = WatcherEvent<Object>
    public typealias Failure = Never

    let resources: ResourceClient<Object>
    let options: WatcherOptions
    let clock: ElapsedClock

    public init(resources: ResourceClient<Object>, options: WatcherOptions = .init(), clock: some Clock<Duration>) {
        self.resources = resources
        self.options = options
        self.clock = ElapsedClock(clock)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(resources: resources, options: options, clock: clock)
    }

    public struct Iterator: AsyncIteratorProtocol {
        public typealias Element = WatcherEvent<Object>
        public typealias Failure = Never

        private let resources: ResourceClient<Object>
        private let options: WatcherOptions
        private let clock: ElapsedClock
        private var machine: StateMachine
        private var pending: [WatcherEvent<Object>] = []
        /// The open watch, read as JSON so that one object that does not decode cannot stall the watcher.
        private var stream: WatchStream<DynamicObject>.Iterator?
        private var watchOpenedAt: Duration = .zero

        init(resources: ResourceClient<Object>, options: WatcherOptions, clock: ElapsedClock) {
            self.resources = resources
            self.options = options
            self.clock = clock
            self.machine = StateMachine(backoff: options.backoff, backoffResetAfter: options.backoffResetAfter)
        }

        private var logger: Logger { resources.client.transport.logger }

        /// The same kind and namespace, untyped.
        private var raw: ResourceClient<DynamicObject> {
            ResourceClient<DynamicObject>(client: resources.client, resource: resources.resource, namespace: resources.namespace)
        }

        /// The page with its items decoded; items that do not decode are logged and left out.
        private func typed(_ page: ObjectList<DynamicObject>) -> ObjectList<Object> {
            ObjectList(items: page.items.compactMap { decode($0) }, metadata: page.metadata)
        }

        /// The event with its object decoded; an object that does not decode is logged and becomes a bookmark at its
        /// resourceVersion, so the watch moves past it instead of failing on it forever.
        private func typed(_ event: WatchEvent<DynamicObject>) -> WatchEvent<Object> {
            func convert(_ object: DynamicObject, _ make: (Object) -> WatchEvent<Object>) -> WatchEvent<Object> {
                if let decoded = decode(object) { return make(decoded) }
                return .bookmark(resourceVersion: object.metadata.resourceVersion ?? "")
            }
            switch event {
            case .added(let object): return convert(object) { .added($0) }
            case .modified(let object): return convert(object) { .modified($0) }
            case .deleted(let object): return convert(object) { .deleted($0) }
            case .bookmark(let version): return .bookmark(resourceVersion: version)
            case .error(let status): return .error(status)
            }
        }

        private func decode(_ object: DynamicObject) -> Object? {
            do {
                return try resources.coder.decode(Object.self, from: object.json, path: resources.resource.description)
            } catch {
                logger.error(
                    "skipping an object that does not decode",
                    metadata: ["resource": "\(resources.resource)", "name": "\(object.metadata.name ?? "")", "error": "\(error)"]
                )
                return nil
            }
        }

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
                                options.onError?(KubeAPIError(status: status, code: status.code ?? 500, request: "watch \(resources.resource)"))
                            }
                            pending += machine.received(typed(event))
                        } else {
                            machine.watchEnded(after: clock.now - watchOpenedAt, error: nil)
                        }
                    } catch {
                        if Task.isCancelled { return nil }
                        logger.info("watch failed", metadata: ["resource": "\(resources.resource)", "error": "\(error)"])
                        options.onError?(error)
                        machine.watchEnded(after: clock.now - watchOpenedAt, error: error)
                    }
                    continue
                }
                switch machine.nextAction() {
                case .sleep(let delay):
                    do {
                        try await clock.sleep(for: delay)
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
                        pending += machine.listed(typed(try await raw.list(listOptions)))
                    } catch {
                        if Task.isCancelled { return nil }
                        logger.info("list failed", metadata: ["resource": "\(resources.resource)", "error": "\(error)"])
                        options.onError?(error)
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
                    stream = raw.watch(watchOptions).makeAsyncIterator()
                    watchOpenedAt = clock.now
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
