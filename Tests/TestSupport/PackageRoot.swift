import Foundation

/// The package's root folder (where `Package.swift`, `README.md`, `crds/` and `examples/` are), found from this
/// file's place in `Tests/TestSupport/`.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
