import Foundation

/// A self-signed P-256 certificate and its key, made for these tests only (never used anywhere else).
enum TestMaterial {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBijCCATGgAwIBAgIUOucS6e99XykVJq/PImzkCoLWJlkwCgYIKoZIzj0EAwIw
        GjEYMBYGA1UEAwwPa3ViZWNsaWVudC10ZXN0MCAXDTI2MTEyNTA2NDAyNloYDzIx
        MjYxMTAxMDY0MDI2WjAaMRgwFgYDVQQDDA9rdWJlY2xpZW50LXRlc3QwWTATBgcq
        hkjOPQIBBggqhkjOPQMBBwNCAARxd9LI9pe/GDYjpGWhzWBOPLvir7wE5wfy5NoM
        4aWB6ulX7Z0E6XUDvX6B/olnW3jczv6hDlbVoFbozNaallhlo1MwUTAdBgNVHQ4E
        FgQUXJH/zNThttj3s6zSrYdbGAbg+g0wHwYDVR0jBBgwFoAUXJH/zNThttj3s6zS
        rYdbGAbg+g0wDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBEAiAgBpI6
        hsgcKwqfTmeLlKFB+NwF8E04EpNfjwuiI8+ktAIgHRfs8rVTikWzkKiHsGE9quNH
        sdKq2Zi+PenSQMFlQF4=
        -----END CERTIFICATE-----

        """

    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSgzIYtyXxSQBifk9
        +b1hji+FlKXzuH5sx+ZedlAssUWhRANCAARxd9LI9pe/GDYjpGWhzWBOPLvir7wE
        5wfy5NoM4aWB6ulX7Z0E6XUDvX6B/olnW3jczv6hDlbVoFbozNaallhl
        -----END PRIVATE KEY-----

        """

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
}

/// A temporary directory removed when the closure returns.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("kubeclient-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// A temporary directory removed when the asynchronous closure returns.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("kubeclient-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// Writes `text` to `directory/name` (creating subdirectories) and returns the full path.
@discardableResult
func write(_ text: String, to name: String, in directory: String) throws -> String {
    let path = (directory as NSString).appendingPathComponent(name)
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
