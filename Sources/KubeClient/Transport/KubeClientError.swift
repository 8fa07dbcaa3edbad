/// Failures of the client itself (not answers of the API server, which are ``KubeAPIError``): the server could not
/// be reached, its answer could not be decoded, or the configuration's material is unusable.
public enum KubeClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bearer token file could not be read and no earlier token is cached.
    case tokenFileUnreadable(path: String, reason: String)
    /// The configuration's certificates or key do not parse (only possible for configs built by hand).
    case invalidTLSMaterial(reason: String)
    /// The request did not complete: connection refused, TLS handshake failed, timed out, connection reset.
    case transport(method: String, path: String, reason: String)
    /// The server answered with a body that is not what was asked for.
    case decoding(type: String, path: String, reason: String)
    /// The object to send could not be encoded.
    case encoding(type: String, reason: String)
    /// An operation needs `metadata.name` on the object and it is missing.
    case missingName(operation: String)
    /// A watch stream sent a line longer than the framer's limit (a broken or hostile server).
    case watchLineTooLong(limit: Int)
    /// A watch stream sent a line that is not a watch event.
    case invalidWatchEvent(reason: String)

    public var description: String {
        switch self {
        case .tokenFileUnreadable(let path, let reason): "cannot read bearer token file \(path): \(reason)"
        case .invalidTLSMaterial(let reason): "invalid TLS material in the configuration: \(reason)"
        case .transport(let method, let path, let reason): "\(method) \(path) failed: \(reason)"
        case .decoding(let type, let path, let reason): "cannot decode \(type) from the answer to \(path): \(reason)"
        case .encoding(let type, let reason): "cannot encode \(type): \(reason)"
        case .missingName(let operation): "\(operation) needs metadata.name on the object"
        case .watchLineTooLong(let limit): "a watch event is longer than \(limit) bytes"
        case .invalidWatchEvent(let reason): "invalid watch event: \(reason)"
        }
    }
}
