import ChargeIO
import DNSSD

/// The stations `advertise` publishes, built from its options.
struct AdvertisedStations {
    var command: Advertise
    var interfaceAddress: IPv4Address

    func group() throws -> DNSSDResponderGroup {
        guard (1...1000).contains(command.count) else {
            throw invalid("--count \(command.count) must be 1 to 1000")
        }
        let address: IPv4Address
        if let text = command.address {
            guard let parsed = IPv4Address(text) else { throw invalid("--address \(text) is not an IPv4 address") }
            address = parsed
        } else {
            address = interfaceAddress
        }
        let port = command.port ?? (command.legacy ? 80 : 443)
        guard (1...65535).contains(port) else { throw invalid("--port \(port) is not a TCP port") }
        let type = command.legacy ? DNSSDServiceType.lolo3 : DNSSDServiceType.alfen
        do {
            return DNSSDResponderGroup(try (0..<command.count).map { index in
                let identity = command.count == 1 ? command.identity
                    : command.identity + "-" + String(index + 1).leftPadded(to: 2)
                let txt = DNSTXT(attributes: [
                    (key: "identity", value: identity), (key: "scnnetwork", value: command.scnNetwork),
                    (key: "type", value: command.socketType), (key: "fwversion", value: command.firmware),
                    (key: "euaenabled", value: "0"), (key: "euaconfigured", value: "0"),
                ])
                let host = try DNSName(labels: ["\(command.model)-\(command.objectNumber + index)", "local"])
                let service = try DNSSDServiceDescription(instanceName: identity, serviceType: type, hostName: host,
                                                          port: UInt16(port), ipv4Address: address, txt: txt)
                return DNSSDResponder(service: service)
            })
        } catch {
            throw invalid("the names are too long for DNS: \(error)")
        }
    }

    private func invalid(_ message: String) -> CommandFailure {
        CommandFailure(status: .invalidInput, code: "advertise.invalid", message: message, hint: "see advertise --help")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
