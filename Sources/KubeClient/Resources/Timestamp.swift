import Foundation

/// `metav1.Time`: RFC 3339 in UTC with whole seconds, e.g. `2026-01-02T03:04:05Z`.
public typealias Timestamp = RFC3339Time<WholeSeconds>

/// `metav1.MicroTime`: RFC 3339 in UTC with exactly six fractional digits, e.g. `2026-01-02T03:04:05.123456Z`,
/// as Leases and events.k8s.io Events require (the API server rejects other widths).
public typealias MicroTimestamp = RFC3339Time<Microseconds>

/// How many digits after the seconds an ``RFC3339Time`` keeps and writes.
public protocol TimePrecision: Sendable {
    static var fractionalDigits: Int { get }
}

/// Whole seconds (`metav1.Time`).
public enum WholeSeconds: TimePrecision {
    public static var fractionalDigits: Int { 0 }
}

/// Microseconds (`metav1.MicroTime`).
public enum Microseconds: TimePrecision {
    public static var fractionalDigits: Int { 6 }
}

/// A time as the Kubernetes API writes it: RFC 3339 in UTC, cut (rounded down) to `Precision`.
///
/// Guarantees: ``date`` is already cut to the precision, so a value equals itself after encoding and decoding;
/// decoding accepts any RFC 3339 time (any offset, any number of fractional digits) and throws
/// `DecodingError.dataCorrupted` for anything else.
public struct RFC3339Time<Precision: TimePrecision>: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) {
        let scale = pow(10, Double(Precision.fractionalDigits))
        self.date = Date(timeIntervalSince1970: (date.timeIntervalSince1970 * scale).rounded(.down) / scale)
    }

    public static var now: Self { Self(Date()) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = RFC3339.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an RFC 3339 time: \(text)"))
        }
        self.init(date)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String { RFC3339.format(date, fractionalDigits: Precision.fractionalDigits) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.date < rhs.date }
}

/// Formatting and parsing of RFC 3339 times as the Kubernetes API writes them.
public enum RFC3339 {
    /// Formats in UTC with `fractionalDigits` digits after the seconds (0 for none).
    public static func format(_ date: Date, fractionalDigits: Int) -> String {
        let totalMicros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
        var seconds = totalMicros / 1_000_000
        var micros = totalMicros % 1_000_000
        if micros < 0 {
            micros += 1_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civilDate(fromDays: days)
        let hour = secondOfDay / 3600
        let minute = (secondOfDay % 3600) / 60
        let second = secondOfDay % 60
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
        if fractionalDigits > 0 {
            let fraction = pad(micros, 6)
            text += "." + String(fraction.prefix(fractionalDigits))
        }
        return text + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `nil` when the text is not of that form.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), bytes[4] == 45, let month = number(5..<7), bytes[7] == 45,
            let day = number(8..<10), bytes[10] == 84 || bytes[10] == 116,
            let hour = number(11..<13), bytes[13] == 58, let minute = number(14..<16), bytes[16] == 58,
            let second = number(17..<19), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var micros: Int64 = 0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 6 { micros = micros * 10 + Int64(bytes[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds: Int64 = 0
        if bytes[index] == 90 || bytes[index] == 122 {
            index += 1
        } else if bytes[index] == 43 || bytes[index] == 45 {
            guard index + 6 == bytes.count, let offsetHours = number(index + 1..<index + 3), bytes[index + 3] == 58,
                let offsetMinutes = number(index + 4..<index + 6)
            else { return nil }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (bytes[index] == 45 ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }

    /// The number of digits after the decimal point of an RFC 3339 time, or `nil` when it is not one.
    public static func fractionalDigits(of text: String) -> Int? {
        guard parse(text) != nil else { return nil }
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text[text.index(after: dot)...].prefix { $0.isNumber }.count
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilDate(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
