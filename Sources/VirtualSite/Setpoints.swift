/// EMS set points written over Modbus (alfen-station.md §1.4–§1.6): each register pair remembers its value and
/// when it was written; it is valid for the configured validity time and its remaining time counts down. Never
/// written reads 0 with 0 s left. Pure: times are seconds since the site started, passed in.
public struct Setpoints: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var value: Double
        public var writtenAt: Double
    }

    /// Keyed by (unit, first register).
    public private(set) var entries: [Key: Entry] = [:]

    public struct Key: Sendable, Hashable {
        public var unit: UInt8
        public var address: UInt16
        public init(unit: UInt8, address: UInt16) {
            self.unit = unit
            self.address = address
        }
    }

    public init() {}

    public mutating func record(_ value: Double, unit: UInt8, address: UInt16, at t: Double) {
        entries[Key(unit: unit, address: address)] = Entry(value: value, writtenAt: t)
    }

    /// Whole seconds left (the register is a UINT32 of seconds), 0 once lapsed or never written.
    public func remaining(unit: UInt8, address: UInt16, at t: Double, validity: Double) -> Int {
        guard let entry = entries[Key(unit: unit, address: address)] else { return 0 }
        return max(0, Int((validity - (t - entry.writtenAt)).rounded(.up)))
    }

    /// The written value (0 when never written), and whether it still binds.
    public func setpoint(unit: UInt8, address: UInt16, at t: Double, validity: Double) -> (value: Double, valid: Bool) {
        let value = entries[Key(unit: unit, address: address)]?.value ?? 0
        return (value, remaining(unit: unit, address: address, at: t, validity: validity) > 0)
    }

    /// A reboot forgets every set point (alfen-station.md §1.1: not kept across a reboot).
    public mutating func clear() { entries = [:] }
}
