/// The pure half of an mDNS responder for one service instance: the records it owns and the messages built from
/// them. Sockets, timing (the 20–120 ms response delay, repeated announcements) and probing stay in the shell.
public struct DNSSDResponder: Hashable, Sendable {
    public var service: DNSSDServiceDescription
    /// RFC 6762 §10: 120 s for records that name a host or its address (SRV, A).
    public var hostRecordTTL: UInt32
    /// RFC 6762 §10: 75 minutes for the others (PTR, TXT).
    public var otherRecordTTL: UInt32

    public init(service: DNSSDServiceDescription, hostRecordTTL: UInt32 = 120, otherRecordTTL: UInt32 = 4500) {
        self.service = service
        self.hostRecordTTL = hostRecordTTL
        self.otherRecordTTL = otherRecordTTL
    }

    /// Service type → instance. Shared, so no cache-flush bit (RFC 6762 §10.2).
    public var pointerRecord: DNSResourceRecord {
        DNSResourceRecord(name: service.serviceType, ttl: otherRecordTTL, data: .ptr(service.name))
    }

    /// Instance → host and port. Unique to this responder, so cache-flush is set (RFC 6762 §10.2).
    public var serviceRecord: DNSResourceRecord {
        DNSResourceRecord(name: service.name, ttl: hostRecordTTL,
                          data: .srv(priority: 0, weight: 0, port: service.port, target: service.hostName),
                          cacheFlush: true)
    }

    public var textRecord: DNSResourceRecord {
        DNSResourceRecord(name: service.name, ttl: otherRecordTTL, data: .txt(service.txt), cacheFlush: true)
    }

    public var addressRecord: DNSResourceRecord {
        DNSResourceRecord(name: service.hostName, ttl: hostRecordTTL, data: .a(service.ipv4Address),
                          cacheFlush: true)
    }

    /// Service type enumeration (RFC 6763 §9): `_services._dns-sd._udp.local` → the service type. Shared.
    public var enumerationRecord: DNSResourceRecord {
        DNSResourceRecord(name: DNSSDServiceType.enumeration, ttl: otherRecordTTL, data: .ptr(service.serviceType))
    }

    /// Every record the service owns, in announcement order.
    public var records: [DNSResourceRecord] { [pointerRecord, serviceRecord, textRecord, addressRecord] }

    /// An unsolicited response with all records as answers (RFC 6762 §8.3); the shell sends it at least twice,
    /// one second apart.
    public func announcement() -> DNSMessage {
        DNSMessage(flags: [.response, .authoritativeAnswer], answers: records)
    }

    /// The same records with TTL 0: "this service is gone" (RFC 6762 §10.1).
    public func goodbye() -> DNSMessage {
        var message = announcement()
        for index in message.answers.indices { message.answers[index].ttl = 0 }
        return message
    }
}
