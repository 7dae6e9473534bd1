/// The meter presets shipped in `Presets/` (SPEC §2), embedded in the binary with SwiftPM `embedInCode` so
/// `chargectl` works alone; the shell (ChargeIO) parses them. Add a file here and in Package.swift's list.
public enum ShippedPresets {
    /// (name, YAML text); the name is the file name without `.yaml`.
    public static let files: [(name: String, text: String)] = [
        ("abb-b23", String(decoding: PackageResources.abb_b23_yaml, as: UTF8.self)),
        ("carlo-gavazzi-em340", String(decoding: PackageResources.carlo_gavazzi_em340_yaml, as: UTF8.self)),
        ("eastron-sdm120ct", String(decoding: PackageResources.eastron_sdm120ct_yaml, as: UTF8.self)),
        ("eastron-sdm230", String(decoding: PackageResources.eastron_sdm230_yaml, as: UTF8.self)),
        ("eastron-sdm630", String(decoding: PackageResources.eastron_sdm630_yaml, as: UTF8.self)),
        ("eastron-sdm72ct", String(decoding: PackageResources.eastron_sdm72ct_yaml, as: UTF8.self)),
        ("eastron-sdm72d-m-v2", String(decoding: PackageResources.eastron_sdm72d_m_v2_yaml, as: UTF8.self)),
        ("eastron-sdm72d-m", String(decoding: PackageResources.eastron_sdm72d_m_yaml, as: UTF8.self)),
        ("janitza-umg96rm", String(decoding: PackageResources.janitza_umg96rm_yaml, as: UTF8.self)),
        ("siemens-pac2200", String(decoding: PackageResources.siemens_pac2200_yaml, as: UTF8.self)),
        ("socomec-countis-e27", String(decoding: PackageResources.socomec_countis_e27_yaml, as: UTF8.self)),
    ]
}
