import Foundation

/// The API server refused a request: the decoded `Status` with its typed ``reason``, and the request it answered.
///
/// Switch on ``reason`` to react: `.conflict` (re-read and retry), `.notFound`, `.alreadyExists`, `.invalid` (see
/// ``details`` causes for the fields), `.gone` (re-list), `.tooManyRequests` (wait ``retryAfter``).
/// Bodies that are not a `Status` (a proxy's HTML page, plain text) still give an error: the reason comes from the
/// HTTP code and the message from the start of the body.
public struct KubeAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code.
    public var code: Int
    public var reason: StatusReason
    public var message: String
    public var details: StatusDetails?
    /// The decoded `Status` (synthesised from the HTTP answer when the body was not one).
    public var status: KubeStatus
    /// How long the server asked us to wait (`Retry-After` header or `details.retryAfterSeconds`).
    public var retryAfter: Duration?
    /// The request this answers, e.g. `PUT /api/v1/namespaces/default/pods/a`.
    public var request: String

    public init(status: KubeStatus, code: Int, retryAfter: Duration? = nil, request: String = "") {
        self.code = code
        self.reason = StatusReason(reason: status.reason, code: code)
        self.message = status.message ?? ""
        self.details = status.details
        self.status = status
        self.retryAfter = retryAfter ?? status.details?.retryAfterSeconds.map { .seconds($0) }
        self.request = request
    }

    /// Decodes an error answer: a `Status` body when there is one, otherwise a fallback built from the HTTP code and
    /// the first 512 characters of the body.
    public init(httpStatus: Int, body: Data, retryAfterHeader: String? = nil, request: String = "") {
        let retryAfter = retryAfterHeader.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { Duration.seconds($0) }
        if let status = try? JSONDecoder().decode(KubeStatus.self, from: body), status.kind == "Status" || status.reason != nil || status.message != nil {
            self.init(status: status, code: httpStatus, retryAfter: retryAfter, request: request)
            return
        }
        let text = String(decoding: body.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let fallback = KubeStatus(
            status: "Failure",
            message: text.isEmpty ? "the server answered HTTP \(httpStatus) with no Status body" : text,
            reason: nil,
            code: httpStatus
        )
        self.init(status: fallback, code: httpStatus, retryAfter: retryAfter, request: request)
    }

    public var description: String {
        let prefix = request.isEmpty ? "" : "\(request): "
        return "\(prefix)\(code) \(reason): \(message)"
    }
}
