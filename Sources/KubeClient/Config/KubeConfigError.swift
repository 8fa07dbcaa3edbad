/// Why a configuration could not be built; each case names the file and, where it applies, the field to fix.
public enum KubeConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file (kubeconfig, certificate, key, token, service-account file) could not be read.
    case fileUnreadable(path: String, reason: String)
    /// The kubeconfig is not YAML of the expected shape.
    case invalidKubeconfig(path: String, reason: String)
    /// No context was named and the kubeconfig has no `current-context`.
    case noCurrentContext(path: String)
    /// The named context, or the cluster or user a context refers to, is not in the kubeconfig.
    case entryNotFound(kind: String, name: String, path: String)
    /// A required field is missing, e.g. `clusters[name=dev].cluster.server`.
    case missingField(field: String, path: String)
    /// A field holds something unusable: bad base64, PEM that does not parse, a malformed URL.
    case invalidField(field: String, path: String, reason: String)
    /// The user authenticates in a way this client does not implement (`exec`, `auth-provider`, basic auth).
    case unsupportedAuthentication(user: String, method: String, path: String)
    /// In-cluster configuration was asked for outside a pod.
    case notInCluster(missingVariable: String)
    /// `resolve` found nothing to use.
    case noConfiguration(searched: [String])

    public var description: String {
        switch self {
        case .fileUnreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .invalidKubeconfig(let path, let reason):
            "\(path) is not a valid kubeconfig: \(reason)"
        case .noCurrentContext(let path):
            "\(path) sets no current-context and no context was named"
        case .entryNotFound(let kind, let name, let path):
            "\(path) has no \(kind) named \"\(name)\""
        case .missingField(let field, let path):
            "\(path): missing \(field)"
        case .invalidField(let field, let path, let reason):
            "\(path): \(field) is invalid: \(reason)"
        case .unsupportedAuthentication(let user, let method, let path):
            "\(path): user \"\(user)\" authenticates with \(method), which this client does not support; use a token, tokenFile or client certificate"
        case .notInCluster(let variable):
            "not running in a cluster: \(variable) is not set"
        case .noConfiguration(let searched):
            "no Kubernetes configuration found (looked at: \(searched.joined(separator: ", ")))"
        }
    }
}
