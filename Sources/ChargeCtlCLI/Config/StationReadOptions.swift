import ArgumentParser
import ChargeHTTPS
import ChargeIO
import StationModel

/// How `config get` and `config backup` reach a station: over OCPP as the central system it dials, or over its
/// local HTTPS API (SPEC §3); STATION by id, by name in `--site`, or (HTTPS) its IPv4 address.
struct StationReadOptions: ParsableArguments {
    @Option(help: "Station link: ocpp or https (SPEC §3).")
    var via: StationLinkOption = .ocpp

    @Option(help: "A site file in which STATION may be a station's name (and, with --via https, gives its host).",
            completion: .file(extensions: ["yaml", "yml"]))
    var site: String?

    @OptionGroup var connect: StationConnectOptions

    var link: LinkKind { via.link }

    struct Reading {
        var station: String
        var listing: ConfigurationListing
        var firmware: String?
    }

    /// Reads `names` (every key when nil or empty): OCPP keys or HTTPS property ids as they are, setting ids
    /// (`scn.totalSafeCurrent`) and manual keys turned into the link's keys first, through `aliases` where they
    /// rename one (SPEC §3; a rule for a firmware applies once the station has said its firmware).
    func read(_ station: String, names: [String]?, aliases: KeyAliases = .none, in env: CLIEnvironment) async throws -> Reading {
        let id = try resolve(station, in: env)
        let link = link
        switch link {
        case .ocpp:
            return try await connect.withStation(id, in: env) { connection in
                let firmware = connection.bootInfo?.firmwareVersion
                let resolved = names.map { ConfigKeyNames.keys(for: $0, link: link, aliases: aliases, firmware: firmware) }
                var listing = try await connection.getConfiguration(keys: resolved?.keys)
                listing.unknown += resolved?.unresolved ?? []
                // After the configuration: a station that just booted has sent its BootNotification by then.
                return Reading(station: id, listing: listing, firmware: connection.bootInfo?.firmwareVersion)
            }
        case .https:
            return try await readHTTPS(id, names: names, aliases: aliases, in: env)
        }
    }

    /// STATION as the link names it: an IPv4 address is an HTTPS station's own name until it says otherwise.
    func resolve(_ station: String, in env: CLIEnvironment) throws -> String {
        if link == .https, site == nil, HTTPSOptions.isIPv4(HTTPSEndpoint.split(station).host) { return station }
        return try StationNames.resolve(station, site: site, in: env).id
    }

    func readHTTPS(_ id: String, names: [String]?, aliases: KeyAliases, in env: CLIEnvironment) async throws -> Reading {
        try connect.checkRanges()
        guard let endpoint = try connect.https.endpoints(stations: [id], site: site, in: env)[id] else {
            throw CommandFailure(status: .invalidInput, code: "https.host-missing", message: "\(id): --via https needs the station's address",
                                 hint: "give --host IP, a host: in the site file, or the station's IPv4 address as STATION")
        }
        let station = try env.httpsLink(id, endpoint, connect.verbose)
        do {
            let presence = try await station.waitForStation(timeout: connect.waitDuration)
            // The keys once the station has said its firmware (an alias may be for one firmware).
            let resolved = names.map { ConfigKeyNames.keys(for: $0, link: .https, aliases: aliases, firmware: presence.firmware) }
            var listing = if let keys = resolved?.keys, !keys.isEmpty { try await station.read(keys: keys) } else { try await station.readAll() }
            listing.unknown += resolved?.unresolved ?? []
            await station.close()
            return Reading(station: id, listing: listing, firmware: presence.firmware)
        } catch {
            // Always logged out (SPEC §3), whatever went wrong.
            await station.close()
            throw CommandFailure(station: error, listening: station.address, reachableAt: [])
        }
    }
}

/// Names as a person types them for `config get/set`: a key of the link, or a setting id of the catalog.
enum ConfigKeyNames {
    /// The link's keys for `names`, in order, and the setting ids the link cannot carry (reported as unknown). A
    /// setting id or manual key that `aliases` renames reads the alias.
    static func keys(for names: [String], link: LinkKind, aliases: KeyAliases = .none,
                     firmware: String? = nil) -> (keys: [String], unresolved: [String]) {
        var keys: [String] = []
        var unresolved: [String] = []
        for name in names {
            guard let setting = setting(named: name, link: link, aliases: aliases, firmware: firmware) else {
                keys.append(name)
                continue
            }
            let ids = link == .ocpp ? aliases.ocppKey(for: setting, firmware: firmware).map { [$0] } ?? []
                : aliases.httpsID(for: setting, firmware: firmware).map { [$0] } ?? setting.https.propertyIDs
            if ids.isEmpty { unresolved.append(name) }
            // SPEC §3: a contested id is read with its alternative, so the listing shows both.
            keys += ids + (link == .https ? Setting.contestedHTTPSAlternates[setting.id] ?? [] : [])
        }
        var seen: Set<String> = []
        return (keys.filter { seen.insert($0.lowercased()).inserted }, unresolved)
    }

    /// `config set NAME=VALUE`: a setting id's value in either link's spelling (`On`, `1`, `modbus-tcp`), written as
    /// the link spells it (bit fields and shared properties included); any other name is a raw key of the link.
    /// The catalog's setting `name` stands for: a setting id, or a manual key the alias file renames on `link`
    /// (any other key is the link's own, used as typed).
    static func setting(named name: String, link: LinkKind, aliases: KeyAliases, firmware: String? = nil) -> Setting? {
        if let setting = SettingsCatalog.setting(named: name) { return setting }
        guard let setting = SettingsCatalog.all.first(where: { $0.ocppKey?.lowercased() == name.lowercased() }),
              aliases.overrides(setting, on: link, firmware: firmware) else { return nil }
        return setting
    }

    static func writes(name: String, value: String, link: LinkKind, aliases: KeyAliases = .none) throws -> [PlannedWrite] {
        guard let setting = setting(named: name, link: link, aliases: aliases) else { return [PlannedWrite(rawKey: name, value: value, link: link)] }
        guard let parsed = parse(value, setting.kind) else {
            throw CommandFailure(status: .invalidInput, code: "config.value", message: "\(name)=\(value.prefix(60)): not a value of \(setting.label)",
                                 hint: setting.kind.rangeText.map { "it takes \($0)" } ?? "check the value's spelling")
        }
        switch WriteCompiler(link: link, aliases: aliases).compile(SettingChange(setting.id, parsed), in: [SettingChange(setting.id, parsed)]) {
        case .success(let writes): return writes
        case .failure(let problem):
            throw CommandFailure(status: .invalidInput, code: problem.code, message: "\(name): \(problem.message)", hint: problem.hint)
        }
    }

    static func parse(_ text: String, _ kind: SettingKind) -> SettingValue? {
        if case let .choice(choices) = kind, let choice = choices.first(where: { $0.name.lowercased() == text.lowercased() }) {
            return .choice(choice.name)
        }
        if kind == .secret || kind == .readOnly || kind == .registerMap { return nil }
        return kind.ocppValue(text) ?? kind.httpsValue(text)
    }
}
