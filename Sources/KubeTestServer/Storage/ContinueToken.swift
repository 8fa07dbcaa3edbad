import Foundation
import KubeClient

/// The opaque `continue` value of a paged list: the snapshot revision and the last key returned.
struct ContinueToken: Sendable, Hashable {
    var revision: Int64
    var lastKey: String

    init(revision: Int64, lastKey: String) {
        self.revision = revision
        self.lastKey = lastKey
    }

    init?(encoded: String) {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64),
              let value = try? JSONCoding.decode(Array(data)),
              let revision = value["rv"]?.intValue,
              let lastKey = value["start"]?.stringValue
        else { return nil }
        self.init(revision: revision, lastKey: lastKey)
    }

    var encoded: String {
        let json = JSONCoding.encode(["v": "meta.k8s.io/v1", "rv": .int(revision), "start": .string(lastKey)])
        return Data(json.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
