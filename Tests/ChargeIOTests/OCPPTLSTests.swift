import ChargeTLS
import Foundation
import NIOCore
import NIOSSL
import OCPP16
import Testing
@testable import ChargeIO

/// Security profile 2: the central system behind `TLSServerSecurity`, a charge point over TLS on loopback.
@Suite(.timeLimit(.minutes(1))) struct OCPPTLSTests {
    @Test func aStationTalksOCPPOverTLS() async throws {
        guard let made = try TLSCertificate.make() else { return }
        var configuration = OCPPLoopback.configuration(passwords: ["CP1": "profile two secret"])
        configuration.security = try TLSServerSecurity(certificatePath: made.certificate, keyPath: made.key)
        var client = TLSConfiguration.makeClientConfiguration()
        client.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(made.certificate))
        let context = try NIOSSLContext(configuration: client)
        try await OCPPLoopback.with(configuration) { central, port in
            let authorization = BasicAuthorization(user: "CP1", password: "profile two secret").headerValue
            let socket = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1", authorization: authorization, tls: context)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await OCPPScriptedChargePoint(station: OCPPLoopback.station()).run(socket) }
                let connection = try await central.waitForStation("CP1", timeout: .seconds(5))
                #expect(try await connection.getConfiguration(keys: nil).keys == OCPPLoopback.keys)
                await connection.close()
                try await group.waitForAll()
            }
        }
    }

    @Test func plainTextIsNotAnsweredAsHTTP() async throws {
        guard let made = try TLSCertificate.make() else { return }
        var configuration = OCPPLoopback.configuration()
        configuration.security = try TLSServerSecurity(certificatePath: made.certificate, keyPath: made.key)
        try await OCPPLoopback.with(configuration) { _, port in
            await #expect(throws: (any Error).self) { _ = try await OCPPTestClient.handshakeStatus(port: port, path: "/ocpp/CP1") }
        }
    }

    @Test func unreadableFilesAreNamed() throws {
        guard let made = try TLSCertificate.make() else { return }
        #expect(throws: TLSSetupError.self) { try TLSServerSecurity(certificatePath: made.directory + "/none.pem", keyPath: made.key) }
        #expect(throws: TLSSetupError.self) { try TLSServerSecurity(certificatePath: made.certificate, keyPath: made.certificate) }
    }
}
