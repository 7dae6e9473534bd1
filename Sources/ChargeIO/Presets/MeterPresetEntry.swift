import ModbusProtocol

/// One named preset as loaded from a file: the core's `MeterPreset` plus what only the file says (its name,
/// where it came from, how to identify the model, the read size the meter accepts).
public struct MeterPresetEntry: Hashable, Sendable {
    public enum Source: Hashable, Sendable, CustomStringConvertible {
        /// Embedded in the binary from the repository's `Presets/`.
        case builtIn
        /// A file on disk: the installed share directory, the user's directory, or `--preset-file`.
        case file(String)

        public var description: String {
            switch self {
            case .builtIn: "built-in"
            case .file(let path): path
            }
        }
    }

    /// The file name without `.yaml`: what `--preset` takes.
    public var name: String
    public var source: Source
    public var preset: MeterPreset
    public var identification: MeterIdentification?
    /// The most registers one read may ask for (the SDM630 takes 60, the EM340 50; Modbus allows 125).
    public var maxReadRegisters: Int

    public init(name: String, source: Source, preset: MeterPreset, identification: MeterIdentification? = nil,
                maxReadRegisters: Int = 125) {
        self.name = name
        self.source = source
        self.preset = preset
        self.identification = identification
        self.maxReadRegisters = maxReadRegisters
    }

    /// The reads that cover the preset's quantities within this meter's read size.
    public var readPlan: [RegisterRead] { preset.readPlan(maximumQuantity: maxReadRegisters) }
}
