import Foundation
import ChargeIO
import JSONText
import ModbusProtocol
import OCPP16
import Testing
@testable import VirtualSite

/// The HTTPS API's decisions, as values (SPEC §3 "The HTTPS link in practice", reference/alfen-station.md §4).
@Suite struct StationAPISessionTests {
    static let url = "ws://127.0.0.1:8180/ocpp"

    struct Station {
        var session = StationAPISession(password: "secret", lockout: .seconds(60))
        var view: StationProperties

        init(identity: VirtualStationIdentity = Fixtures.double, features: UInt32 = 0, firmware: String? = nil,
             live: StationLiveReadings = StationLiveReadings()) {
            var identity = identity
            if let firmware { identity.firmware = firmware }
            view = StationProperties(table: StationPropertyTable.definitions(for: identity, backOfficeURL: StationAPISessionTests.url),
                                     store: StationConfigStore(identity: identity, unlockedFeatures: features),
                                     properties: StationPropertyStore([:]), live: live)
        }

        mutating func send(_ method: String, _ uri: String, _ body: String = "", connection: UInt64 = 1, at now: Double = 0)
            -> (StationAPIResponse, StationAPISession.Action?) {
            session.respond(to: StationAPIRequest(method: method, uri: uri, body: Array(body.utf8)), connection: connection,
                            now: now, station: &view)
        }

        mutating func login(_ password: String = "secret", connection: UInt64 = 1, at now: Double = 0) -> StationAPIResponse {
            send("POST", "/api/login", #"{"username":"admin","password":"\#(password)","displayname":"test"}"#,
                 connection: connection, at: now).0
        }

        mutating func json(_ uri: String, connection: UInt64 = 1) throws -> [String: JSONValue] {
            let (response, _) = send("GET", uri, connection: connection)
            try #require(response.status == 200, "\(uri): \(response.status) \(response.body)")
            return try #require(StationAPISession.object(Array(response.body.utf8)))
        }

        mutating func properties(_ query: String) throws -> [String: JSONValue] {
            let page = try json("/api/prop?" + query)
            var values: [String: JSONValue] = [:]
            guard case .array(let entries)? = page["properties"] else { return [:] }
            for entry in entries {
                if let object = entry.objectValue, let id = object["id"]?.stringValue { values[id] = object["value"] }
            }
            return values
        }

        mutating func write(_ values: [String: JSONValue]) -> (StationAPIResponse, StationAPISession.Action?) {
            let body = JSONValue.object(Dictionary(uniqueKeysWithValues: values.map { id, value in
                (id, JSONValue.object(["id": .string(id), "value": value]))
            }))
            return send("POST", "/api/prop", body.jsonText)
        }
    }

    @Test func infoNeedsNoLogin() throws {
        var station = Station()
        let info = try station.json("/api/info", connection: 9)
        #expect(info["Identity"] == .string("ACE0005678"))
        #expect(info["Model"] == .string("EVe-dual"))
        #expect(info["Type"] == .string("2.0.1"))
        #expect(info["ObjectId"] == .string("5678"))
        #expect(info["FWVersion"] == .string(VirtualStationIdentity.defaultFirmware))
    }

    @Test func everythingElseNeedsTheSessionOfThisConnection() {
        var station = Station()
        #expect(station.send("GET", "/api/prop?cat=generic").0.status == 401)
        #expect(station.login().status == 200)
        #expect(station.login().body.isEmpty)
        #expect(station.send("GET", "/api/prop?cat=generic").0.status == 200)
        // Bound to its TCP connection: another connection has no session, and is turned away while it lasts.
        #expect(station.send("GET", "/api/prop?cat=generic", connection: 2).0.status == 401)
        #expect(station.session.refuses(connection: 2))
        #expect(!station.session.refuses(connection: 1))
        #expect(station.send("POST", "/api/logout").0.status == 200)
        #expect(!station.session.refuses(connection: 2))
        #expect(station.send("GET", "/api/prop?cat=generic").0.status == 401)
        #expect(station.send("GET", "/api/nothing").0.status == 404)
    }

