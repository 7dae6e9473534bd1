import ChargePresets
import Foundation
import StationModel

/// Every preset the user can name (SPEC §2), later sources overriding earlier ones by name: the built-in files
/// embedded from `Presets/`, the installed share directory (`make install`), the user's directory
/// (`$XDG_CONFIG_HOME/chargectl/presets`, else `~/.config/chargectl/presets`), then `--preset-file`.
public struct MeterPresetCatalog: Sendable {
    public private(set) var entries: [String: MeterPresetEntry] = [:]

    public init(entries: [MeterPresetEntry] = []) {
        for entry in entries { self.entries[entry.name] = entry }
    }

    /// Sorted by name, for listings.
    public var sorted: [MeterPresetEntry] { entries.values.sorted { $0.name < $1.name } }

    public static func builtIn() throws -> MeterPresetCatalog {
        MeterPresetCatalog(entries: try ShippedPresets.files.map { try MeterPresetFile.parse($0.text, name: $0.name, source: .builtIn) })
    }

    /// The whole catalog for a run. `variables` is the process environment (injected in tests).
    public static func load(variables: [String: String], presetFiles: [String] = [],
                            installedDirectory: String? = MeterPresetCatalog.installedDirectory) throws -> MeterPresetCatalog {
        var catalog = try builtIn()
        for directory in [installedDirectory, userDirectory(variables)].compactMap({ $0 }) {
            for path in yamlFiles(in: directory) { try catalog.add(path: path) }
        }
        for path in presetFiles { try catalog.add(path: path) }
        return catalog
    }

    public mutating func add(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(code: "file.unreadable", file: path, path: .root, message: "cannot read the preset file",
                              hint: "check the path and its permissions")
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let entry = try MeterPresetFile.parse(String(decoding: data, as: UTF8.self), name: name, source: .file(path))
        entries[name] = entry
    }

    /// The named preset, or an error (exit 2) with a did-you-mean and the list.
    public func entry(named name: String) throws -> MeterPresetEntry {
        if let entry = entries[name] { return entry }
        let names = sorted.map(\.name)
        let suggestion = DidYouMean.suggestion(for: name, among: names)
        throw ConfigError(code: "preset.unknown", path: FieldPath([.key("--preset")]),
                          message: "no meter preset named \"\(name)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? ""),
                          hint: "chargectl meter presets lists them: \(names.joined(separator: ", "))")
    }

    /// `<prefix>/share/chargectl/presets` next to the installed binary's `<prefix>/bin`.
    public static var installedDirectory: String? {
        guard let executable = Bundle.main.executableURL else { return nil }
        return executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/chargectl/presets").path
    }

    public static func userDirectory(_ variables: [String: String]) -> String? {
        if let config = variables["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/chargectl/presets" }
        return variables["HOME"].map { $0 + "/.config/chargectl/presets" }
    }

    static func yamlFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { directory + "/" + $0 }
    }
}
