import StationModel

/// Who a simulated station says it is: BootNotification fields, mDNS names, Modbus identity registers.
public struct VirtualStationIdentity: Sendable, Hashable {
    public var identity: String
    public var objectNumber: Int
    /// `chargePointModel` (≤ 20 characters, OCPP 1.6 BootNotification).
    public var model: String
    public var vendor: String
    public var firmware: String
    public var sockets: Int
    public var phases: Int

    public init(identity: String, objectNumber: Int, model: String, vendor: String = "Alfen BV",
                firmware: String = VirtualStationIdentity.defaultFirmware, sockets: Int, phases: Int) {
        self.identity = identity
        self.objectNumber = objectNumber
        self.model = model
        self.vendor = vendor
        self.firmware = firmware
        self.sockets = sockets
        self.phases = phases
    }

    /// Recent enough for licences (≥ 3.4.0) and Modbus TCP (alfen-station.md §1.2, §4.4).
    public static let defaultFirmware = "6.4.0-4210"

    /// A site station's identity: the site's model (an Eve Single by default, "EVe-dual" with two sockets),
    /// and an object number from the identity's trailing digits, so the same site gives the same numbers.
    public init(entry: StationEntry, installationPhases: Int, firmware: String = VirtualStationIdentity.defaultFirmware) {
        let model = entry.model ?? (entry.sockets.count == 2 ? "EVe-dual" : "NG910-60023")
        let phases = entry.phases ?? StationModels.lookup(model)?.phases ?? installationPhases
        self.init(identity: entry.id, objectNumber: Self.objectNumber(for: entry.id), model: String(model.prefix(20)),
                  firmware: firmware, sockets: max(1, entry.sockets.count), phases: phases)
    }

    /// The identity's trailing digits (`ACE0001234` → 1234), else a stable hash below 10 000 000.
    public static func objectNumber(for identity: String) -> Int {
        let digits = String(identity.reversed().prefix { $0.isASCII && $0.isNumber }.reversed())
        if let number = Int(digits.suffix(9)), !digits.isEmpty { return number }
        return Int(DemoLicence.fnv1a(identity) % 10_000_000)
    }

    /// The SRV host label: model, dash, object number (alfen-station.md §3: the last part is the object number).
    public var hostLabel: String {
        let model = self.model.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(model) + "-" + String(objectNumber)
    }
}
