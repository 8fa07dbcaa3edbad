import Crypto
import Foundation
import X509

/// A throw-away certificate authority and the serving certificate it signs, minted in memory at server start.
///
/// The serving certificate names `127.0.0.1` and `localhost` (IP and DNS SANs) so that kubectl, the Python client and
/// AsyncHTTPClient verify it against the CA given in the kubeconfig. Keys are P-256; both certificates are valid from
/// one hour ago for ten days. Nothing is written to disk.
struct CertificateAuthority: Sendable {
    /// PEM of the CA certificate: what clients trust (`certificate-authority-data`).
    let caCertificatePEM: String
    /// PEM of the serving certificate.
    let servingCertificatePEM: String
    /// PEM (PKCS#8) of the serving certificate's private key.
    let servingKeyPEM: String

    /// Mints a fresh CA and a serving certificate for `hosts` (IP literals become IP SANs, the rest DNS SANs).
    static func mint(hosts: [String] = ["127.0.0.1", "localhost"]) throws -> CertificateAuthority {
        let now = Date()
        let notBefore = now.addingTimeInterval(-3600)
        let notAfter = now.addingTimeInterval(10 * 24 * 3600)

        let caKey = P256.Signing.PrivateKey()
        let caPrivateKey = Certificate.PrivateKey(caKey)
        let caName = try DistinguishedName {
            CommonName("kube-test-server-ca")
            OrganizationName("rebalance-operator tests")
        }
        let caPublicKey = Certificate.PublicKey(caKey.publicKey)
        let caKeyIdentifier = SubjectKeyIdentifier(hash: caPublicKey)
        let caCertificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: caPublicKey,
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: caName,
            subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                caKeyIdentifier
            },
            issuerPrivateKey: caPrivateKey
        )

        let servingKey = P256.Signing.PrivateKey()
        let servingPublicKey = Certificate.PublicKey(servingKey.publicKey)
        let servingName = try DistinguishedName {
            CommonName("kube-apiserver")
        }
        let alternativeNames = hosts.map { host -> GeneralName in
            if let octets = ipv4Octets(host) {
                return .ipAddress(.init(contentBytes: ArraySlice(octets)))
            }
            return .dnsName(host)
        }
        let servingCertificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: servingPublicKey,
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: caName,
            subject: servingName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(alternativeNames)
                SubjectKeyIdentifier(hash: servingPublicKey)
                AuthorityKeyIdentifier(keyIdentifier: caKeyIdentifier.keyIdentifier)
            },
            issuerPrivateKey: caPrivateKey
        )

        return CertificateAuthority(
            caCertificatePEM: try caCertificate.serializeAsPEM().pemString,
            servingCertificatePEM: try servingCertificate.serializeAsPEM().pemString,
            servingKeyPEM: try Certificate.PrivateKey(servingKey).serializeAsPEM().pemString
        )
    }

    private static func ipv4Octets(_ host: String) -> [UInt8]? {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let octets = parts.compactMap { UInt8($0) }
        return octets.count == 4 ? octets : nil
    }
}
