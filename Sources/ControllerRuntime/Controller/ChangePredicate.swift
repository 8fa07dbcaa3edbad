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
