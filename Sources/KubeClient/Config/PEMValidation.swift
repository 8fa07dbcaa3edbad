import NIOSSL

/// What a piece of PEM text should hold.
enum PEMKind: Sendable {
    case certificate
    case privateKey
}

/// Checks PEM text with the same parser the TLS layer uses, so that bad material fails at configuration time with
/// the file and field named, not at the first request.
enum PEMValidation {
    /// `nil` when `text` parses as `kind`, else why not.
    static func problem(with text: String, kind: PEMKind) -> String? {
        switch kind {
        case .certificate:
            do {
                let certificates = try NIOSSLCertificate.fromPEMBytes(Array(text.utf8))
                return certificates.isEmpty ? "no PEM certificate found" : nil
            } catch {
                return "not a PEM certificate (\(error))"
            }
        case .privateKey:
            do {
                _ = try NIOSSLPrivateKey(bytes: Array(text.utf8), format: .pem)
                return nil
            } catch {
                return "not a PEM private key (\(error))"
            }
        }
    }
}
