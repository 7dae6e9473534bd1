import Foundation

/// Where a session's outgoing UniqueIds come from; injected so tests are deterministic.
///
/// Ids must be unique per sender per connection and 1 to 36 characters long (OCPP-J 1.6 specification §4.1.4).
public protocol MessageIDGenerator: Sendable {
    mutating func next() -> String
}

/// `prefix1`, `prefix2`, …: unique per connection, readable in traces, and the prefix tells the tool's own CALLs
/// apart from a back office's in proxy mode.
public struct SequentialMessageIDs: MessageIDGenerator {
    /// At most 16 characters are kept, so prefix and counter always fit the 36-character limit.
    public let prefix: String
    private var counter: UInt64

    public init(prefix: String = "", startingAt first: UInt64 = 1) {
        self.prefix = String(prefix.prefix(16))
        self.counter = first
    }

    public mutating func next() -> String {
        defer { counter &+= 1 }
        return prefix + String(counter)
    }
}

/// Random UUIDs (36 characters, the GUID form OCPP-J §4.1.4 has in mind), for peers that expect them.
public struct UUIDMessageIDs: MessageIDGenerator {
    public init() {}

    public mutating func next() -> String {
        UUID().uuidString.lowercased()
    }
}
