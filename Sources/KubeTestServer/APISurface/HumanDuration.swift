import Foundation
import KubeClient

/// Ages as the API server writes them in Table cells (`k8s.io/apimachinery/pkg/util/duration.HumanDuration`):
/// `45s`, `5m30s`, `3h10m`, `2d4h`, `1y30d`.
public enum HumanDuration {
    public static func format(seconds interval: TimeInterval) -> String {
        let seconds = Int(interval.rounded(.towardZero))
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 {
            let remainder = seconds % 60
            return remainder == 0 ? "\(minutes)m" : "\(minutes)m\(remainder)s"
        }
        if minutes < 180 { return "\(minutes)m" }
        let hours = seconds / 3600
        if hours < 8 {
            let remainder = minutes % 60
            return remainder == 0 ? "\(hours)h" : "\(hours)h\(remainder)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let remainder = hours % 24
            return remainder == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(remainder)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let days = (hours / 24) % 365
            return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d"
        }
        return "\(hours / 24 / 365)y"
    }

    /// `translateTimestampSince`: the age of an RFC 3339 timestamp at `now`, `<unknown>` when there is none and
    /// `<invalid>` when it cannot be read.
    public static func age(of timestamp: JSONValue?, now: Date) -> String {
        guard let text = timestamp?.stringValue, !text.isEmpty else { return "<unknown>" }
        guard let date = RFC3339.parse(text) else { return "<invalid>" }
        return format(seconds: now.timeIntervalSince(date))
    }
}
