import ChargeCtlCLI
import ChargeIO
import ChargeTLS
import Foundation
import StationModel
import Testing
import VirtualSite

/// SPEC §9 "licence keys where a needed feature is locked", over HTTPS: the wizard reads each station's
/// `UnlockedFeatures` through its API once the site is known, and asks for a licence key where the site needs a
/// feature the station lacks. Two virtual stations with only the SCN unlocked; the site's ALB runs on the first.
@Suite(.serialized) struct WizardFeaturesTests {
    static let ids = ["ACE0105061", "ACE0105062"]
    static let hosts = ["127.0.5.61", "127.0.5.62"]
    static let password = "wizard-https-pw"

    static func answers(ports: [Int], licence: Bool) -> String {
        var lines = [
            "stations: \(ids.joined(separator: ","))", "link: https", "httpsPassword: env:WIZARD_HTTPS_PASSWORD",
            "site: Wizard over HTTPS", "installation.phases: 3", "installation.maxCurrent: 40",
        ]
        for (index, id) in ids.enumerated() { lines.append("station.\(id).host: \(hosts[index]):\(ports[index])") }
        lines += ["scn.name: WIZ1", "alb.source: p1", "alb.station: \(ids[0])", "alb.maxCurrent: 40", "alb.safeCurrent: 10"]
        if licence { lines.append("station.\(ids[0]).licenseKey: env:BAY1_LICENCE") }
        lines += ["file: wizard-https.yaml", "apply: no"]
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aLockedFeatureReadOverHTTPSAsksForTheLicenceKey() async throws {
        guard SelfSignedCertificate.openssl != nil else { return }
        let stations = zip(Self.ids, Self.hosts).map { id, host in
            "  - { id: \(id), host: \"\(host):0\", model: NG910-60023, maxCurrent: 32, sockets: [{ maxCurrent: 32 }] }"
        }
        let site = try Site(document: YAMLDocument.parse("""
            site: features
            installation: { phases: 3, maxCurrent: 40 }
            scn: { name: VIRT1 }
            stations:
            \(stations.joined(separator: "\n"))
            """, file: "features.yaml"), file: nil)
        var options = VirtualSiteOptions(rebootTime: .milliseconds(200), mdnsInterface: nil, unlockedFeatures: 0x1)
        options.httpsSecurity = { identity, host in try SelfSignedCertificate.serverSecurity(commonName: identity, address: host) }
        options.httpsPasswords = Dictionary(uniqueKeysWithValues: Self.ids.map { ($0, Self.password) })
        let virtual = try await VirtualSiteRunner.start(site: site, scenario: nil, ocppURL: "ws://127.0.0.1:9/ocpp", options: options)
        do {
            try await ask(virtual)
        } catch {
            await virtual.stop()
            throw error
        }
        await virtual.stop()
    }

    func ask(_ virtual: RunningVirtualSite) async throws {
        let ports = try Self.ids.map { id in try #require(virtual.stations.first { $0.identity == id }?.httpsPort) }
        let known = FileManager.default.temporaryDirectory.appendingPathComponent("chargectl-wizard-known-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: known) }
        func run(licence: Bool) async throws -> (ChargeCtlCLI.ExitStatus, TestEnvironment) {
            let test = TestEnvironment(variables: ["WIZARD_HTTPS_PASSWORD": Self.password]).withFiles()
                .withHTTPSLinks(knownStations: known)
            test.files.write("answers.yaml", Self.answers(ports: ports, licence: licence))
            return (try await test.run(["wizard", "--answers", "answers.yaml", "--no-discovery", "--json"]), test)
        }

        // Without the licence answer the session stops at the question only the read could have raised.
        let (missing, unanswered) = try await run(licence: false)
        #expect(missing == .invalidInput, "\(unanswered.console.stderr)")
        let error = try #require(try TestCLI.json(unanswered.console.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "wizard.answer-missing")
        #expect((error["message"] as? String)?.contains("station.\(Self.ids[0]).licenseKey") == true, "\(error)")
        #expect(unanswered.console.stderr.contains("Reading the licence features of \(Self.ids.joined(separator: ", ")) over HTTPS"))
        #expect(unanswered.console.stderr.contains("\(Self.ids[0]): scn\n"), "\(unanswered.console.stderr)")
        #expect(unanswered.files["wizard-https.yaml"] == nil)

        let (status, answered) = try await run(licence: true)
        #expect(status == .success, "\(answered.console.stdout)\n\(answered.console.stderr)")
        let written = try #require(answered.files["wizard-https.yaml"])
        let result = try Site(document: YAMLDocument.parse(written, file: "wizard-https.yaml"), file: nil)
        #expect(result.stations.map(\.licenseKey) == [.env("BAY1_LICENCE"), nil])
        #expect(result.stations.allSatisfy { $0.httpsPassword == .env("WIZARD_HTTPS_PASSWORD") })
        #expect(!written.contains(Self.password))
    }
}
