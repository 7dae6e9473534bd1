/// The enumerations of a SampledValue, with the exact wire strings of MeterValues.json (OCPP 1.6 §7.30–7.45).
extension MeterValues {
    /// ReadingContext (OCPP 1.6 §7.39).
    public enum ReadingContext: String, Codable, Sendable, Hashable, CaseIterable {
        case interruptionBegin = "Interruption.Begin"
        case interruptionEnd = "Interruption.End"
        case sampleClock = "Sample.Clock"
        case samplePeriodic = "Sample.Periodic"
        case transactionBegin = "Transaction.Begin"
        case transactionEnd = "Transaction.End"
        case trigger = "Trigger"
        case other = "Other"
    }

    /// ValueFormat (OCPP 1.6 §7.45).
    public enum ValueFormat: String, Codable, Sendable, Hashable, CaseIterable {
        case raw = "Raw"
        case signedData = "SignedData"
    }

    /// Measurand (OCPP 1.6 §7.31).
    public enum Measurand: String, Codable, Sendable, Hashable, CaseIterable {
        case energyActiveExportRegister = "Energy.Active.Export.Register"
        case energyActiveImportRegister = "Energy.Active.Import.Register"
        case energyReactiveExportRegister = "Energy.Reactive.Export.Register"
        case energyReactiveImportRegister = "Energy.Reactive.Import.Register"
        case energyActiveExportInterval = "Energy.Active.Export.Interval"
        case energyActiveImportInterval = "Energy.Active.Import.Interval"
        case energyReactiveExportInterval = "Energy.Reactive.Export.Interval"
        case energyReactiveImportInterval = "Energy.Reactive.Import.Interval"
        case powerActiveExport = "Power.Active.Export"
        case powerActiveImport = "Power.Active.Import"
        case powerOffered = "Power.Offered"
        case powerReactiveExport = "Power.Reactive.Export"
        case powerReactiveImport = "Power.Reactive.Import"
        case powerFactor = "Power.Factor"
        case currentImport = "Current.Import"
        case currentExport = "Current.Export"
        case currentOffered = "Current.Offered"
        case voltage = "Voltage"
        case frequency = "Frequency"
        case temperature = "Temperature"
        case soC = "SoC"
        case rpm = "RPM"
    }

    /// Phase (OCPP 1.6 §7.35).
    public enum Phase: String, Codable, Sendable, Hashable, CaseIterable {
        case l1 = "L1", l2 = "L2", l3 = "L3", n = "N"
        case l1N = "L1-N", l2N = "L2-N", l3N = "L3-N"
        case l1L2 = "L1-L2", l2L3 = "L2-L3", l3L1 = "L3-L1"
    }

    /// Location (OCPP 1.6 §7.30).
    public enum Location: String, Codable, Sendable, Hashable, CaseIterable {
        case cable = "Cable"
        case ev = "EV"
        case inlet = "Inlet"
        case outlet = "Outlet"
        case body = "Body"
    }

    /// UnitOfMeasure (OCPP 1.6 §7.46). The schemas spell `Celcius`; OCPP-J 1.6 errata 2.1 requires a central system
    /// to accept `Celsius` too, and the `ocpp` Python package's schema adds `Hertz`. Each spelling is its own case
    /// so a payload re-encodes exactly as received.
    public enum UnitOfMeasure: String, Codable, Sendable, Hashable, CaseIterable {
        case wh = "Wh", kWh, varh, kvarh
        case w = "W", kW, va = "VA", kVA, `var`, kvar
        case a = "A", v = "V", k = "K"
        case celcius = "Celcius", celsius = "Celsius", fahrenheit = "Fahrenheit", percent = "Percent"
        case hertz = "Hertz"
    }
}
