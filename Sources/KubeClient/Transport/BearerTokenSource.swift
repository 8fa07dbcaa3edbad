import Foundation
import Synchronization

/// Supplies the bearer token for each request, re-reading a token file when its cached copy is older than the
/// refresh interval (one minute by default, as client-go and kube-rs do for rotating service-account tokens).
///
/// ## Guarantees
/// - A file token is never older than `refreshInterval` when a request is made, unless the file cannot be read, in
///   which case the last good token is kept (the kubelet rewrites the file well before the token expires).
/// - ``token(forceRefresh:)`` with `forceRefresh: true` (after a 401) re-reads the file at once.
final class BearerTokenSource: Sendable {
    private struct Cached {
        var token: String
        var readAt: ContinuousClock.Instant
    }

    private let credentials: KubeConfig.Credentials
    private let refreshInterval: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let cache = Mutex<Cached?>(nil)

    init(
        credentials: KubeConfig.Credentials,
        refreshInterval: Duration = .seconds(60),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.credentials = credentials
        self.refreshInterval = refreshInterval
        self.now = now
    }

    /// Whether a 401 may be cured by reading the token again.
    var isRefreshable: Bool {
        if case .bearerTokenFile = credentials { return true }
        return false
    }

    /// The token to send, or `nil` when the credentials carry none.
    func token(forceRefresh: Bool = false) throws(KubeClientError) -> String? {
        switch credentials {
        case .none:
            return nil
        case .bearerToken(let token):
            return token
        case .bearerTokenFile(let path):
            let instant = now()
            let cached = cache.withLock { $0 }
            if let cached, !forceRefresh, cached.readAt.duration(to: instant) < refreshInterval {
                return cached.token
            }
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { throw KubeClientError.tokenFileUnreadable(path: path, reason: "the file is empty") }
                cache.withLock { $0 = Cached(token: text, readAt: instant) }
                return text
            } catch {
                if let cached { return cached.token }
                if let error = error as? KubeClientError { throw error }
                throw .tokenFileUnreadable(path: path, reason: String(describing: error))
            }
        }
    }
}
