import Foundation
import KubeClient
import Testing

@Suite("Timestamps")
struct TimestampTests {
    @Test("MicroTime encodes exactly six fractional digits")
    func microTimeHasSixDigits() throws {
        let date = Date(timeIntervalSince1970: 1_767_323_045.123_456_7)
        let data = try JSONEncoder().encode(MicroTimestamp(date))
        #expect(String(decoding: data, as: UTF8.self) == "\"2026-01-02T03:04:05.123456Z\"")
    }

    @Test("Time encodes whole seconds and parses offsets")
    func timeWholeSeconds() throws {
        #expect(Timestamp(Date(timeIntervalSince1970: 1_767_323_045.9)).description == "2026-01-02T03:04:05Z")
        #expect(RFC3339.parse("2026-01-02T05:04:05+02:00") == Date(timeIntervalSince1970: 1_767_323_045))
        #expect(RFC3339.parse("2026-01-02T03:04:05") == nil)
        #expect(RFC3339.fractionalDigits(of: "2026-01-02T03:04:05.120Z") == 3)
    }
}
