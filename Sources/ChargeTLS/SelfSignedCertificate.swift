import ChargeIO
import Foundation

/// A self-signed certificate made at start, as a real station has (SPEC §3: the client accepts it for that
/// address and pins its fingerprint). Made with the openssl command-line tool, which Debian and macOS ship and CI
/// has: the package's TLS library (BoringSSL inside NIOSSL) is not importable, and an embedded key pair would be a
/// private key committed to the repository. A new key each start, so a simulator's fingerprint changes per run.
public enum SelfSignedCertificate {
    /// The openssl binary, nil when none is installed.
    public static var openssl: String? {
        ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"].first(where: FileManager.default.isExecutableFile)
    }

    /// TLS 1.2+ with a fresh P-256 key and a certificate for `commonName`, valid for `address` and localhost.
    public static func serverSecurity(commonName: String, address: String) throws(SelfSignedCertificateError) -> TLSServerSecurity {
        guard let openssl else { throw .noOpenSSL }
        let directory = NSTemporaryDirectory() + "chargectl-cert-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw .failed("cannot create \(directory)")
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = directory + "/key.pem", certificate = directory + "/cert.pem"
        let name = commonName.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == " " }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                             "-keyout", key, "-out", certificate, "-days", "825", "-subj", "/O=Alfen BV/CN=\(name.isEmpty ? "station" : name)",
                             "-addext", "subjectAltName=IP:\(address),DNS:localhost"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw .failed("cannot run \(openssl): \(error)") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw .failed("openssl req exited with \(process.terminationStatus)") }
        do { return try TLSServerSecurity(certificatePath: certificate, keyPath: key) } catch { throw .failed("\(error)") }
    }
}

/// Why no certificate could be made.
public enum SelfSignedCertificateError: Error, Sendable, CustomStringConvertible {
    case noOpenSSL
    case failed(String)

    public var description: String {
        switch self {
        case .noOpenSSL: "the openssl command is not installed"
        case .failed(let reason): "cannot make a self-signed certificate: \(reason)"
        }
    }
}
