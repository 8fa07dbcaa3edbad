import Testing

/// Every ControllerRuntime suite, run one after another: several suites drive a ManualClock and real-time polling
/// side by side, and together on two cores they starve each other (see the closing note of issue 5).
@Suite("ControllerRuntime", .serialized)
enum ControllerRuntimeSuites {}
