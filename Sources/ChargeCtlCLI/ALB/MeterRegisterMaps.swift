import ChargeIO
import StationModel

/// SPEC §3: over HTTPS a Modbus TCP meter may be any preset; its register map comes from the preset file, which
/// only the shell can read. Over OCPP nothing is resolved (the validator holds OCPP to a Socomec).
enum MeterRegisterMaps {
    /// The map of `preset` when the link is HTTPS and the station needs one; exit 2 naming `path` otherwise.
    static func resolve(_ preset: String?, link: LinkKind, at path: FieldPath, in env: CLIEnvironment) throws -> [String: CustomRegisterMap] {
        guard link == .https, let preset, ALBRequest.MeterTarget(host: nil, preset: preset).isCustom else { return [:] }
        let catalog = try MeterPresetCatalog.load(variables: env.variables, installedDirectory: env.installedPresetDirectory)
        let entry: MeterPresetEntry
        do { entry = try catalog.entry(named: preset) } catch {
            throw ConfigError(code: "preset.unknown", path: path, message: "no meter preset named \"\(preset)\"",
                              hint: "chargectl meter presets lists them: \(catalog.sorted.map(\.name).joined(separator: ", "))")
        }
        return [preset: try entry.registerMap(at: path)]
    }

    /// A site's ALB meter, when its source is Modbus TCP.
    static func resolve(site: Site, link: LinkKind, in env: CLIEnvironment) throws -> [String: CustomRegisterMap] {
        guard let alb = site.alb, alb.source == .modbusTCP else { return [:] }
        return try resolve(alb.meter?.preset, link: link, at: FieldPath.root + "alb" + "meter" + "preset", in: env)
    }
}
