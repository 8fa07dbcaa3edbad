import KubeClient

/// Why a patch could not be applied, with the HTTP status the real API server answers for it.
///
/// `code` is 400 (BadRequest) for a patch document that cannot be understood, 422 (Invalid) for a well-formed patch
/// that does not apply to the object (a failed JSON-patch `test`, a missing path), 415 for a strategic merge patch
/// sent to a custom resource. `message` is the Status message the real server sends; `detail` says what exactly
/// went wrong (the real server drops it for 422, we keep it for logs and tests).
public struct PatchError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    /// The Status `reason`: `BadRequest`, `Invalid`, `UnsupportedMediaType`, `RequestEntityTooLarge`.
    public var reason: String
    public var message: String
    public var detail: String

    public init(code: Int, reason: String, message: String, detail: String = "") {
        self.code = code
        self.reason = reason
        self.message = message
        self.detail = detail
    }

    /// 400: the patch document is malformed (`errors.NewBadRequest(err)`); the message is the decoding error.
    public static func badRequest(_ message: String) -> PatchError {
        PatchError(code: 400, reason: "BadRequest", message: message, detail: message)
    }

    /// 422: the patch is well formed but does not apply. The real server answers with
    /// `NewGenericServerResponse(422, ...)`, whose message is fixed and hides `detail`.
    public static func unprocessable(_ detail: String) -> PatchError {
        PatchError(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request", detail: detail)
    }

    /// 413: more than 10000 JSON-patch operations.
    public static func tooManyOperations(_ count: Int) -> PatchError {
        let message = "Request entity too large: The allowed maximum operations in a JSON patch is \(JSONPatch.maximumOperations), got \(count)"
        return PatchError(code: 413, reason: "RequestEntityTooLarge", message: message)
    }

    /// 415: strategic merge patch on a custom resource (`customresource_handler.go`).
    public static let strategicMergeUnsupported = PatchError(
        code: 415,
        reason: "UnsupportedMediaType",
        message: "the body of the request was in an unknown format - accepted media types include: "
            + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
    )

    /// The `Status` body the server sends for this error.
    public var status: JSONValue {
        [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(message), "reason": .string(reason), "details": [:], "code": .int(Int64(code)),
        ]
    }

    public var description: String { "\(code) \(reason): \(message)\(detail.isEmpty || detail == message ? "" : " (\(detail))")" }
}
