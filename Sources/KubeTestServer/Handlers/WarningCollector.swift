/// Collects `Warning` headers produced inside a store transaction.
final class WarningCollector: Sendable {
    private let storage = LockedBox<[String]>([])

    func append(_ warnings: [String]) {
        storage.withLock { $0.append(contentsOf: warnings) }
    }

    var all: [String] { storage.withLock { $0 } }
}
