import ChargeIO

extension CommandFailure {
    /// SPEC.md §1: a bad argument exits 2 and sends nothing; a network that cannot be used exits 3.
    init(_ error: MDNSError) {
        switch error {
        case .unknownInterface(let name, let available):
            self.init(status: .invalidInput, code: "discover.interface.unknown",
                      message: "no interface named \(name) is up with an IPv4 address",
                      hint: available.isEmpty ? "check `ip addr`" : "use one of: \(available.joined(separator: ", "))")
        case .noInterfaces:
            self.init(status: .communication, code: "discover.interface.none",
                      message: "no network interface is up with an IPv4 address",
                      hint: "connect this computer to the stations' network and try again")
        case .noSocket(let reason):
            self.init(status: .communication, code: "discover.socket",
                      message: "cannot send mDNS queries on any interface: \(reason)",
                      hint: "check that the interface is up; name one with --interface")
        case .responderBind(let interface, let reason):
            self.init(status: .communication, code: "advertise.socket",
                      message: "cannot use UDP 5353 on \(interface): \(reason)",
                      hint: "another responder may hold the port without SO_REUSEPORT; stop it or pick another interface")
        case .invalidNetwork(let text, let reason):
            self.init(status: .invalidInput, code: "discover.scan.invalid", message: "--scan \(text): \(reason)",
                      hint: "give a network such as 192.168.1.0/24")
        case .networkRefused:
            self.init(status: .communication, code: "network.refused",
                      message: "this environment gives the command no network",
                      hint: "tests must inject a discovery port")
        }
    }
}
