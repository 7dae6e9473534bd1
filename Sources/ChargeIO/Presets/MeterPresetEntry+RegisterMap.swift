import Foundation
import ModbusProtocol
import StationModel

extension MeterPresetEntry {
    /// The register map a station reads this meter with over Modbus TCP (SPEC §3: over HTTPS any preset works):
    /// each quantity load balancing reads, its register, type and scale; word order and function. A preset the
    /// station's map cannot say (a byte-swapped word order, a scale that is no power of ten) is exit 2, at `path`.
    public func registerMap(at path: FieldPath) throws(ConfigError) -> CustomRegisterMap {
        func refuse(_ why: String) -> ConfigError {
            ConfigError(code: "alb.meter-map", path: path, message: "preset \(name): \(why), which a station's custom register map cannot express",
                        hint: "choose another preset, or give a preset file (--preset-file) the station can read")
        }
        let wordOrder: Int
        switch preset.wordOrder {
        case .abcd: wordOrder = 0
        case .cdab: wordOrder = 1
        case .badc, .dcba: throw refuse("its word order is \(preset.wordOrder.rawValue)")
        }
        var entries: [CustomRegisterMap.Entry] = []
        for (index, name) in CustomRegisterMap.measurands.enumerated() {
            guard let quantity = MeterQuantity(rawValue: name), let register = preset.quantities[quantity] else { continue }
            let exponent = log10(register.scale).rounded()
            guard register.scale > 0, abs(pow(10, exponent) - register.scale) <= register.scale * 1e-9 else {
                throw refuse("\(name) has the scale \(register.scale)")
            }
            guard let type = CustomRegisterMap.dataTypes.firstIndex(of: register.type.rawValue) else {
                throw refuse("\(name) is a \(register.type.rawValue)")
            }
            entries.append(.init(measurand: index + 1, register: Int(register.address), dataType: type + 1, scaleExponent: Int(exponent)))
        }
        return CustomRegisterMap(entries: entries, wordOrder: wordOrder, function: preset.table == .holding ? 3 : 4)
    }
}
