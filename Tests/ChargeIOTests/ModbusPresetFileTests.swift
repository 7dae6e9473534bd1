import ChargeIO
import Foundation
import ModbusProtocol
import Testing

@Suite struct ModbusPresetFileTests {
    static let required: [MeterQuantity] = [.importEnergy]

    /// Every shipped preset loads, validates (types, lengths, overlaps: `MeterPreset.validate`), reads in requests
    /// the meter accepts, and maps what load balancing needs.
    @Test func everyShippedPresetLoadsAndValidates() throws {
        let catalog = try MeterPresetCatalog.builtIn()
        #expect(catalog.sorted.map(\.name) == [
            "abb-b23", "carlo-gavazzi-em340", "eastron-sdm120ct", "eastron-sdm230", "eastron-sdm630", "eastron-sdm72ct",
            "eastron-sdm72d-m", "eastron-sdm72d-m-v2", "janitza-umg96rm", "siemens-pac2200", "socomec-countis-e27",
        ])
        for entry in catalog.sorted {
            #expect(entry.preset.validate() == [], "\(entry.name)")
            #expect(entry.preset.quantities[.importEnergy] != nil, "\(entry.name) maps import energy")
            for read in entry.readPlan {
                #expect(Int(read.quantity) <= entry.maxReadRegisters, "\(entry.name) read of \(read.quantity)")
            }
            for (quantity, register) in entry.preset.quantities {
                #expect(["A", "V", "W", "Hz", "kWh", "VA", "var"].contains(register.unit), "\(entry.name) \(quantity)")
            }
        }
    }

    @Test func everyPresetFileSaysItsAddressesArePDUAddresses() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Presets")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count == 11)
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("addressing: pdu"), "\(file)")
            #expect(text.contains("0-based PDU addresses"), "\(file)")
            // Issue 16: each preset names the register table or public template it was checked against.
            #expect(text.contains("# Source: "), "\(file) names its source")
        }
    }

    /// meter-registers.md §3.7: Alfen's CT presets scale current and power by 100, not voltage or frequency; the
    /// import energy, the meter's integral of that power, is scaled alike (issue 16).
    @Test(arguments: ["eastron-sdm120ct", "eastron-sdm72ct"])
    func ctPresetsCarryFactor100(name: String) throws {
        let preset = try MeterPresetCatalog.builtIn().entry(named: name).preset
        #expect(preset.quantities[.currentL1]?.scale == 100)
        #expect(preset.quantities[.activePowerL1]?.scale == 100)
        #expect(preset.quantities[.importEnergy]?.scale == 100)
        #expect(preset.quantities[.voltageL1]?.scale == 1)
        #expect(preset.quantities[.frequency]?.scale == 1)
    }

    @Test func sdm72VersionsAreToldApartByMeterCode() throws {
        let catalog = try MeterPresetCatalog.builtIn()
        let v1 = try #require(try catalog.entry(named: "eastron-sdm72d-m").identification)
        let v2 = try #require(try catalog.entry(named: "eastron-sdm72d-m-v2").identification)
        #expect(v1.readsSameBlock(as: v2))
        #expect(v2.matches([0x0089]) && !v1.matches([0x0089]))
        #expect(try catalog.entry(named: "eastron-sdm72d-m").preset.quantities[.voltageL1] == nil)
    }

    @Test func userDirectoryOverridesABuiltInPreset() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("chargectl-presets-\(UUID().uuidString)")
        let directory = home.appendingPathComponent("chargectl/presets")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let text = try #require(ShippedPresetText.text("eastron-sdm120ct")).replacingOccurrences(of: "scale: 100", with: "scale: 1")
        try text.write(to: directory.appendingPathComponent("eastron-sdm120ct.yaml"), atomically: true, encoding: .utf8)
        let catalog = try MeterPresetCatalog.load(variables: ["XDG_CONFIG_HOME": home.path], installedDirectory: nil)
        let entry = try catalog.entry(named: "eastron-sdm120ct")
        #expect(entry.source == .file(directory.appendingPathComponent("eastron-sdm120ct.yaml").path))
        #expect(entry.preset.quantities[.currentL1]?.scale == 1)
    }

    @Test func badFilesNameTheFieldAndLine() throws {
        #expect(throws: (any Error).self) {
            try MeterPresetFile.parse("model: X\naddressing: 1-based\n", name: "x", source: .file("x.yaml"))
        }
        do {
            _ = try MeterPresetFile.parse(
                "model: X\naddressing: pdu\ntransports: [tcp]\nport: 502\nfunction: holding\nquantities:\n  voltageL1: { address: 0x10000, type: float32, unit: V }\n",
                name: "x", source: .file("x.yaml"))
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("quantities.voltageL1.address"))
            #expect("\(error)".contains("x.yaml:7"))
        }
    }
}

enum ShippedPresetText {
    static func text(_ name: String) -> String? {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Presets/\(name).yaml")
        return try? String(contentsOf: url, encoding: .utf8)
    }
}
