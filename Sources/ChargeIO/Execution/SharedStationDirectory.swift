/// One running station directory lent to several commands in turn (`demo` runs unlock, ALB, SCN and apply
/// in-process against one central system): each command hands it back with `shutdown()` as usual, which does
/// nothing here; the owner stops the real one with `close()` when everything is done.
public final class SharedStationDirectory: StationDirectory {
    public let inner: any StationDirectory

    public init(_ inner: any StationDirectory) { self.inner = inner }

    public var listeningAddress: String { inner.listeningAddress }

    public func waitForStation(
        _ identity: String, timeout: Duration, replacing previous: (any StationConnection)?
    ) async throws(StationError) -> any StationConnection {
        try await inner.waitForStation(identity, timeout: timeout, replacing: previous)
    }

    /// A borrower is done with it; the directory keeps running for the next.
    public func shutdown() async {}

    /// The owner is done: the real shutdown.
    public func close() async { await inner.shutdown() }
}
