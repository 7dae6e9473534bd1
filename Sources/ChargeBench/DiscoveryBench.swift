import Foundation

/// Issue 5: time from start to the last of 50 advertised stations resolved. python-zeroconf publishes the 50
/// stations in one namespace of a veth pair (loopback where namespaces cannot be made); in the other,
/// `chargectl discover --expect 50` (process spawn to exit) races a python-zeroconf ServiceBrowser (from its
/// `Zeroconf()` to the last station resolved, interpreter start not counted). Target: no slower than zeroconf.
enum DiscoveryBench {
    static let stations = 50
    static let runs = 5

    static func run() throws {
        let python = ".build-venv/bin/python", peer = "Tests/Interop/mdns_peer.py"
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("chargectl").path
        guard FileManager.default.isExecutableFile(atPath: binary), FileManager.default.isExecutableFile(atPath: python),
              FileManager.default.fileExists(atPath: peer) else {
            print("skipped: needs \(binary), \(python) (make pydeps) and \(peer); run from the repository root")
            return
        }
        let link = BenchLink.make()
        defer { link.remove() }
        print("link: \(link.description)")
        let publisher = try Spawned(link.a + [python, peer, "register", link.addressA, "\(stations)"])
        defer { publisher.stop() }
        guard publisher.waitForOutput("ready", seconds: 90) else {
            print("skipped: python-zeroconf did not publish the stations")
            return
        }
        var ours: [Double] = [], theirs: [Double] = []
        for _ in 0..<runs {
            Thread.sleep(forTimeInterval: 1.1)  // RFC 6762 §6: a responder multicasts a record at most once a second
            let (seconds, output) = try Spawned.timed(link.b + [binary, "discover", "--json", "--expect", "\(stations)",
                                                                "--timeout", "10", "--interface", link.interfaceB])
            let found = output.components(separatedBy: "\"identity\":\"ACE").count - 1
            guard found == stations else {
                print("chargectl found \(found) of \(stations) stations; not timed")
                return
            }
            ours.append(seconds)
            Thread.sleep(forTimeInterval: 1.1)
            let (_, browsed) = try Spawned.timed(link.b + [python, peer, "browse", link.addressB, "\(stations)", "10"])
            guard let elapsed = Self.elapsed(browsed) else {
                print("python-zeroconf did not resolve all \(stations) stations; not timed")
                return
            }
            theirs.append(elapsed)
        }
        let mine = Stopwatch.median(ours), zeroconf = Stopwatch.median(theirs)
        print("chargectl discover --expect \(stations): \(Stopwatch.ms(mine)) median of \(runs), whole process "
              + "(runs: \(ours.map { Stopwatch.ms($0) }.joined(separator: ", ")))")
        print("python-zeroconf ServiceBrowser: \(Stopwatch.ms(zeroconf)) median of \(runs), from Zeroconf() "
              + "(runs: \(theirs.map { Stopwatch.ms($0) }.joined(separator: ", ")))")
        print(String(format: "ratio: chargectl takes %.2fx the time of python-zeroconf (target <= 1)", mine / zeroconf))
    }

    /// The `elapsed` field of the browse peer's JSON, when it resolved every station.
    static func elapsed(_ output: String) -> Double? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
              let services = object["services"] as? [Any], services.count == stations else { return nil }
        return object["elapsed"] as? Double
    }
}
