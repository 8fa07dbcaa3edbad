import AsyncHTTPClient
import Foundation
import TestSupport
import KubeClient
import KubeTestServer
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing

/// Everything a conformance test needs: a running server, a kubeconfig written by it, `kubectl` with its own
/// discovery cache, the Python client, and a raw HTTPS client. ``with(_:)`` always shuts everything down.
struct TestEnvironment: Sendable {
    let server: TestAPIServer
    let directory: URL
    let http: HTTPClient

    var kubeconfigPath: String { directory.appendingPathComponent("kubeconfig").path }

    /// The repository root, found from this file's path (Tests/KubeTestServerTests/TestEnvironment.swift).
    static let packageRoot: URL = TestSupport.packageRoot

    static var crdsDirectory: String { packageRoot.appendingPathComponent("crds").path }

    static func with<Result: Sendable>(
        _ configuration: TestAPIServer.Configuration = .init(), _ body: (TestEnvironment) async throws -> Result
    ) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let server = try await TestAPIServer.start(configuration)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(server.caCertificatePEM.utf8)))
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
        let environment = TestEnvironment(server: server, directory: directory, http: http)
        func cleanUp() async {
            try? await http.shutdown()
            await server.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
        do {
            try server.writeKubeconfig(to: environment.kubeconfigPath)
            let result = try await body(environment)
            await cleanUp()
            return result
        } catch {
            await cleanUp()
            throw error
        }
    }

    // MARK: kubectl

    /// Runs `kubectl` against the server; fails the test with stderr when it exits non-zero.
    @discardableResult
    func kubectl(_ arguments: String..., stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await kubectlResult(arguments, stdin: stdin)
        guard result.status == 0 else {
            Issue.record("kubectl \(arguments.joined(separator: " ")) exited \(result.status):\n\(result.stderr)\n\(result.stdout)", sourceLocation: sourceLocation)
            throw ProcessFailure(command: "kubectl " + arguments.joined(separator: " "), status: result.status, stderr: result.stderr)
        }
        return result.stdout
    }

    /// Runs `kubectl` and returns its exit status and output, whatever they are.
    func kubectlResult(_ arguments: [String], stdin: String? = nil) async throws -> ProcessResult {
        let cache = directory.appendingPathComponent("kube-cache").path
        return try await ProcessRunner.run(
            "kubectl", arguments + ["--kubeconfig", kubeconfigPath, "--cache-dir", cache],
            stdin: stdin, environment: ["HOME": directory.path, "KUBECONFIG": kubeconfigPath])
    }

    /// Starts `kubectl` without waiting for it (e.g. `get -w`); the caller waits with ``RunningProcess/wait()``.
    func startKubectl(_ arguments: String...) throws -> RunningProcess {
        let cache = directory.appendingPathComponent("kube-cache").path
        return try ProcessRunner.start("kubectl", arguments + ["--kubeconfig", kubeconfigPath, "--cache-dir", cache],
                                       environment: ["HOME": directory.path, "KUBECONFIG": kubeconfigPath])
    }

    /// Writes `text` to a file in the test's directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    // MARK: Python

    /// Runs a Python script with the `kubernetes` client (interpreter from `KUBE_TEST_PYTHON`, set by scripts/test);
    /// the script gets the kubeconfig path as `sys.argv[1]`. Fails clearly when the interpreter is missing.
    @discardableResult
    func python(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        guard let interpreter = ProcessInfo.processInfo.environment["KUBE_TEST_PYTHON"], !interpreter.isEmpty else {
            Issue.record("KUBE_TEST_PYTHON is not set: run the tests with scripts/test, or create a venv with the `kubernetes` package and export KUBE_TEST_PYTHON=/path/to/venv/bin/python", sourceLocation: sourceLocation)
            throw ProcessFailure(command: "python", status: -1, stderr: "KUBE_TEST_PYTHON is not set")
        }
        let path = try file("script-\(UUID().uuidString).py", script)
        let result = try await ProcessRunner.run(interpreter, [path, kubeconfigPath], environment: ["HOME": directory.path])
        guard result.status == 0 else {
            Issue.record("python script exited \(result.status):\n\(result.stderr)\n\(result.stdout)", sourceLocation: sourceLocation)
            throw ProcessFailure(command: "python", status: result.status, stderr: result.stderr)
        }
        return result.stdout
    }

    // MARK: Raw HTTP

    struct RawResponse: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: String

        var json: JSONValue { (try? JSONValue(parsing: Data(body.utf8))) ?? .null }

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    /// Sends one request with the server's token (unless `authorized` is false) and reads the whole body.
    func request(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil, contentType: String = "application/json",
                 accept: String? = nil, authorized: Bool = true) async throws -> RawResponse {
        var request = HTTPClientRequest(url: server.url + path)
        request.method = method
        if authorized { request.headers.add(name: "Authorization", value: "Bearer \(server.token)") }
        if let accept { request.headers.add(name: "Accept", value: accept) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(body)))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return RawResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                           body: String(buffer: bytes))
    }

    /// Opens a watch and returns its events (one JSON object per line) until the server ends the stream or
    /// `limit` events arrived.
    func watchLines(_ path: String, limit: Int = .max) async throws -> (status: Int, transferEncoding: String?, events: [JSONValue]) {
        var request = HTTPClientRequest(url: server.url + path)
        request.headers.add(name: "Authorization", value: "Bearer \(server.token)")
        let response = try await http.execute(request, timeout: .seconds(60))
        var events: [JSONValue] = []
        var pending = ""
        reading: for try await chunk in response.body {
            pending += String(buffer: chunk)
            while let newline = pending.firstIndex(of: "\n") {
                let line = String(pending[..<newline])
                pending = String(pending[pending.index(after: newline)...])
                if !line.isEmpty { events.append(try JSONValue(parsing: Data(line.utf8))) }
                if events.count >= limit { break reading }
            }
        }
        return (Int(response.status.code), response.headers.first(name: "Transfer-Encoding"), events)
    }

    /// Creates an object over HTTP and returns the stored object; records an issue unless the server answers 201.
    @discardableResult
    func create(_ path: String, _ object: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let response = try await request(.POST, path, body: object)
        #expect(response.status == 201, "create \(path): \(response.body)", sourceLocation: sourceLocation)
        return response.json
    }
}

/// A process that failed; carries its stderr so the test report shows it.
struct ProcessFailure: Error, CustomStringConvertible {
    var command: String
    var status: Int32
    var stderr: String
    var description: String { "\(command) exited \(status): \(stderr)" }
}
