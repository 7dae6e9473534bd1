import ChargeIO
import DNSSD

/// `discover`'s arguments, checked before anything is sent (SPEC.md §1: invalid input exits 2).
struct DiscoverRequest: Sendable {
    /// The TCP ports `--scan` probes: Modbus and the HTTPS API (alfen-station.md §3).
    static let scanPorts = [502, 443]

    var window: Duration
    var interfaces: [MDNSInterface]
    var scanHosts: [IPv4Address]?
    var expect: Int?

    init(timeout: Double, interfaceName: String?, scan: String?, expect: Int?, available: [MDNSInterface]) throws {
        guard timeout.isFinite, timeout > 0, timeout <= 3600 else {
            throw CommandFailure(status: .invalidInput, code: "discover.timeout.invalid",
                                 message: "--timeout \(timeout) is not between 0 and 3600 seconds",
                                 hint: "give the number of seconds to listen, e.g. --timeout 3")
        }
        if let expect, expect < 1 {
            throw CommandFailure(status: .invalidInput, code: "discover.expect.invalid",
                                 message: "--expect \(expect) must be at least 1", hint: "give the number of stations")
        }
        do {
            scanHosts = try scan.map { try IPv4Network($0).hosts }
            interfaces = try MDNSInterface.select(interfaceName, from: available)
        } catch let error as MDNSError {
            throw CommandFailure(error)
        }
        window = .milliseconds(Int((timeout * 1000).rounded()))
        self.expect = expect
    }
}