    @Test func closingTheConnectionEndsTheSession() {
        var station = Station()
        _ = station.login(connection: 7)
        station.session.closed(connection: 8)
        #expect(station.session.refuses(connection: 9))
        station.session.closed(connection: 7)
        #expect(!station.session.refuses(connection: 9))
    }

    @Test func fiveWrongPasswordsLockLoginsOut() {
        var station = Station()
        for attempt in 1...5 {
            let answer = station.login("wrong", at: Double(attempt))
            #expect(answer.status == 401, "attempt \(attempt)")
        }
        let locked = station.login("secret", at: 10)
        #expect(locked.status == 429)
        #expect(locked.body == #"{"lockout_remaining_seconds":55}"#)
        #expect(station.login("secret", at: 64.5).status == 429)
        #expect(station.login("secret", at: 66).status == 200)
    }

    @Test func aRightPasswordResetsTheCount() {
        var station = Station()
        for _ in 1...4 { _ = station.login("wrong") }
        #expect(station.login().status == 200)
        _ = station.send("POST", "/api/logout")
        for _ in 1...4 { #expect(station.login("wrong").status == 401) }
        #expect(station.login("Admin-not").status == 401)
        #expect(station.login().status == 429)
        #expect(station.send("POST", "/api/login", "{}").0.status == 429)
    }

    @Test func categoriesArePagedAndLicenceAndSCNOnlyByIDs() throws {
        var station = Station()
        _ = station.login()
        let first = try station.json("/api/prop?cat=generic&offset=0")
        let total = try #require(first["total"].flatMap { if case .integer(let n) = $0 { n } else { nil } })
        #expect(total > StationAPISession.pageSize)
        #expect(first["version"] == .integer(2))
        let second = try station.json("/api/prop?cat=generic&offset=16&limit=500")
        let count = { (page: [String: JSONValue]) in if case .array(let list)? = page["properties"] { list.count } else { -1 } }
        #expect(count(first) == StationAPISession.pageSize)
        #expect(count(first) + count(second) == total)
        #expect(second["offset"] == .integer(16))
        var listed = Set<String>()
        for category in StationPropertyTable.categories {
            var offset = 0
            while true {
                let page = try station.properties("cat=\(category)&offset=\(offset)")
                listed.formUnion(page.keys)
                offset += StationAPISession.pageSize
                if page.count < StationAPISession.pageSize { break }
            }
        }
        #expect(listed.isSuperset(of: ["2062_0", "2064_0", "5217_0", "2523_1", "2530_1", "20F0_3", "5221_A", "216C_0"]))
        #expect(listed.isDisjoint(with: ["21A1_0", "21A2_0", "2180_1", "2180_3", "2180_A"]))
        let byID = try station.properties("ids=21A1_0,21A2_0,2180_1,2180_3,2180_A,9999_9")
        #expect(byID["21A2_0"] == .integer(0))
        #expect(byID["2180_1"] == .string(""))
        #expect(byID["2180_3"] == .integer(2))
        #expect(byID["2180_A"] == .integer(32))
        #expect(byID["9999_9"] == nil)
        #expect(try station.properties("cat=nothing").isEmpty)
    }

    @Test func moreThanFifteenPropertiesIsA400AndChangesNothing() throws {
        var station = Station()
        _ = station.login()
        var values: [String: JSONValue] = [:]
        for n in 0..<16 { values["2062_\(n)"] = .integer(16) }
        let (answer, _) = station.write(values)
        #expect(answer.status == 400)
        #expect(answer.body == #"{"error":"at most 15 properties per write, got 16"}"#)
    }

    @Test func oneStoreTwoViews() throws {
        var station = Station(features: FeatureBits.activeLoadBalancing | FeatureBits.scn)
        _ = station.login()
        // OCPP writes, HTTPS reads.
        _ = station.view.store.changeConfiguration(ChangeConfiguration.Request(key: "Station-MaxCurrent", value: "20"))
        #expect(try station.properties("ids=2062_0")["2062_0"] == .integer(20))
        // HTTPS writes (numbers raw or quoted, as the vendor app sends them), OCPP reads.
        #expect(station.write(["2062_0": .string("16.5"), "2064_0": .integer(3),
                               "5217_0": .integer(4), "216C_0": .integer(2),
                               "2180_1": .string("PLAZA1")]).0.status == 200)
        let store = station.view.store
        #expect(store.value("Station-MaxCurrent") == "16.5")
        #expect(store.value("Active-LoadBalancing") == "On")
        #expect(store.value("ALB-ProtocolSelection") == "Modbus TCP/IP")
        #expect(store.value("RJ11-Mode") == "Suspend when an external circuit is opened")
        #expect(store.value("SCN-NetworkName") == "PLAZA1")
        let read = try station.properties("ids=2062_0,2064_0,5217_0,216C_0,2180_1")
        #expect(read == ["2062_0": .double(16.5), "2064_0": .integer(3), "5217_0": .integer(4), "216C_0": .integer(2), "2180_1": .string("PLAZA1")])
        // EMS: 2530_1 = 3 is MbsSlaveTCPIP; 5217_0 = −1 has no OCPP spelling and lasts until OCPP changes the key.
        #expect(station.write(["2530_1": .integer(3), "5217_0": .integer(-1)]).0.status == 200)
        #expect(station.view.store.value("MbsSlaveTCPIP") == "On")
        #expect(try station.properties("ids=2530_1,5217_0") == ["2530_1": .integer(3), "5217_0": .integer(-1)])
        _ = station.view.store.changeConfiguration(ChangeConfiguration.Request(key: "ALB-ProtocolSelection", value: "DSMR4.x/SMR5.0 (P1)"))
        #expect(try station.properties("ids=5217_0")["5217_0"] == .integer(5))
        // A refused value changes nothing of the batch.
        #expect(station.write(["2062_0": .integer(10), "2180_1": .string("lower")]).0.status == 400)
        #expect(station.view.store.value("Station-MaxCurrent") == "16.5")
        #expect(station.write(["205E_0": .integer(1)]).0.status == 400)
    }

    @Test func anUnlicensedWriteIsAcceptedAndNotKept() throws {
        var station = Station(features: 0)
        _ = station.login()
        let (answer, action) = station.write(["2064_0": .integer(3), "2180_1": .string("PLAZA1"),
                                              "2062_0": .integer(16)])
        #expect(answer == StationAPIResponse(status: 200))
        #expect(action == nil)
        #expect(try station.properties("ids=2064_0,2180_1,2062_0") == ["2064_0": .integer(0), "2180_1": .string(""), "2062_0": .integer(16)])
    }

    @Test func aLicenceKeyRebootsTheStationWithItsFeatures() throws {
        var station = Station()
        _ = station.login()
        let key = demoLicenceKey(objectNumber: 5678, features: 0x5)
        let (answer, action) = station.write(["21A1_0": .string(key)])
        #expect(answer.status == 200)
        #expect(action == .reboot(reason: "licence key written"))
        #expect(try station.properties("ids=21A2_0")["21A2_0"] == .integer(0))
        station.view.store.reboot()
        #expect(try station.properties("ids=21A2_0")["21A2_0"] == .integer(5))
        #expect(station.write(["21A1_0": .string("not a key")]).0.status == 400)
    }

    @Test func rebootCommand() {
        var station = Station()
        _ = station.login()
        #expect(station.send("POST", "/api/cmd", #"{"command":"reboot"}"#) == (StationAPIResponse(status: 200), .reboot(reason: "/api/cmd reboot")))
        #expect(station.send("POST", "/api/cmd", #"{"command":"dance"}"#).0.status == 400)
        #expect(station.send("GET", "/api/cmd").0.status == 405)
    }

    @Test(arguments: [("6.4.0-4210", ["20F0_3"]), ("5.8.1-4123", ["2071_1", "2071_2"])])
    func theBackOfficeURLTakesEffectAtReboot(firmware: String, ids: [String]) throws {
        var station = Station(firmware: firmware)
        _ = station.login()
        let before = try station.properties("ids=" + ids.joined(separator: ","))
        if ids.count == 1 {
            #expect(before["20F0_3"] == .string(Self.url))
            #expect(station.write(["20F0_3": .string("ws://127.0.0.9:9000/ocpp")]).0.status == 200)
        } else {
            #expect(before == ["2071_1": .string("ws://127.0.0.1:8180"), "2071_2": .string("/ocpp")])
            #expect(station.write(["2071_1": .string("127.0.0.9:9000"),
                                   "2071_2": .string("ocpp")]).0.status == 200)
        }
        #expect(station.view.properties.effectiveBackOfficeURL == nil)
        station.view.properties.reboot()
        #expect(station.view.properties.effectiveBackOfficeURL == "ws://127.0.0.9:9000/ocpp")
    }

    @Test func meterTestPropertiesFollowTheLiveReadings() throws {
        var station = Station(live: StationLiveReadings(connected: true, meter: [
            .voltageL1: 230, .voltageL2: 231, .voltageL3: 229, .currentL1: 10, .currentL2: 5.5, .currentL3: 0,
            .activePowerL1: 2300, .activePowerL2: 1270.5, .activePowerL3: 0, .totalActivePower: 3570.5, .frequency: 50.02,
            .importEnergy: 12.5,
        ]))
        _ = station.login()
        // Two pages: the category is longer than a page.
        let meter = try station.properties("cat=meter4").merging(try station.properties("cat=meter4&offset=\(StationAPISession.pageSize)")) { a, _ in a }
        // Whole numbers read back as JSON integers.
        #expect(meter["5221_3"] == .integer(230) && meter["5221_4"] == .integer(231))
        #expect(meter["5221_A"] == .integer(10) && meter["5221_B"] == .double(5.5))
        #expect(meter["5221_13"] == .integer(2300) && meter["5221_14"] == .double(1270.5))
        #expect(meter["5221_16"] == .double(3570.5) && meter["5221_12"] == .double(50.02))
        // Derived as a three-phase meter at unity power factor measures them: L1–L2 of 230 V and 231 V, 120° apart.
        let lineToLine: Double = (230.0 * 230.0 + 231.0 * 231.0 + 230.0 * 231.0).squareRoot()
        let neutral: Double = (100.0 + 30.25 - 55.0).squareRoot()
        #expect(meter["5221_6"] == .double((lineToLine * 100).rounded() / 100))
        #expect(meter["5221_9"] == .double((neutral * 100).rounded() / 100))
        #expect(meter["5221_E"] == .integer(1))
        #expect(Set(meter.keys.filter { $0.hasPrefix("5221_") }) == Set(StationMeterProperties.all.map(\.id)))
        #expect(try station.properties("ids=3600_1")["3600_1"] == .integer(3))
    }

    @Test func requestTargetsAreDecoded() {
        let request = StationAPIRequest(method: "get", uri: "/api/prop?ids=2180_1%2C2180_3&offset=0")
        #expect(request == StationAPIRequest(method: "GET", path: "/api/prop", query: ["ids": "2180_1,2180_3", "offset": "0"]))
    }

    @Test(arguments: [
        ("192.168.0.21/24", 0, "127.0.1.1", 443), ("127.0.1.7", 3, "127.0.1.7", 443), ("127.0.2.9:8443", 0, "127.0.2.9", 8443),
        ("127.0.2.9:0/8", 0, "127.0.2.9", 0), ("10.0.0.1:443", 4, "127.0.1.5", 443),
    ])
    func httpsAddresses(host: String, index: Int, expectedHost: String, expectedPort: Int) {
        #expect(StationHTTPSAddress.forStation(index: index, host: host) == StationHTTPSAddress(host: expectedHost, port: expectedPort))
    }
}

extension StationAPISessionTests {
    @Test func valuesOutsideAPropertysRangeAreRefused() {
        var station = Station(features: FeatureBits.activeLoadBalancing | FeatureBits.scn)
        _ = station.login()
        for (id, value) in [("2180_1", JSONValue.string("TOOLONG8")), ("2062_0", .integer(81)), ("2064_0", .integer(4)),
                            ("5217_0", .integer(9)), ("2523_4", .string("300.1.1.1")), ("2180_7", .integer(10))] {
            #expect(station.write([id: value]).0.status == 400, "\(id) = \(value)")
        }
        #expect(station.write(["2523_4": .string("192.168.1.20"), "2180_7": .string("5")]).0.status == 200)
        #expect(station.view.store.value("MBTCPSmart-IPAddress") == "192.168.001.020")
        #expect(station.view.store.value("SCN-PhaseMapping-1") == "5")
    }
}
