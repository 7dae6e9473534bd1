/// The station's back-office URL (SPEC §3 settings table): the central system its OCPP client dials. Its HTTPS
/// property moved with firmware 6 — one URL in `20F0_3`, before that the URL without its path in `2071_1` and the
/// path in `2071_2` — so what `adopt` reads, saves and writes depends on the firmware `/api/info` reports.
public enum BackOfficeURL {
    /// The ids that hold it on a station running `firmware`, from the settings catalog.
    public static func ids(firmware: String) -> [String] {
        SettingsCatalog.setting(.backOfficeURL).https.ids(firmware: firmware) ?? []
    }

    /// What to write for `url` on a station running `firmware`: one id, or the URL's scheme-host-port and its path.
    public static func wireValues(_ url: String, firmware: String) -> [(id: String, value: String)] {
        let ids = ids(firmware: firmware)
        guard ids.count == 2 else { return ids.map { ($0, url) } }
        let (base, path) = split(url)
        return [(ids[0], base), (ids[1], path)]
    }

    /// The URL a station dials from its back-office properties as read (either firmware's ids); nil when unset.
    public static func url(from values: [String: String]) -> String? {
        if let url = values["20F0_3"] { return url.isEmpty ? nil : url }
        guard let base = values["2071_1"], !base.isEmpty else { return nil }
        let path = values["2071_2"] ?? ""
        let scheme = base.contains("://") ? base : "ws://" + base
        return scheme + (path.isEmpty || path.hasPrefix("/") ? path : "/" + path)
    }

    /// `ws://127.0.0.1:8180/ocpp` → (`ws://127.0.0.1:8180`, `/ocpp`).
    public static func split(_ url: String) -> (base: String, path: String) {
        let start = url.firstRange(of: "://")?.upperBound ?? url.startIndex
        guard let slash = url[start...].firstIndex(of: "/") else { return (url, "") }
        return (String(url[..<slash]), String(url[slash...]))
    }

    /// Why `text` cannot be a station's back office, or nil: a `ws://` or `wss://` URL with a host, an optional
    /// port in 1…65535, no spaces. The station appends its identity to the path (OCPP-J 1.6 §3.1.1).
    public static func problem(_ text: String) -> String? {
        let lower = text.lowercased()
        guard let scheme = ["ws://", "wss://"].first(where: lower.hasPrefix) else {
            return "it must start with ws:// (or wss://)"
        }
        guard !text.contains(where: { $0 == " " || $0.isNewline }) else { return "it must not contain spaces" }
        let rest = text.dropFirst(scheme.count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority
        var host = Substring(hostPort)
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { return "its IPv6 host lacks the closing ]" }
            host = hostPort[...close]
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let port = Int(after.dropFirst()), (1...65_535).contains(port) else {
                    return "its port must be a number from 1 to 65535"
                }
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            guard let port = Int(hostPort[hostPort.index(after: colon)...]), (1...65_535).contains(port) else {
                return "its port must be a number from 1 to 65535"
            }
        }
        guard !host.isEmpty else { return "it has no host" }
        return nil
    }
}
