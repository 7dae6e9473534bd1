import Foundation
import StationModel
import Testing
@testable import ChargeHTTPS

/// The API's codecs, byte by byte (reference §4.2), and the pieces of the link with no socket.
@Suite struct StationAPITests {
    @Test func sha256KnownVectors() {
        #expect(SHA256.digest(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined()
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.digest([]).prefix(4) == [0xe3, 0xb0, 0xc4, 0x42])
        // Two blocks: the 56-byte boundary of the padding.
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.fingerprint(long).hasPrefix("24:8D:6A:61"))
    }

    @Test func aPageReadsNumbersAndStrings() throws {
        let body = Array(#"{"version":2,"properties":[{"id":"2062_0","access":0,"type":8,"len":4,"cat":"generic","value":32.0},{"id":"2069_0","access":0,"type":9,"len":6,"cat":"generic","value":"L1L2L3"},{"id":"2068_0","type":8,"value":12.5}],"offset":0,"total":7}"#.utf8)
        let page = try StationAPI.page(body)
        #expect(page.total == 7)
        #expect(page.properties.map(\.value) == ["32", "L1L2L3", "12.5"])
        #expect(page.properties[1].isString)
    }

    @Test func idsAnswersInBothShapes() throws {
        let flat = try StationAPI.properties(Array(#"{"21A2_0": 5, "2180_1": "PLAZA1"}"#.utf8))
        #expect(flat == [.init(id: "2180_1", value: "PLAZA1"), .init(id: "21A2_0", value: "5")])
        let paged = try StationAPI.properties(Array(#"{"version":2,"properties":[{"id":"21A2_0","value":5}]}"#.utf8))
        #expect(paged.map(\.value) == ["5"])
        #expect(throws: StationAPI.DecodeError.self) { try StationAPI.properties(Array("<html>".utf8)) }
    }

    @Test func writesQuoteStringsAndSendNumbersRaw() {
        let body = String(decoding: StationAPI.writeBody([("2062_0", "32"), ("2180_1", "123"), ("2069_0", "L1L2L3"), ("2068_0", "12.5")],
                                                         strings: ["2180_1"]), as: UTF8.self)
        #expect(body.contains(#""2062_0":{"id":"2062_0","value":32}"#))
        #expect(body.contains(#""2180_1":{"id":"2180_1","value":"123"}"#))
        #expect(body.contains(#""2069_0":{"id":"2069_0","value":"L1L2L3"}"#))
        #expect(body.contains(#""value":12.5"#))
    }

    @Test func paths() {
        #expect(StationAPI.propertyPath(category: "meter4", offset: 32) == "/api/prop?cat=meter4&offset=32")
        #expect(StationAPI.propertyPath(ids: ["21A1_0", "2180_A"]) == "/api/prop?ids=21A1_0,2180_A")
        #expect(StationAPI.lockoutSeconds(Array(#"{"lockout_remaining_seconds": 42}"#.utf8)) == 42)
    }

    @Test func theLicenceNeverReachesTheTrace() {
        #expect(StationAPI.traceable(Array(#"{"21A1_0":{"id":"21A1_0","value":"1234"}}"#.utf8)).contains("not shown"))
        #expect(StationAPI.traceable(Array(#"{"2062_0":32}"#.utf8)) == #"{"2062_0":32}"#)
    }

    @Test func knownStationsPinPerIdentity() {
        var known = KnownStations("# comment\nACE1 AA:BB\n")
        #expect(known.verdict(identity: "ACE1", fingerprint: "AA:BB") == .known)
        #expect(known.verdict(identity: "ACE1", fingerprint: "CC:DD") == .changed(known: "AA:BB"))
        #expect(known.verdict(identity: "ACE2", fingerprint: "CC:DD") == .new)
        known.record(identity: "ACE2", fingerprint: "CC:DD")
        #expect(KnownStations(known.text) == known)
        #expect(KnownStations.path(variables: ["HOME": "/h"]) == "/h/.local/state/chargectl/known-stations")
        #expect(KnownStations.path(variables: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/chargectl/known-stations")
    }

    @Test func hostsMayCarryAPortAndAPrefix() {
        #expect(HTTPSEndpoint.split("192.168.0.21/24") == ("192.168.0.21", nil))
        #expect(HTTPSEndpoint.split("127.0.1.2:8443") == ("127.0.1.2", 8443))
    }

    @Test func aBitFieldChangesOnlyItsBits() {
        let on = PlannedWriteFixture.bit(on: true)
        #expect(HTTPSStationLink.wireValue(on, current: "1") == "3")
        #expect(HTTPSStationLink.wireValue(PlannedWriteFixture.bit(on: false), current: "3") == "1")
        #expect(HTTPSStationLink.wireValue(on, current: nil) == "2")
    }

    @Test func failuresHaveTheirCodesAndExitClass() {
        #expect(HTTPSFailure.wrongPassword(user: "admin").isInputProblem)
        #expect(!HTTPSFailure.anotherSession(detail: "").isInputProblem)
        #expect(HTTPSFailure.lockedOut(seconds: 30).description.contains("30 s left"))
        #expect(Set([HTTPSFailure.refused(address: "a"), .anotherSession(detail: ""), .lockedOut(seconds: 1), .wrongPassword(user: "u"),
                     .certificateChanged(identity: "i", known: "k", presented: "p")].map(\.code)).count == 5)
    }

    @Test func theTLSContextAllowsTheOlderSuites() throws {
        _ = try HTTPSConnection.tlsContext()
    }
}

enum PlannedWriteFixture {
    static func bit(on: Bool) -> PlannedWrite { PlannedWrite(setting: .albEnabled, key: "2064_0", value: on ? "1" : "0", bitMask: 2) }
}
