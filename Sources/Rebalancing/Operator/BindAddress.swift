import Foundation

/// Where a server of the operator listens, written as controller-runtime's flags write it: `:8080` (every
/// interface), `127.0.0.1:8081`, `[::1]:8080`, or `0` to switch the server off.
public struct BindAddress: Sendable, Hashable, CustomStringConvertible {
    /// `nil` when the server is switched off (`0`).
    public var host: String?
    public var port: Int

    public init(host: String?, port: Int) {
        self.host = host
        self.port = port
    }

    /// Whether the flag said `0`: do not serve at all.
    public var isDisabled: Bool { host == nil && port == 0 }

    /// Parses a flag value; the error names the flag so that the user knows which one to fix.
    public init(parsing text: String, flag: String) throws(OperatorSettingsError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "0" {
            self.init(host: nil, port: 0)
            return
        }
        let hostPart: Substring
        let portPart: Substring
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]"), trimmed[trimmed.index(after: close)...].hasPrefix(":") else {
                throw .invalidValue(flag: flag, value: text, expected: "[ipv6]:port")
            }
            hostPart = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            portPart = trimmed[trimmed.index(close, offsetBy: 2)...]
        } else {
            guard let colon = trimmed.lastIndex(of: ":") else {
                throw .invalidValue(flag: flag, value: text, expected: "host:port, :port or 0")
            }
            hostPart = trimmed[..<colon]
            portPart = trimmed[trimmed.index(after: colon)...]
        }
        guard let port = Int(portPart), (0...65535).contains(port) else {
            throw .invalidValue(flag: flag, value: text, expected: "a port between 0 and 65535")
        }
        self.init(host: hostPart.isEmpty ? "0.0.0.0" : String(hostPart), port: port)
    }

    public var description: String {
        guard let host else { return "0" }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
