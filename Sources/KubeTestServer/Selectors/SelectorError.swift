/// A label or field selector the server cannot use; the server answers 400 BadRequest with `message`.
public struct SelectorError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Always 400: the real server rejects bad selectors as BadRequest.
    public var code: Int { 400 }

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
