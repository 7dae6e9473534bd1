import ChargeIO
import Foundation
import StationModel
import VirtualSite

/// The site the demo commissions: the built-in one (embedded, so the binary runs the demo alone) or the user's.
enum DemoSite {
    static func load(site path: String?, scenario scenarioPath: String?) throws -> (Site, Scenario?) {
        let site: Site
        if let path {
            site = try SiteFiles.site(path: path)
        } else {
            site = try Site(document: try YAMLDocument.parse(BuiltInDemoSite.siteYAML, file: BuiltInDemoSite.siteFile),
                            file: BuiltInDemoSite.siteFile)
        }
        let scenario: Scenario?
        if let scenarioPath {
            scenario = try SiteFiles.scenario(path: scenarioPath)
        } else if path == nil {
            scenario = try Scenario(document: try YAMLDocument.parse(BuiltInDemoSite.scenarioYAML, file: BuiltInDemoSite.scenarioFile),
                                    file: BuiltInDemoSite.scenarioFile)
        } else {
            scenario = nil
        }
        let report = SiteValidator.validate(site, link: .ocpp)
        guard report.isValid else { throw ConfigErrors(report.errors) }
        return (site, scenario)
    }

    /// What is running before the first command: the installer's view of the "site".
    static func introduction(_ site: Site, _ virtual: RunningVirtualSite, centralSystem: String) -> String {
        var lines = ["chargectl demo: commissioning \(site.name), a virtual site on loopback",
                     "  OCPP central system  ws://\(centralSystem)/ocpp/<station>"]
        for station in virtual.stations {
            lines.append("  station \(station.identity)  \(station.model), \(station.sockets) socket\(station.sockets == 1 ? "" : "s"), "
                + "object \(station.objectNumber), Modbus 127.0.0.1:\(station.modbusPort)")
        }
        lines.append("  meter  \(virtual.meter.preset) at 127.0.0.1:\(virtual.meter.port), unit \(virtual.meter.unit)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The built-in site as a file in the demo's folder, for `verify` to read like an installer's site file.
    static func writeBuiltIn(to directory: String, in env: CLIEnvironment) throws -> String {
        let path = "\(directory)/\(BuiltInDemoSite.siteFile)"
        do {
            try env.makeDirectory(directory)
            try env.writeFile(path, BuiltInDemoSite.siteYAML)
        } catch {
            throw CommandFailure(status: .invalidInput, code: "demo.unwritable", message: "cannot write \(path): \(error)",
                                 hint: "set TMPDIR to a writable folder")
        }
        return path
    }

    /// A fresh folder under the temporary directory for this run's backups and journals.
    static func stateDirectory(in env: CLIEnvironment) -> String {
        let base = env.variables["TMPDIR"].map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "/tmp"
        // The millisecond alone is not unique when two demos start together (the tests run them side by side).
        return "\(base)/chargectl-demo-\(Int(env.now().timeIntervalSince1970 * 1000))-\(UInt32.random(in: 0...UInt32.max))"
    }
}
