import Foundation

/// Leader-election timing and identity; the defaults are client-go's and controller-runtime's.
///
/// - Precondition: `leaseDuration > renewDeadline > jitterFactor * retryPeriod` (checked by ``validate()``).
public struct LeaderElectionConfiguration: Sendable {
    /// This candidate's identity in `holderIdentity`, e.g. `hostname_uuid`.
    public var identity: String
    /// How long a lease is valid after its holder last renewed it (as observed locally). Default 15 s.
    public var leaseDuration: Duration
    /// How long the leader keeps retrying a renewal before it gives up leadership. Default 10 s.
    public var renewDeadline: Duration
    /// The pause between attempts. Default 2 s.
    public var retryPeriod: Duration
    /// Acquire attempts wait `retryPeriod * (1 + jitter * jitterFactor)`. Default 1.2.
    public var jitterFactor: Double
    /// Whether a graceful stop releases the lease so that another candidate takes over at once. Default true.
    public var releaseOnCancel: Bool

    public init(
        identity: String,
        leaseDuration: Duration = .seconds(15),
        renewDeadline: Duration = .seconds(10),
        retryPeriod: Duration = .seconds(2),
        jitterFactor: Double = 1.2,
        releaseOnCancel: Bool = true
    ) {
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
        self.jitterFactor = jitterFactor
        self.releaseOnCancel = releaseOnCancel
    }

    /// A default identity: `hostname_uuid`, as controller-runtime builds it.
    public static func defaultIdentity() -> String {
        "\(ProcessInfo.processInfo.hostName)_\(UUID().uuidString.lowercased())"
    }

    /// Checks the precondition of the type.
    public func validate() throws(LeaderElectionError) {
        guard !identity.isEmpty else { throw .invalidConfiguration("identity must not be empty") }
        guard leaseDuration > renewDeadline else {
            throw .invalidConfiguration("leaseDuration (\(leaseDuration)) must be greater than renewDeadline (\(renewDeadline))")
        }
        guard renewDeadline > retryPeriod * jitterFactor else {
            throw .invalidConfiguration("renewDeadline (\(renewDeadline)) must be greater than jitterFactor * retryPeriod")
        }
    }
}

/// Why leader election stopped or could not start.
public enum LeaderElectionError: Error, Sendable, Hashable {
    /// The configuration breaks `leaseDuration > renewDeadline > jitterFactor * retryPeriod` or has no identity.
    case invalidConfiguration(String)
    /// Renewal did not succeed within the renew deadline; controllers were stopped. The process should exit, as
    /// controller-runtime's does, so that it restarts as a follower.
    case leadershipLost(identity: String)
}
