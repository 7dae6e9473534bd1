/// The exception code of a Modbus exception response (Modbus Application Protocol 1.1b3 §7). Codes the spec does
/// not name are kept as `.other` so a trace shows exactly what the device sent.
public enum ModbusExceptionCode: Hashable, Sendable, CustomStringConvertible {
    case illegalFunction
    case illegalDataAddress
    case illegalDataValue
    case serverDeviceFailure
    case acknowledge
    case serverDeviceBusy
    case memoryParityError
    case gatewayPathUnavailable
    case gatewayTargetDeviceFailedToRespond
    case other(UInt8)

    /// Every named code, in numeric order.
    public static let named: [ModbusExceptionCode] = [
        .illegalFunction, .illegalDataAddress, .illegalDataValue, .serverDeviceFailure, .acknowledge,
        .serverDeviceBusy, .memoryParityError, .gatewayPathUnavailable, .gatewayTargetDeviceFailedToRespond,
    ]

    /// Maps a wire byte to its case; a named number never becomes `.other`, so equality is by number.
    public init(code: UInt8) {
        self = Self.named.first { $0.code == code } ?? .other(code)
    }

    public var code: UInt8 {
        switch self {
        case .illegalFunction: 0x01
        case .illegalDataAddress: 0x02
        case .illegalDataValue: 0x03
        case .serverDeviceFailure: 0x04
        case .acknowledge: 0x05
        case .serverDeviceBusy: 0x06
        case .memoryParityError: 0x08
        case .gatewayPathUnavailable: 0x0A
        case .gatewayTargetDeviceFailedToRespond: 0x0B
        case .other(let code): code
        }
    }

    public var name: String {
        switch self {
        case .illegalFunction: "illegal function"
        case .illegalDataAddress: "illegal data address"
        case .illegalDataValue: "illegal data value"
        case .serverDeviceFailure: "server device failure"
        case .acknowledge: "acknowledge"
        case .serverDeviceBusy: "server device busy"
        case .memoryParityError: "memory parity error"
        case .gatewayPathUnavailable: "gateway path unavailable"
        case .gatewayTargetDeviceFailedToRespond: "gateway target device failed to respond"
        case .other: "unknown exception"
        }
    }

    /// `0x0B gateway target device failed to respond`.
    public var description: String { "\(hexString(code)) \(name)" }

    /// Equality by number, so `.other(0x02)` built by hand still equals `.illegalDataAddress`.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
