import KubeClient

/// Decides whether a store change of the primary kind should trigger a reconcile (controller-runtime's
/// `predicate.Predicate`). Deletions always pass the built-in predicates.
public struct ChangePredicate<Object: Resource>: Sendable {
    public var evaluate: @Sendable (StoreChange<Object>) -> Bool

    public init(_ evaluate: @escaping @Sendable (StoreChange<Object>) -> Bool) {
        self.evaluate = evaluate
    }

    /// Every change passes.
    public static var all: ChangePredicate { ChangePredicate { _ in true } }

    /// Updates pass only when `metadata.generation` changed, so status-only and metadata-only updates are dropped;
    /// additions and deletions pass (`GenerationChangedPredicate`).
    public static var generationChanged: ChangePredicate {
        ChangePredicate { change in
            guard case .applied(let old?, let new) = change else { return true }
            return old.metadata.generation != new.metadata.generation
        }
    }

    /// Updates pass only when the deletion timestamp, the finalizers or the annotations changed: the metadata a
    /// reconciler acts on (a deletion to finalize, its own finalizer landing, an annotation it recorded).
    public static var lifecycleChanged: ChangePredicate {
        ChangePredicate { change in
            guard case .applied(let old?, let new) = change else { return true }
            return old.metadata.deletionTimestamp != new.metadata.deletionTimestamp
                || old.metadata.finalizers != new.metadata.finalizers
                || old.metadata.annotations != new.metadata.annotations
        }
    }

    /// Spec changes (generation) and lifecycle changes pass; status-only updates, such as a reconciler's own status
    /// writes, do not. Controllers that poll while an operation runs requeue themselves instead.
    public static var specOrLifecycleChanged: ChangePredicate { generationChanged.or(lifecycleChanged) }

    /// Updates pass only when the labels changed.
    public static var labelsChanged: ChangePredicate {
        ChangePredicate { change in
            guard case .applied(let old?, let new) = change else { return true }
            return old.metadata.labels != new.metadata.labels
        }
    }

    public func and(_ other: ChangePredicate) -> ChangePredicate {
        ChangePredicate { evaluate($0) && other.evaluate($0) }
    }

    public func or(_ other: ChangePredicate) -> ChangePredicate {
        ChangePredicate { evaluate($0) || other.evaluate($0) }
    }

    public var not: ChangePredicate {
        ChangePredicate { !evaluate($0) }
    }
}
