import ChargeIO
import JSONText
import ModbusProtocol
import OCPP16
import StationModel

/// What the station measures now, for the read-only live properties.
struct StationLiveReadings: Sendable {
    var connected = false
    /// The site meter as this station reads it; nil on a station that hosts no meter (its `5221_x` read 0).
    var meter: [MeterQuantity: Double?]?
}

/// Both halves of a station's configuration seen by property id (one store, two views): reads and writes of
/// `/api/prop` go through the same `StationConfigStore` as GetConfiguration and ChangeConfiguration. Pure.
struct StationProperties: Sendable {
    let table: [PropertyDefinition]
    var store: StationConfigStore
    var properties: StationPropertyStore
    var live: StationLiveReadings

    /// What a write of one property came to.
    enum WriteResult: Equatable {
        case kept
        /// Answered 200 and dropped: the feature is not unlocked (reference §4.3 behaviour notes).
        case ignoredUnlicensed
        /// The licence key: the station reboots by itself to install it (reference §4.4).
        case licence
        case rejected(String)
    }

    func definition(_ id: String) -> PropertyDefinition? { table.first { $0.id == id } }

    func value(_ definition: PropertyDefinition) -> JSONValue? {
        let codec = definition.codec
        switch definition.binding {
        case let .key(key):
            let wire = store.value(key)
            if let override = properties.override(definition.id, keyValue: wire) { return override }
            return wire.flatMap(codec.json(ocpp:)) ?? (wire == nil ? nil : .integer(0))
        case let .keyOrOwn(key, initial):
            if let wire = store.value(key) { return codec.json(ocpp: wire) }
            return properties.value(definition.id) ?? initial
        case let .own(initial):
            return properties.value(definition.id) ?? initial
        case .loadBalancingBits:
            let active = store.value("Active-LoadBalancing")?.lowercased() == "on" ? 2 : 0
            let staticBit = properties.value(definition.id).flatMap(PropertyCodec.text).flatMap(PropertyCodec.integer) ?? 0
            return .integer(active | (staticBit & 1))
        case .dataSource:
            if store.value("MbsSlaveTCPIP")?.lowercased() == "on" { return .integer(3) }
            return properties.value(definition.id) ?? .integer(0)
        case .unlockedFeatures:
            return .integer(Int(store.unlockedFeatures))
        case let .fixed(value):
            return value
        case let .meter(measure):
            guard let meter = live.meter else { return .integer(0) }
            return .double((Self.measured(measure, meter) * 100).rounded() / 100)
        case .bootState:
            return .integer(live.connected ? 3 : 0)
        }
    }

    /// One `5221_x` value from the meter's per-phase values, at unity power factor as the simulated meter
    /// measures (phases 120° apart); a value the meter has none for reads 0, as a real station shows it.
    static func measured(_ measure: StationMeterProperties.Measure, _ meter: [MeterQuantity: Double?]) -> Double {
        let volts: [Double] = [.voltageL1, .voltageL2, .voltageL3].map { (meter[$0] ?? nil) ?? 0 }
        let amps: [Double] = [.currentL1, .currentL2, .currentL3].map { (meter[$0] ?? nil) ?? 0 }
        let value: Double
        switch measure {
        case .quantity(let quantity):
            value = (meter[quantity] ?? nil) ?? 0
        case .lineVoltage(let phase):
            let (a, b) = (volts[phase], volts[(phase + 1) % 3])
            value = (a * a + b * b + a * b).squareRoot()
        case .neutralCurrent:
            let (a, b, c) = (amps[0], amps[1], amps[2])
            value = max(0, a * a + b * b + c * c - a * b - b * c - c * a).squareRoot()
        case .powerFactor:
            value = 1
        }
        return value.isFinite ? value : 0
    }

    /// One property's write, applied to this value (the caller keeps or drops the whole batch).
    mutating func write(_ id: String, _ value: JSONValue) -> WriteResult {
        guard let definition = definition(id) else { return .rejected("unknown property \(id)") }
        guard !definition.readOnly else { return .rejected("\(id) is read-only") }
        let codec = definition.codec
        guard let setting = codec.setting(value) else { return .rejected("\(id): not a value of this property") }
        if definition.feature != 0 && store.unlockedFeatures & definition.feature == 0 { return .ignoredUnlicensed }
        switch definition.binding {
        case let .key(key):
            let before = store.value(key) ?? ""
            guard let wire = codec.kind.ocppString(setting) else {
                // A choice OCPP cannot spell (5217_0 = −1): kept beside the key.
                guard case .choice = codec.kind, let json = codec.json(setting) else { return .rejected("\(id): not a value of this property") }
                properties.setOverride(id, json, keyValue: before)
                return .kept
            }
            guard change(key, wire) else { return .rejected("\(id): the station refused the value") }
            // Over HTTPS a station is in an SCN when its SCN name is set (SPEC §3): the OCPP key follows.
            if key.lowercased() == "scn-networkname", !change("SCN-IsEnabled", wire.isEmpty ? "False" : "True") {
                return .rejected("\(id): the station refused the value")
            }
            properties.setOverride(id, nil, keyValue: before)
            return key.lowercased() == "featurelicensekey" ? .licence : .kept
        case let .keyOrOwn(key, _):
            if store.value(key) != nil {
                guard let wire = codec.kind.ocppString(setting), change(key, wire) else { return .rejected("\(id): the station refused the value") }
                return .kept
            }
            return keepOwn(definition, setting)
        case .own:
            return keepOwn(definition, setting)
        case .loadBalancingBits:
            guard case let .integer(bits) = setting, (0...3).contains(bits) else { return .rejected("\(id): bits 0 and 1 only") }
            properties.set(id, .integer(bits & 1))
            return change("Active-LoadBalancing", bits & 2 != 0 ? "On" : "Off") ? .kept : .rejected("\(id): refused")
        case .dataSource:
            guard let json = codec.json(setting), let number = PropertyCodec.text(json).flatMap(PropertyCodec.integer) else {
                return .rejected("\(id): not a data source")
            }
            if number != 3 { properties.set(id, json) }
            return change("MbsSlaveTCPIP", number == 3 ? "On" : "Off") ? .kept : .rejected("\(id): refused")
        case .unlockedFeatures, .fixed, .meter, .bootState:
            return .rejected("\(id) is read-only")
        }
    }

    private mutating func keepOwn(_ definition: PropertyDefinition, _ setting: SettingValue) -> WriteResult {
        guard let json = definition.codec.json(setting) else { return .rejected("\(definition.id): not a value of this property") }
        properties.set(definition.id, json)
        return .kept
    }

    private mutating func change(_ key: String, _ wire: String) -> Bool {
        let status = store.changeConfiguration(ChangeConfiguration.Request(key: key, value: wire))
        return status == .accepted || status == .rebootRequired
    }

    /// One entry of a `/api/prop` answer: `{id, access, type, len, cat, value}` (reference §4.2).
    func entry(_ definition: PropertyDefinition) -> JSONValue? {
        guard let value = value(definition) else { return nil }
        return .object([
            "id": .string(definition.id), "access": .integer(definition.readOnly ? 1 : 0),
            "type": .integer(definition.codec.type), "len": .integer(definition.codec.length),
            "cat": .string(definition.category ?? ""), "value": value,
        ])
    }
}
