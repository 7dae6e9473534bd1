@testable import ChargeCtlCLI
import ChargeIO
import Foundation
import Testing
import VirtualSite

/// The demo end to end, in-process: a virtual site on loopback commissioned by the real commands (issue 7's
/// proof). Short reboots keep it quick; everything else is what `make demo` runs.
@Suite struct DemoCommandTests {
    @Test func theDemoCommissionsTheBuiltInSiteAndEverySettingReadsBack() async throws {
        let console = RecordingConsole()
        var env = CLIEnvironment.live
        env.console = console
        let command = try ChargeCtlCommand.parseAsRoot(["demo", "--json", "--reboot-time", "0.5", "--wait", "60"])
        let status = await (command as! any EnvironmentRunnable).run(env)
        let document = try TestCLI.json(console.stdout)
        #expect(status == .success, "\(console.stderr)")
        #expect(document["ok"] as? Bool == true)

        let stages = try #require(document["stages"] as? [[String: Any]])
        #expect(stages.count == 8)
        // The demo ends with `verify`, whose report lies beside the demo's backups.
        let verify = try #require(stages.last)
        #expect(verify["kind"] as? String == "verify")
        for stage in stages {
            for step in stage["steps"] as? [[String: Any]] ?? [] {
                #expect(step["exitCode"] as? Int == 0, "\(step["command"] ?? "")")
            }
        }
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["discovered"] as? Int == 4)
        #expect(summary["unlocked"] as? Int == 4)
        #expect(summary["sockets"] as? Int == 5)
        let checked = try #require(summary["settingsChecked"] as? Int)
        #expect(checked > 20)
        #expect(summary["settingsVerified"] as? Int == checked)
        let report = try #require(summary["report"] as? String)
        #expect(report.hasSuffix("/verify-report.html"))
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<table id=\"findings\">") && html.contains("Virtual demo"))
        try? FileManager.default.removeItem(atPath: (report as NSString).deletingLastPathComponent)
        // The licence keys the stations took never appear in what the demo printed (SPEC §6).
        let objects = (document["stations"] as? [[String: Any]] ?? []).compactMap { $0["objectNumber"] as? Int }
        #expect(objects.count == 4)
        for object in objects {
            let key = demoLicenceKey(objectNumber: object, features: 0x5)
            #expect(!console.stdout.contains(key) && !console.stderr.contains(key))
        }
    }

    /// `demo --via https`: the same commissioning over each virtual station's own HTTPS API (a site file the demo
    /// writes gives each one's address and password variable), read back over OCPP.
    @Test func theDemoOverHTTPSCommissionsTheSiteAndEverySettingReadsBack() async throws {
        guard VirtualSiteHTTPS.security(CLIEnvironment(console: RecordingConsole())) != nil else { return }
        let console = RecordingConsole()
        var env = CLIEnvironment.live
        env.console = console
        let command = try ChargeCtlCommand.parseAsRoot(["demo", "--via", "https", "--json", "--reboot-time", "0.5", "--wait", "60"])
        let status = await (command as! any EnvironmentRunnable).run(env)
        let document = try TestCLI.json(console.stdout)
        #expect(status == .success, "\(console.stderr)")
        let stages = try #require(document["stages"] as? [[String: Any]])
        var overHTTPS = 0
        for stage in stages {
            for step in stage["steps"] as? [[String: Any]] ?? [] {
                let command = step["command"] as? String ?? ""
                #expect(step["exitCode"] as? Int == 0, "\(command)")
                if command.contains("--via https") { overHTTPS += 1 }
                // The stations' API password comes from the environment, never a command line.
                #expect(!command.contains("password") && !command.contains(VirtualSiteOptions.defaultHTTPSPassword + " "))
            }
        }
        // Four unlocks, the ALB station, the SCN.
        #expect(overHTTPS == 6)
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["unlocked"] as? Int == 4)
        let checked = try #require(summary["settingsChecked"] as? Int)
        #expect(checked > 15)
        #expect(summary["settingsVerified"] as? Int == checked)
    }
}
