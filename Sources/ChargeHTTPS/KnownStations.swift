import Foundation

/// SPEC §3: a station's self-signed certificate is trusted on first use and pinned per identity in
/// `$XDG_STATE_HOME/chargectl/known-stations` (one `IDENTITY SHA256` line each); a changed certificate is refused
/// unless `--accept-new-certificate`.
public struct KnownStations: Sendable, Equatable {
    public private(set) var fingerprints: [String: String]

    public init(_ text: String = "") {
        var fingerprints: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2 else { continue }
            fingerprints[String(fields[0])] = String(fields[1])
        }
        self.fingerprints = fingerprints
    }

    public enum Verdict: Sendable, Equatable {
        case known
        /// First use: to be recorded and printed.
        case new
        case changed(known: String)
    }

    public func verdict(identity: String, fingerprint: String) -> Verdict {
        guard let known = fingerprints[identity] else { return .new }
        return known == fingerprint ? .known : .changed(known: known)
    }

    public mutating func record(identity: String, fingerprint: String) { fingerprints[identity] = fingerprint }

    public var text: String {
        "# chargectl: SHA-256 fingerprints of the stations' HTTPS certificates, pinned on first use\n"
            + fingerprints.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)\n" }.joined()
    }

    /// `$XDG_STATE_HOME/chargectl/known-stations`, `~/.local/state` when unset.
    public static func path(variables: [String: String]) -> String? {
        let state = variables["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? variables["HOME"].map { $0 + "/.local/state" }
        return state.map { $0 + "/chargectl/known-stations" }
    }
}

/// Where the pins live; the file is read and rewritten under a lock, so parallel stations of one run do not
/// lose each other's first use.
public protocol CertificatePins: Sendable {
    func check(identity: String, fingerprint: String, acceptNew: Bool) throws(HTTPSFailure) -> KnownStations.Verdict
}

public final class FileCertificatePins: CertificatePins, @unchecked Sendable {
    let path: String?
    let lock = NSLock()

    public init(path: String?) { self.path = path }

    public func check(identity: String, fingerprint: String, acceptNew: Bool) throws(HTTPSFailure) -> KnownStations.Verdict {
        lock.lock()
        defer { lock.unlock() }
        var known = KnownStations(path.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? "")
        let verdict = known.verdict(identity: identity, fingerprint: fingerprint)
        if case .changed(let old) = verdict, !acceptNew {
            throw .certificateChanged(identity: identity, known: old, presented: fingerprint)
        }
        guard verdict != .known, let path else { return verdict }
        known.record(identity: identity, fingerprint: fingerprint)
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? known.text.write(toFile: path, atomically: true, encoding: .utf8)
        return verdict
    }
}
