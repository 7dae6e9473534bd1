@testable import ChargeIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import Testing

/// Issue 14: a listener that cannot bind says why in words, not `bind(descriptor:ptr:bytes:)`.
@Suite struct BindFailureTests {
    @Test func bindErrorsAreSaidInWords() {
        let absent = BindFailure.reason(IOError(errnoCode: EADDRNOTAVAIL, reason: "bind(descriptor:ptr:bytes:)"), host: "10.9.9.9", port: 8180)
        #expect(absent == "this machine has no address 10.9.9.9")
        let taken = BindFailure.reason(IOError(errnoCode: EADDRINUSE, reason: "bind(descriptor:ptr:bytes:)"), host: "0.0.0.0", port: 8180)
        #expect(taken.hasPrefix("port 8180 is already in use") && !taken.contains("descriptor"))
    }
}
