import ChargeIO
import NIOCore
import NIOSSL

/// Security profile 2 (OCPP 1.6 security whitepaper §2.1): the central system presents a certificate and speaks
/// TLS 1.2 or newer; stations still authenticate with HTTP Basic. Loaded once, shared by every connection.
public struct TLSServerSecurity: ChannelSecurity {
    public let scheme = "wss"
    private let context: NIOSSLContext

    /// Reads a PEM certificate chain and its PEM private key; fails with a message naming the file at fault.
    public init(certificatePath: String, keyPath: String) throws(TLSSetupError) {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw .unreadableCertificate(certificatePath)
        }
        guard !chain.isEmpty else { throw .unreadableCertificate(certificatePath) }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw .unreadableKey(keyPath)
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        // Whitepaper A00.FR.312–318: TLS 1.2 at least.
        configuration.minimumTLSVersion = .tlsv12
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw .mismatched(certificatePath, keyPath)
        }
    }

    public func secure(_ channel: any Channel) throws {
        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
    }
}

/// Why TLS could not be set up; never quotes the key's contents.
public enum TLSSetupError: Error, Sendable, CustomStringConvertible {
    case unreadableCertificate(String)
    case unreadableKey(String)
    case mismatched(String, String)

    public var description: String {
        switch self {
        case .unreadableCertificate(let path): "cannot read a PEM certificate from \(path)"
        case .unreadableKey(let path): "cannot read a PEM private key from \(path)"
        case .mismatched(let certificate, let key): "the key \(key) does not fit the certificate \(certificate)"
        }
    }
}
