import ArgumentParser
import ChargeIO
import ModbusProtocol

/// How `meter test` reaches the meter and which preset reads it.
struct MeterLinkOptions: ParsableArguments {
    @Option(help: "The meter preset (chargectl meter presets lists them).")
    var preset: String?

    @Option(help: ArgumentHelp("A preset file of your own (YAML, the format of Presets/); it overrides a preset of the same name.",
                               valueName: "file"))
    var presetFile: String?

    @Option(help: "The Modbus unit id (default: the preset's).")
    var unit: Int?

    @Option(help: "The TCP port (default 502).")
    var port: Int?

    @Option(help: "Word order of 32/64-bit values: ABCD, CDAB, BADC or DCBA (default: the preset's).")
    var wordOrder: String?

    @Option(help: ArgumentHelp("Read through this serial port (RS-485 adapter) instead of TCP.", valueName: "device"))
    var serial: String?

    @Option(help: "Serial baud rate (default: the preset's).")
    var baud: Int?

    @Option(help: "Serial parity: none, even or odd (default: the preset's).")
    var parity: String?

    @Option(help: "Serial stop bits: 1 or 2 (default: the preset's).")
    var stopBits: Int?

    @Flag(help: "Send RTU frames over TCP (a transparent RS-485 gateway) instead of Modbus TCP.")
    var rtuOverTcp = false

    @Option(help: "Seconds to wait for the meter: connecting (with its retries) and each answer.")
    var timeout: Double = 3

    /// The Modbus options the command line gave (`--station` takes none of them).
    var givenFlags: [String] {
        [("--preset", preset != nil), ("--preset-file", presetFile != nil), ("--unit", unit != nil), ("--port", port != nil),
         ("--word-order", wordOrder != nil), ("--serial", serial != nil), ("--baud", baud != nil), ("--parity", parity != nil),
         ("--stop-bits", stopBits != nil), ("--rtu-over-tcp", rtuOverTcp)].filter(\.1).map(\.0)
    }

    static let timeoutRange = OptionRange(flag: "--timeout", lower: 0, upper: 3600, unit: "seconds", example: "--timeout 3")

    func validate() throws { try Self.timeoutRange.checkFinite(timeout) }

    struct Setup {
        var catalog: MeterPresetCatalog
        var entry: MeterPresetEntry
        var endpoint: ModbusEndpoint
        var unit: UInt8
        var meterDocument: MeterTestReport.Meter
    }

    /// Everything checked before a byte is sent (exit 2 on any problem).
    func resolve(target: String?, env: CLIEnvironment) throws -> Setup {
        let catalog = try MeterPresetCatalog.load(variables: env.variables, presetFiles: presetFile.map { [$0] } ?? [],
                                                  installedDirectory: env.installedPresetDirectory)
        guard let name = preset ?? presetFile.map(Self.stem) else {
            throw CommandFailure(status: .invalidInput, code: "preset.missing", message: "no meter preset given",
                                 hint: "add --preset NAME (chargectl meter presets lists them) or --preset-file FILE")
        }
        var entry = try catalog.entry(named: name)
        if let wordOrder {
            guard let order = WordOrder(rawValue: wordOrder.uppercased()) else {
                throw CommandFailure(status: .invalidInput, code: "option.word-order", message: "--word-order \(wordOrder) is not a word order",
                                     hint: "use ABCD, CDAB, BADC or DCBA")
            }
            entry.preset.wordOrder = order
        }
        let unit = unit ?? Int(entry.preset.defaultUnitID)
        guard (0...255).contains(unit) else {
            throw CommandFailure(status: .invalidInput, code: "option.unit", message: "--unit \(unit) is not a Modbus unit id",
                                 hint: "use 0...255 over TCP, 1...247 on a serial line")
        }
        let endpoint: ModbusEndpoint
        var document = MeterTestReport.Meter(preset: entry.name, model: entry.preset.model, unit: unit, wordOrder: entry.preset.wordOrder.rawValue)
        if let serial {
            guard target == nil else {
                throw CommandFailure(status: .invalidInput, code: "option.target", message: "give either TARGET or --serial, not both",
                                     hint: "TARGET is for Modbus TCP; --serial for an RS-485 adapter")
            }
            let settings = try serialSettings(entry)
            guard (1...247).contains(unit) else {
                throw CommandFailure(status: .invalidInput, code: "option.unit", message: "unit \(unit) is not a serial address",
                                     hint: "a serial meter has an address in 1...247")
            }
            endpoint = .serial(path: serial, settings: settings)
            document.serial = endpoint.description
        } else {
            guard let target else {
                throw CommandFailure(status: .invalidInput, code: "option.target", message: "no meter given",
                                     hint: "add the meter's address (HOST or HOST:PORT), or --serial DEVICE")
            }
            let place = try ModbusTarget(target, port: port, defaultPort: Int(entry.preset.defaultPort ?? 502))
            endpoint = rtuOverTcp ? .rtuOverTCP(host: place.host, port: place.port) : .tcp(host: place.host, port: place.port)
            document.host = place.host
            document.port = place.port
        }
        return Setup(catalog: catalog, entry: entry, endpoint: endpoint, unit: UInt8(unit), meterDocument: document)
    }

    func serialSettings(_ entry: MeterPresetEntry) throws -> MeterPreset.SerialSettings {
        var settings = entry.preset.serial ?? .init(baudRate: 9600)
        if let baud { settings.baudRate = baud }
        if let parity {
            guard let value = MeterPreset.SerialSettings.Parity(rawValue: parity.lowercased()) else {
                throw CommandFailure(status: .invalidInput, code: "option.parity", message: "--parity \(parity) is not none, even or odd",
                                     hint: "most meters ship with none")
            }
            settings.parity = value
        }
        if let stopBits {
            guard stopBits == 1 || stopBits == 2 else {
                throw CommandFailure(status: .invalidInput, code: "option.stop-bits", message: "--stop-bits must be 1 or 2", hint: "")
            }
            settings.stopBits = stopBits
        }
        return settings
    }

    static func stem(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".yaml") ? String(file.dropLast(5)) : file.hasSuffix(".yml") ? String(file.dropLast(4)) : file
    }
}
