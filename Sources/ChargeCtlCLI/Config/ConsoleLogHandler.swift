import Logging

/// swift-log to the command's stderr (ARCHITECTURE.md: the library never prints; logs go to stderr), so tests that
/// record the console see the log too. `-v` lowers the level to trace: the OCPP frame trace, `[..]` sent and `<..>`
/// received, secrets already masked by the central system.
struct ConsoleLogHandler: LogHandler {
    let console: any Console
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    static func logger(console: any Console, verbose: Bool) -> Logger {
        Logger(label: "chargectl.ocpp") { _ in ConsoleLogHandler(console: console, logLevel: verbose ? .trace : .notice) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let station = event.metadata?["station"] ?? metadata["station"]
        console.err((station.map { "\($0): " } ?? "") + "\(event.message)\n")
    }
}
