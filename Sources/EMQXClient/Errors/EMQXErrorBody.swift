/// EMQX's error body, the same for every endpoint: `{"code": "<CODE>", "message": "<text>"}`.
public struct EMQXErrorBody: Codable, Sendable, Hashable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
