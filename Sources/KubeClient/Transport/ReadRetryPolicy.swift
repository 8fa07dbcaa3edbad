import Primitives

/// How the client retries reads (GET of objects and lists, not watches) that the server turned away for load:
/// `429 TooManyRequests`, `503 ServiceUnavailable`, `504 Timeout`.
///
/// The wait is the server's `Retry-After` (capped at ``maximumDelay``) or, without one, ``initialDelay`` doubling per
/// retry. Writes are never retried here: a 429 on an eviction is an answer the caller must see, and the caller knows
/// whether a write is safe to repeat.
public struct ReadRetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt; 0 turns retrying off.
    public var maximumRetries: Int
    public var initialDelay: Duration
    public var maximumDelay: Duration

    public init(maximumRetries: Int = 3, initialDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(10)) {
        self.maximumRetries = max(0, maximumRetries)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// No retries.
    public static let none = ReadRetryPolicy(maximumRetries: 0)

    /// Whether an answer with this HTTP status is worth retrying.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 503 || status == 504
    }

    /// The wait before retry number `retry` (0 for the first retry): the server's `Retry-After` capped at
    /// ``maximumDelay``, or else ``Backoff``'s unjittered `initialDelay · 2^retry`, capped likewise.
    public func delay(retry: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, maximumDelay) }
        return Backoff(initial: initialDelay, max: maximumDelay, factor: 2, jitter: 0, seed: 0).baseDelay(attempt: retry)
    }
}
