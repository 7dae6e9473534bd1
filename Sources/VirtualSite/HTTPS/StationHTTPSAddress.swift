/// Where a simulated station serves HTTPS: a loopback address of its own, `127.0.1.N` (N = its place in the site,
/// from 1), port 443 like a real station — or the site file's `host` when that is a loopback address, with its
/// `:PORT` if given. `StationHTTPSServer` falls back to an ephemeral port on the address, then to 127.0.0.1.
public struct StationHTTPSAddress: Sendable, Equatable {
    public var host: String
    public var port: Int

    public static let standardPort = 443

    /// `host` as written in a site file (`127.0.1.7`, `127.0.1.7:8443`, `192.168.0.21/24`); `index` from 0.
    public static func forStation(index: Int, host: String?) -> StationHTTPSAddress {
        let fallback = StationHTTPSAddress(host: "127.0.1.\(min(254, index + 1))", port: standardPort)
        guard let host else { return fallback }
        let withoutPrefix = host.split(separator: "/", maxSplits: 1).first.map(String.init) ?? host
        let parts = withoutPrefix.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), isLoopback(String(parts[0])) else { return fallback }
        let port = parts.count == 2 ? Int(parts[1]) : standardPort
        guard let port, (0...65535).contains(port) else { return fallback }
        return StationHTTPSAddress(host: String(parts[0]), port: port)
    }

    /// 127.0.0.0/8, written as four decimal octets.
    static func isLoopback(_ text: String) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        return octets.count == 4 && octets.allSatisfy { $0.map { (0...255).contains($0) } ?? false } && octets[0] == 127
    }

    /// The addresses to try, best first: as asked, an ephemeral port there, an ephemeral port on 127.0.0.1.
    var candidates: [StationHTTPSAddress] {
        var list = [self]
        if port != 0 { list.append(StationHTTPSAddress(host: host, port: 0)) }
        if host != "127.0.0.1" { list.append(StationHTTPSAddress(host: "127.0.0.1", port: 0)) }
        return list
    }
}
