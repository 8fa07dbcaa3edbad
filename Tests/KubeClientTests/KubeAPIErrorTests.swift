import Foundation
import Testing

@testable import KubeClient

@Suite("API error decoding")
struct KubeAPIErrorTests {
    static func statusBody(reason: String, code: Int, message: String = "m") -> Data {
        Data(#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"\#(message)","reason":"\#(reason)","code":\#(code)}"#.utf8)
    }

    static let cases: [(String, Int, StatusReason)] = [
        ("NotFound", 404, .notFound),
        ("AlreadyExists", 409, .alreadyExists),
        ("Conflict", 409, .conflict),
        ("Invalid", 422, .invalid),
        ("Expired", 410, .gone),
        ("Gone", 410, .gone),
        ("TooManyRequests", 429, .tooManyRequests),
        ("Unauthorized", 401, .unauthorized),
        ("Forbidden", 403, .forbidden),
        ("BadRequest", 400, .badRequest),
        ("MethodNotAllowed", 405, .methodNotAllowed),
        ("UnsupportedMediaType", 415, .unsupportedMediaType),
        ("InternalError", 500, .internalError),
        ("ServerTimeout", 500, .timeout),
        ("Timeout", 504, .timeout),
        ("ServiceUnavailable", 503, .serviceUnavailable),
        ("RequestEntityTooLarge", 413, .other("RequestEntityTooLarge")),
    ]

    @Test("each Status reason maps to its typed reason", arguments: cases)
    func reasons(reason: String, code: Int, expected: StatusReason) {
        let error = KubeAPIError(httpStatus: code, body: Self.statusBody(reason: reason, code: code), request: "GET /x")
        #expect(error.reason == expected)
        #expect(error.code == code)
        #expect(error.message == "m")
        #expect(error.status.reason == reason)
        #expect(error.description == "GET /x: \(code) \(expected): m")
    }

    @Test("without a reason the HTTP code decides", arguments: [(404, StatusReason.notFound), (409, .conflict), (410, .gone), (422, .invalid), (429, .tooManyRequests), (503, .serviceUnavailable), (418, .other("418"))])
    func reasonFromCode(code: Int, expected: StatusReason) {
        let body = Data(#"{"kind":"Status","status":"Failure","message":"no reason","code":\#(code)}"#.utf8)
        #expect(KubeAPIError(httpStatus: code, body: body).reason == expected)
    }

    @Test("details, causes and retryAfterSeconds are decoded")
    func details() {
        let body = Data(
            #"""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"TooManyRequests","code":429,
             "message":"Cannot evict pod as it would violate the pod's disruption budget.",
             "details":{"name":"emqx-0","kind":"pods","causes":[{"reason":"DisruptionBudget","message":"The disruption budget emqx needs 2 healthy pods and has 2 currently"}],"retryAfterSeconds":10}}
            """#.utf8
        )
        let error = KubeAPIError(httpStatus: 429, body: body)
        #expect(error.reason == .tooManyRequests)
        #expect(error.details?.name == "emqx-0")
        #expect(error.details?.causes?.first?.reason == "DisruptionBudget")
        #expect(error.retryAfter == .seconds(10))

        let invalid = KubeAPIError(
            httpStatus: 422,
            body: Data(#"{"kind":"Status","reason":"Invalid","code":422,"message":"x","details":{"causes":[{"reason":"FieldValueInvalid","field":"spec.rate","message":"bad"}]}}"#.utf8)
        )
        #expect(invalid.details?.causes?.first?.field == "spec.rate")
    }

    @Test("a Retry-After header wins over retryAfterSeconds")
    func retryAfterHeader() {
        let error = KubeAPIError(httpStatus: 429, body: Self.statusBody(reason: "TooManyRequests", code: 429), retryAfterHeader: " 3 ")
        #expect(error.retryAfter == .seconds(3))
    }

    @Test("a body that is not a Status still gives a typed error with the text as message")
    func fallback() {
        let html = KubeAPIError(httpStatus: 503, body: Data("<html>upstream unavailable</html>".utf8))
        #expect(html.reason == .serviceUnavailable)
        #expect(html.message == "<html>upstream unavailable</html>")
        let empty = KubeAPIError(httpStatus: 404, body: Data())
        #expect(empty.reason == .notFound)
        #expect(empty.message.contains("404"))
        let otherJSON = KubeAPIError(httpStatus: 500, body: Data(#"{"error":"boom"}"#.utf8))
        #expect(otherJSON.reason == .internalError)
        #expect(otherJSON.message == #"{"error":"boom"}"#)
    }
}
