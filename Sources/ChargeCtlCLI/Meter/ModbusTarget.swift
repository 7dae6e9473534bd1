import ChargeIO

/// SPEC §1: Modbus targets are `HOST` or `HOST:PORT` (port 502 by default; `--port` also works).
struct ModbusTarget: Hashable, Sendable {
    var host: String
    var port: Int

    init(_ text: String, port option: Int?, defaultPort: Int = 502) throws {
        if let scheme = text.range(of: "://") {
            throw CommandFailure(status: .invalidInput, code: "target.url",
                                 message: "\"\(text)\" is a URL (\(text[..<scheme.lowerBound])://…); Modbus needs a host, not a URL",
                                 hint: "write HOST or HOST:PORT, e.g. 192.168.0.4:502")
        }
        if let bad = text.first(where: { !(Self.hostCharacters.contains($0)) }) {
            throw CommandFailure(status: .invalidInput, code: "target.host",
                                 message: "\"\(text)\" is not a host name or address (it contains \"\(bad)\")",
                                 hint: "write HOST or HOST:PORT, e.g. 192.168.0.4:502")
        }
        var host = text
        var port: Int?
        if let colon = text.lastIndex(of: ":"), text.filter({ $0 == ":" }).count == 1 {
            host = String(text[..<colon])
            guard let value = Int(text[text.index(after: colon)...]), (1...65535).contains(value) else {
                throw CommandFailure(status: .invalidInput, code: "target.port", message: "\"\(text)\" has no valid port after the colon",
                                     hint: "write HOST or HOST:PORT, e.g. 192.168.0.4:502")
            }
            port = value
        }
        guard !host.isEmpty else {
            throw CommandFailure(status: .invalidInput, code: "target.host", message: "the target has no host",
                                 hint: "write HOST or HOST:PORT, e.g. 192.168.0.4:502")
        }
        if let option, let port, option != port {
            throw CommandFailure(status: .invalidInput, code: "target.port", message: "\(text) and --port \(option) name two ports",
                                 hint: "give the port once")
        }
        if let option, !(1...65535).contains(option) {
            throw CommandFailure(status: .invalidInput, code: "target.port", message: "--port \(option) is not a TCP port",
                                 hint: "use 1...65535; Modbus TCP is 502")
        }
        self.host = host
        self.port = option ?? port ?? defaultPort
    }

    /// Host names (RFC 1123 letters, digits, `-`, `.`, and `_` some networks use), IPv4 and IPv6 literals.
    static let hostCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._:[]%")
}
