import Foundation

/// Exit status and output of a finished process.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs external programs (kubectl, python) without blocking a thread: output goes to temporary files (no pipe can
/// fill up), and termination is awaited through the termination handler.
public enum ProcessRunner {
    public static func run(_ program: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) async throws -> ProcessResult {
        let running = try start(program, arguments, stdin: stdin, environment: environment)
        return await running.wait()
    }

    public static func start(_ program: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> RunningProcess {
        try RunningProcess(program: program, arguments: arguments, stdin: stdin, environment: environment)
    }
}

/// A started process. `Process` is not `Sendable`; every access after launch goes through the termination stream
/// and `terminate()`, which Foundation allows from any thread.
public final class RunningProcess: @unchecked Sendable {
    private let process = Process()
    private let stdoutURL: URL
    private let stderrURL: URL
    private let terminations: AsyncStream<Int32>

    init(program: String, arguments: [String], stdin: String?, environment: [String: String]) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("proc-\(UUID().uuidString)")
        stdoutURL = base.appendingPathExtension("out")
        stderrURL = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/env")
        process.arguments = program.hasPrefix("/") ? arguments : [program] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        if let stdin {
            let inputURL = base.appendingPathExtension("in")
            try Data(stdin.utf8).write(to: inputURL)
            process.standardInput = try FileHandle(forReadingFrom: inputURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        terminations = stream
        process.terminationHandler = { finished in
            continuation.yield(finished.terminationStatus)
            continuation.finish()
        }
        try process.run()
    }

    /// The output written so far.
    public var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// The process identifier.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// Sends `signal` (e.g. `SIGKILL`) if the process still runs.
    public func signal(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Sends SIGTERM.
    public func terminate() {
        if process.isRunning { process.terminate() }
    }

    /// Waits for the process to exit and returns its status and output; removes the output files.
    public func wait() async -> ProcessResult {
        var status: Int32 = -1
        for await value in terminations {
            status = value
            break
        }
        let result = ProcessResult(status: status, stdout: stdout, stderr: stderr)
        try? FileManager.default.removeItem(at: stdoutURL)
        try? FileManager.default.removeItem(at: stderrURL)
        return result
    }
}
