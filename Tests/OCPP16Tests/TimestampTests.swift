import Foundation
import Testing
@testable import OCPP16

@Suite("ISO 8601 timestamps")
struct TimestampTests {
    @Test(arguments: [
        ("2024-05-01T12:00:00Z", 1_714_564_800.0),
        ("2024-05-01T12:00:00.250Z", 1_714_564_800.25),
        ("2024-05-01T14:00:00+02:00", 1_714_564_800.0),
        ("2024-05-01T07:30:00-0430", 1_714_564_800.0),
        ("2024-05-01t12:00:00z", 1_714_564_800.0),
        ("2024-05-01T12:00:00", 1_714_564_800.0),
        ("1970-01-01T00:00:00Z", 0.0),
        ("2000-02-29T00:00:00Z", 951_782_400.0),
        ("2013-02-01T20:53:32.486Z", 1_359_752_012.486),
    ])
    func parsesOCPPDateTimes(_ text: String, _ seconds: Double) throws {
        let timestamp = try #require(OCPPTimestamp(text))
        #expect(abs(timestamp.date.timeIntervalSince1970 - seconds) < 0.000_5)
        #expect(timestamp.text == text)
    }

    @Test(arguments: [
        "", "2024-05-01", "2024-05-01 12:00:00Z", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
        "2024-05-01T24:00:00Z", "2024-05-01T12:60:00Z", "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00+2",
        "2024-05-01T12:00:00Zjunk", "２０２４-05-01T12:00:00Z", "yesterday",
    ])
    func rejectsNonDateTimes(_ text: String) {
        #expect(OCPPTimestamp(text) == nil)
    }

    @Test func formatsUTCWithoutAClock() {
        #expect(OCPPTimestamp(Date(timeIntervalSince1970: 1_714_564_800)).text == "2024-05-01T12:00:00Z")
        #expect(OCPPTimestamp(Date(timeIntervalSince1970: 1_714_564_800.125)).text == "2024-05-01T12:00:00.125Z")
        #expect(OCPPTimestamp(Date(timeIntervalSince1970: 0)).text == "1970-01-01T00:00:00Z")
        #expect(OCPPTimestamp(Date(timeIntervalSince1970: 951_825_599)).text == "2000-02-29T11:59:59Z")
    }

    @Test func absurdInstantsAreClampedNotTrapped() {
        #expect(OCPPTimestamp(Date(timeIntervalSince1970: 1e300)).text == "9999-12-31T23:59:59.999Z")
        #expect(OCPPTimestamp(Date(timeIntervalSince1970: -1e300)).text == "0000-01-01T00:00:00Z")
        #expect(OCPPTimestamp(Date(timeIntervalSince1970: .nan)).text == "1970-01-01T00:00:00Z")
    }

    @Test func formattedTextParsesBack() throws {
        for seconds in stride(from: -86_400.0 * 365, to: 86_400.0 * 365 * 80, by: 86_400 * 37.3) {
            let timestamp = OCPPTimestamp(Date(timeIntervalSince1970: seconds.rounded()))
            let parsed = try #require(OCPPTimestamp(timestamp.text))
            #expect(parsed.date == timestamp.date)
        }
    }
}
