import Foundation
import Testing
import TestSupport

/// Every `kubectl` line the README shows runs, verbatim and in the README's order, against the dev environment with
/// the operator (default size: 30,000 clients), and every `kubectl` command that a file in `examples/` mentions is
/// one of them. A newcomer following the README meets what this test met.
@Suite("README commands")
struct ReadmeCommandsTests {
    static let root = TestSupport.packageRoot

    /// The `kubectl` lines of the README's `sh` blocks, in order.
    static func readmeCommands() throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        var commands: [String] = []
        var inShellBlock = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                inShellBlock = !inShellBlock && trimmed == "```sh"
                continue
            }
            if inShellBlock && trimmed.hasPrefix("kubectl ") { commands.append(trimmed) }
        }
        return commands
    }

    /// The `kubectl` commands that the example files mention in their comments.
    static func exampleCommands() throws -> [String] {
        let directory = root.appendingPathComponent("examples")
        var commands: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".yaml") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("#") {
                if let start = line.range(of: "kubectl ") {
                    commands.append(String(line[start.lowerBound...]).trimmingCharacters(in: .whitespaces))
                }
            }
        }
        return commands
    }

    /// The command without a trailing shell comment.
    static func withoutComment(_ command: String) -> String {
        guard let range = command.range(of: "  #") else { return command }
        return String(command[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
    }

    @Test("the README shows every kubectl command of examples/")
    func examplesAreInTheReadme() throws {
        let readme = Set(try Self.readmeCommands().map(Self.withoutComment))
        let examples = try Self.exampleCommands()
        #expect(!examples.isEmpty)
        for command in examples {
            #expect(readme.contains(command), "examples/ mention `\(command)`, which the README does not show")
        }
    }

    @Test("every kubectl line of the README works against the dev environment, in order")
    func readmeWalkthrough() async throws {
        let commands = try Self.readmeCommands()
        #expect(commands.count >= 15)
        try await EndToEndTests.withEnvironment(clients: 30_000) { env in
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: home) }
            let environment = ["KUBECONFIG": env.info.kubeconfigPath, "HOME": home.path]
            for command in commands {
                let shell = "cd '\(Self.root.path)' && exec \(command)"
                let started = ContinuousClock.now
                if command.contains(" -w") {
                    // A watch runs until the reader stops it: look at it for a few seconds (`exec`, so the signal reaches kubectl).
                    let watch = try ProcessRunner.start("/bin/sh", ["-c", shell], environment: environment)
                    try await Task.sleep(for: .seconds(4))
                    watch.terminate()
                    let result = await watch.wait()
                    print("$ \(command)\n\(result.stdout)")
                    #expect(result.stdout.hasPrefix("NAME"), "`\(command)` printed no table: \(result.stderr)")
                    continue
                }
                let result = try await ProcessRunner.run("/bin/sh", ["-c", shell], environment: environment)
                print("$ \(command)   (\(ContinuousClock.now - started))\n\(result.stdout)")
                #expect(result.status == 0, "`\(command)` exited \(result.status): \(result.stderr)")
                if result.status != 0 { return }
            }
            await env.expectTruth()
        }
    }
}
