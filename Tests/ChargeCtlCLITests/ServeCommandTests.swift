import ChargeCtlCLI
import ChargeIO
import Foundation
import Testing

/// `serve` in-process: its central system is a fake, its control socket real (a Unix socket in a temporary
/// directory), so `config get` run beside it goes through the socket exactly as it does from a shell.
@Suite(.timeLimit(.minutes(1))) struct ServeCommandTests {
    static func socketPath() -> String {
        NSTemporaryDirectory() + "cc-serve-\(getpid())-\(UInt32.random(in: 0...UInt32.max))/serve.sock"
    }

    static func environment(_ console: RecordingConsole) -> CLIEnvironment {
        TestEnvironment(console: console).env
    }

    /// Waits (bounded) for serve's control socket to answer.
    static func remote(_ path: String) async throws -> RemoteStationDirectory {
        for _ in 0..<500 {
            if let remote = await RemoteStationDirectory.connect(path: path) { return remote }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CocoaError(.fileNoSuchFile)
    }

    @Test func configGetReachesTheStationThroughServe() async throws {
        let path = Self.socketPath()
        let directory = FakeDirectory(station: FakeStation(keys: ConfigCLI.keys), listeningAddress: "127.0.0.1:41234")
        let (stops, stop) = AsyncStream.makeStream(of: Void.self)
        let serveConsole = RecordingConsole()
        var serveEnv = Self.environment(serveConsole)
        serveEnv.startCentralSystem = { configuration, _ in directory.started(with: configuration) }
        serveEnv.stopRequests = { stops }
        serveEnv.controlSocketPath = path
        let serve = try #require(try ChargeCtlCommand.parseAsRoot(["serve", "--accept-any", "--listen", "127.0.0.1:0", "--json"])
            as? any EnvironmentRunnable)
        async let served = serve.run(serveEnv)

        let probe = try await Self.remote(path)
        #expect(probe.listeningAddress == "127.0.0.1:41234")
        await probe.shutdown()

        let console = RecordingConsole()
        var env = Self.environment(console)
        env.centralSystem = ServeReuse.centralSystem(socket: path)
        let get = try #require(try ChargeCtlCommand.parseAsRoot(["config", "get", "CP1", "HeartbeatInterval", "AuthorizationKey", "--json"])
            as? any EnvironmentRunnable)
        let status = await get.run(env)
        #expect(status == .success, "\(console.stderr)")
        let document = try TestCLI.json(console.stdout)
        let keys = try #require(document["keys"] as? [[String: Any]])
        #expect(keys.map { $0["key"] as? String } == ["HeartbeatInterval", "AuthorizationKey"])
        #expect(keys[1]["value"] as? String == "***")
        #expect(console.stderr.contains("waiting for CP1 to connect on 127.0.0.1:41234"))
        #expect(directory.station?.requests == [["HeartbeatInterval", "AuthorizationKey"]])
        #expect(directory.shutdowns == 0, "config get leaves serve's central system running")

        stop.finish()
        #expect(await served == .success)
        #expect(directory.shutdowns == 1)
        #expect(directory.configurations.first?.acceptAny == true)
        let report = try TestCLI.json(serveConsole.stdout)
        #expect(report["ok"] as? Bool == true && report["listen"] as? String == "127.0.0.1:41234")
        #expect(serveConsole.stderr.contains("serve: listening on ws://127.0.0.1:41234/ocpp/<id>, control socket \(path)"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test(arguments: [
        (["serve"], "serve.no-stations"),
        (["serve", "--accept-any", "--tls-cert", "cert.pem"], "serve.tls-incomplete"),
    ])
    func invalidInputStartsNothing(arguments: [String], code: String) async throws {
        let console = RecordingConsole()
        var env = Self.environment(console)
        env.startCentralSystem = { _, _ in throw CocoaError(.featureUnsupported) }
        let serve = try #require(try ChargeCtlCommand.parseAsRoot(arguments + ["--json"]) as? any EnvironmentRunnable)
        #expect(await serve.run(env) == .invalidInput)
        let error = try #require(try TestCLI.json(console.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == code)
    }
}
