extension Duration {
    /// The duration as fractional seconds (for metrics, lease fields and floating-point arithmetic).
    public var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Whole milliseconds, rounded toward zero; saturates at `Int64.min` and `Int64.max`.
    public var inMilliseconds: Int64 {
        Self.whole(components, unitsPerSecond: 1000, attosecondsPerUnit: 1_000_000_000_000_000)
    }

    /// Whole nanoseconds, rounded toward zero; saturates at `Int64.min` and `Int64.max` (about 292 years).
    public var inNanoseconds: Int64 {
        Self.whole(components, unitsPerSecond: 1_000_000_000, attosecondsPerUnit: 1_000_000_000)
    }

    private static func whole(_ components: (seconds: Int64, attoseconds: Int64), unitsPerSecond: Int64, attosecondsPerUnit: Int64) -> Int64 {
        let (product, overflow) = components.seconds.multipliedReportingOverflow(by: unitsPerSecond)
        if overflow { return components.seconds < 0 ? Int64.min : Int64.max }
        let (sum, sumOverflow) = product.addingReportingOverflow(components.attoseconds / attosecondsPerUnit)
        if sumOverflow { return product < 0 ? Int64.min : Int64.max }
        return sum
    }
}
