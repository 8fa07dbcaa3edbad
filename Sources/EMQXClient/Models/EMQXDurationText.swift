/// Durations as EMQX's API takes them: strings such as `"60s"` or `"1500ms"`.
enum EMQXDurationText {
    /// Whole seconds, rounded up (EMQX rounds sub-second values up too): `.seconds(60)` → `"60s"`,
    /// `.milliseconds(1500)` → `"2s"`. Negative durations become `"0s"`.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, !(seconds == 0 && attoseconds <= 0) else { return "0s" }
        return "\(seconds + (attoseconds > 0 ? 1 : 0))s"
    }

    /// Milliseconds, rounded up, written in seconds when whole: `.seconds(15)` → `"15s"`, `.milliseconds(1500)` →
    /// `"1500ms"`.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, !(seconds == 0 && attoseconds <= 0) else { return "0s" }
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let milliseconds = seconds * 1000 + (attoseconds + attosecondsPerMillisecond - 1) / attosecondsPerMillisecond
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }
}
