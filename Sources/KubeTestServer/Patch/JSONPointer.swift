import Foundation
import KubeClient

/// A JSON pointer (RFC 6901): `/a/b~1c/0`, with `~1` for `/` and `~0` for `~`. The empty pointer is the whole
/// document.
struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    var tokens: [String]
    let text: String

    init(parsing text: String) throws(PatchError) {
        self.text = text
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw PatchError.unprocessable("JSON pointer must be empty or start with a \"/\": \(text)")
        }
        tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    var description: String { text }

    /// Whether `self` is a proper prefix of `other` (a value cannot be moved into itself).
    func isProperPrefix(of other: JSONPointer) -> Bool {
        other.tokens.count > tokens.count && Array(other.tokens.prefix(tokens.count)) == tokens
    }
}
