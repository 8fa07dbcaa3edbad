import KubeClient
import ServiceLifecycle

/// Keeps a ``Store`` in step with a list-then-watch stream of one kind.
///
/// The source is any `AsyncSequence` of ``WatcherEvent`` — the KubeClient `Watcher` in production, an in-memory
/// stream in tests. The reflector is the store's only writer; see ``StoreWriter`` for how re-lists are applied.
///
/// ## Errors
/// ``run()`` returns when the source ends and rethrows what the source throws. Reconnecting and re-listing after
/// `410 Gone` are the source's job (the KubeClient watcher does both with backoff).
public struct Reflector<Object: Resource>: Service {
    /// The name in `/readyz` checks, e.g. `informer:pods`.
    public let name: String
    public let store: Store<Object>
    private let consume: @Sendable (Store<Object>) async throws -> Void

    public init<Source: AsyncSequence & Sendable>(name: String, store: Store<Object> = Store(), source: Source)
    where Source.Element == WatcherEvent<Object> {
        self.name = name
        self.store = store
        self.consume = { store in
            var writer = StoreWriter(store)
            for try await event in source {
                writer.apply(event)
            }
        }
    }

    /// Applies the source's events to the store until the source ends or the task is cancelled, ignoring graceful
    /// shutdown (a ``Manager`` stops caches after its controllers).
    func runUntilCancelled() async throws {
        do {
            try await consume(store)
        } catch is CancellationError {
            return
        }
    }

    /// Applies the source's events to the store until the source ends, the task is cancelled, or a graceful
    /// shutdown begins.
    public func run() async throws {
        let consume = self.consume
        let store = self.store
        do {
            try await cancelWhenGracefulShutdown { try await consume(store) }
        } catch is CancellationError {
            return
        }
    }
}
