extension DNSSDResponder {
    /// The response to `query`, or nil when it asks nothing this service owns (mDNS stays silent then,
    /// RFC 6762 §6).
    ///
    /// A PTR question for the service type is answered with the PTR, and SRV, TXT and A go in the additional
    /// section (RFC 6763 §12.1); an SRV question gets the A as additional (§12.2). Answers the asker already
    /// holds with at least half their TTL left are left out (RFC 6762 §7.1).
    ///
    /// `legacyUnicast` is for a query from a port other than 5353 (RFC 6762 §6.7): the reply echoes the id and
    /// the questions, caps TTLs at 10 s and clears the cache-flush bits. Otherwise the response has id 0 and no
    /// questions (RFC 6762 §18.1, §6). Where to send it (multicast, or unicast for the QU bit) is the shell's call.
    public func response(to query: DNSMessage, legacyUnicast: Bool = false) -> DNSMessage? {
        guard !query.isResponse, query.flags.opcode == 0 else { return nil }
        var answers: [DNSResourceRecord] = []
        for question in query.questions where question.recordClass == .internet || question.recordClass == .any {
            for record in records(answering: question) where !answers.contains(record) {
                answers.append(record)
            }
        }
        answers.removeAll { isKnown($0, in: query.answers) }
        guard !answers.isEmpty else { return nil }
        var additionals: [DNSResourceRecord] = []
        for record in answers.flatMap(additionalRecords(for:)) where !answers.contains(record)
            && !additionals.contains(record) {
            additionals.append(record)
        }
        var response = DNSMessage(flags: [.response, .authoritativeAnswer], answers: answers,
                                  additionals: additionals)
        if legacyUnicast {
            response.id = query.id
            response.questions = query.questions
            response.answers = response.answers.map(Self.legacy)
            response.additionals = response.additionals.map(Self.legacy)
        }
        return response
    }

    private func records(answering question: DNSQuestion) -> [DNSResourceRecord] {
        let any = question.type == .any
        switch question.name {
        case service.serviceType where any || question.type == .ptr:
            return [pointerRecord]
        case DNSSDServiceType.enumeration where any || question.type == .ptr:
            return [enumerationRecord]
        case service.name:
            return [serviceRecord, textRecord].filter { any || $0.type == question.type }
        case service.hostName where any || question.type == .a:
            return [addressRecord]
        default:
            return []
        }
    }

    private func additionalRecords(for answer: DNSResourceRecord) -> [DNSResourceRecord] {
        switch answer.type {
        case .ptr where answer.name == service.serviceType: [serviceRecord, textRecord, addressRecord]
        case .srv: [addressRecord]
        default: []
        }
    }

    /// RFC 6762 §7.1: suppress an answer the query lists with a TTL of at least half the true TTL.
    private func isKnown(_ record: DNSResourceRecord, in knownAnswers: [DNSResourceRecord]) -> Bool {
        knownAnswers.contains { known in
            known.name == record.name && known.data == record.data && known.ttl >= record.ttl / 2
        }
    }

    /// RFC 6762 §6.7: TTL at most 10 s and no cache-flush bit in a reply to a legacy resolver.
    private static func legacy(_ record: DNSResourceRecord) -> DNSResourceRecord {
        var copy = record
        copy.ttl = min(copy.ttl, 10)
        copy.cacheFlush = false
        return copy
    }
}
