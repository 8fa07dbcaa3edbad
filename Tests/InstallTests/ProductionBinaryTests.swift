import Foundation
import Testing
import TestSupport

/// The production binary: `rebalance-operator` built without the package trait `DevEnvironment` and with the Swift
/// standard library linked statically, as the Dockerfile builds it. `scripts/test` builds it (debug, to keep CI
/// short) into `.build-prod` and passes its path in `REBALANCE_OPERATOR_PRODUCTION_BINARY`:
///
///     swift build --product rebalance-operator --disable-default-traits --static-swift-stdlib --scratch-path .build-prod
@Suite("Production binary", .enabled(if: ProductionBinary.path != nil, "build it first (scripts/test does): swift build --product rebalance-operator --disable-default-traits --static-swift-stdlib --scratch-path .build-prod"))
struct ProductionBinaryTests {
    static var binary: String? { ProductionBinary.path }

    /// Swift mangles a module name as its length and the name: symbols of these modules contain these strings.
    static let testDoubleModules = ["14KubeTestServer", "13EMQXSimulator", "14DevEnvironment"]

    /// Shared libraries of Debian bookworm-slim, the runtime image (packages libc6, libgcc-s1, libstdc++6, zlib1g).
    static let runtimeLibraries: Set<String> = [
        "linux-vdso.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libc.so.6", "libm.so.6", "libdl.so.2",
        "libpthread.so.0", "librt.so.1", "libutil.so.1", "libresolv.so.2", "libgcc_s.so.1", "libstdc++.so.6", "libz.so.1",
    ]

    static func symbols(of binary: String) async throws -> String {
        let result = try await ProcessRunner.run("nm", ["--defined-only", binary])
        try #require(result.status == 0, "nm failed: \(result.stderr)")
        return result.stdout
    }

    @Test("contains neither the test API server, the EMQX simulator nor the dev environment; the default build has all three")
    func noTestDoubles() async throws {
        let production = try await Self.symbols(of: try #require(Self.binary))
        for module in Self.testDoubleModules {
            #expect(!production.contains(module), "\(module) symbols in the production binary")
        }
        // The same check finds them in the default (DevEnvironment) build, so it is not vacuous.
        let development = try await Self.symbols(of: try #require(BuiltExecutable.path("rebalance-operator"), "swift build --build-tests first"))
        for module in Self.testDoubleModules {
            #expect(development.contains(module), "\(module) symbols expected in the default build")
        }
    }

    @Test("needs only libraries of the runtime image: the Swift runtime and Foundation are linked in")
    func libraries() async throws {
        let result = try await ProcessRunner.run("ldd", [try #require(Self.binary)])
        #expect(result.status == 0, "\(result.stderr)")
        let names = result.stdout.split(separator: "\n").compactMap { line in
            line.split(whereSeparator: \.isWhitespace).first.map { String($0.split(separator: "/").last ?? $0) }
        }
        #expect(!names.isEmpty)
        for name in names {
            #expect(Self.runtimeLibraries.contains(name), "\(name) is not in the runtime image:\n\(result.stdout)")
        }
        #expect(!result.stdout.contains("not found"))
    }

    @Test("--help lists run, crds and version, not dev; dev explains itself and exits 64")
    func help() async throws {
        let binary = try #require(Self.binary)
        let help = try await ProcessRunner.run(binary, ["--help"])
        #expect(help.status == 0)
        for command in ["run", "crds", "version"] { #expect(help.stdout.contains("  \(command) "), "\(command) missing:\n\(help.stdout)") }
        #expect(!help.stdout.contains("  dev "), "dev listed:\n\(help.stdout)")
        let dev = try await ProcessRunner.run(binary, ["dev", "--kubeconfig", "/tmp/unused"])
        #expect(dev.status == 64)
        #expect(dev.stderr.contains("built without the embedded dev environment"))
    }

    @Test("version prints the version, the commit it was built from and the Swift version")
    func version() async throws {
        let result = try await ProcessRunner.run(try #require(Self.binary), ["version"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("rebalance-operator ") == true)
        let commit = String(try #require(lines.first { $0.hasPrefix("commit: ") }).dropFirst("commit: ".count))
        if FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent(".git").path) {
            #expect(commit.wholeMatch(of: #/[0-9a-f]{40}(-dirty)?/#) != nil, "a git checkout records its commit, got \(commit)")
        } else {
            #expect(commit == "unknown" || !commit.isEmpty)
        }
        #expect(lines.contains { $0.hasPrefix("swift: 6.") })
    }
}

/// Where the production binary is: `$REBALANCE_OPERATOR_PRODUCTION_BINARY`, else `.build-prod/debug/`.
enum ProductionBinary {
    static var path: String? {
        let candidates: [String?] = [
            ProcessInfo.processInfo.environment["REBALANCE_OPERATOR_PRODUCTION_BINARY"],
            packageRoot.appendingPathComponent(".build-prod/debug/rebalance-operator").path,
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
