import Foundation

/// Finds the package's executables that `swift build --build-tests` put beside the test bundle.
public enum BuiltExecutable {
    /// The path of the executable `name` in the build directory of the running tests (`.build/<triple>/debug/`),
    /// else in the package's `.build/debug/`; `nil` when neither exists.
    public static func path(_ name: String) -> String? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name).path,
            packageRoot.appendingPathComponent(".build/debug/\(name)").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
