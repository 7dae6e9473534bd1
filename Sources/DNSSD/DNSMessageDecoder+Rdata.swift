extension DNSMessageDecoder {
    /// Decodes `length` bytes of rdata of `type`, all of them and nothing beyond: names inside rdata may be
    /// compressed (RFC 6762 §18.14 lists PTR, SRV and NSEC among others), but their in-place bytes must stay
    /// inside RDLENGTH.
    func readRdata(_ reader: inout DNSMessageReader, type: DNSRecordType, length: Int)
        throws(DNSMessageError) -> DNSRecordData {
        let start = reader.offset
        let end = start + length
        let data: DNSRecordData
        switch type {
        case .a:
            try expect(type, declared: length, consumed: 4, at: start)
            let bytes = try reader.readBytes(4, .rdata, end: end)
            data = .a(IPv4Address(bytes[0], bytes[1], bytes[2], bytes[3]))
        case .aaaa:
            try expect(type, declared: length, consumed: 16, at: start)
            let bytes = try reader.readBytes(16, .rdata, end: end)
            guard let address = IPv6Address(bytes: bytes) else {
                throw .rdataLengthMismatch(type: type, offset: start, declared: length, consumed: bytes.count)
            }
            data = .aaaa(address)
        case .ptr:
            data = .ptr(try reader.readName(end: end))
        case .srv:
            let priority = try reader.readUInt16(.rdata, end: end)
            let weight = try reader.readUInt16(.rdata, end: end)
            let port = try reader.readUInt16(.rdata, end: end)
            data = .srv(priority: priority, weight: weight, port: port, target: try reader.readName(end: end))
        case .txt:
            data = .txt(try readTXT(&reader, end: end))
        case .nsec:
            let next = try reader.readName(end: end)
            data = .nsec(nextDomainName: next, typeBitmaps: try reader.readBytes(end - reader.offset, .rdata))
        default:
            data = .unknown(type: type, rdata: try reader.readBytes(length, .rdata, end: end))
        }
        try expect(type, declared: length, consumed: reader.offset - start, at: start)
        return data
    }

    /// RFC 1035 §3.3.14: a sequence of length-prefixed character-strings filling the rdata. RDLENGTH 0 is not
    /// allowed (RFC 6763 §6.1: an empty TXT record is one empty string) but is tolerated and read as that one
    /// empty string, so the record re-encodes to the form RFC 6763 §6.1 asks for and decodes equal.
    private func readTXT(_ reader: inout DNSMessageReader, end: Int) throws(DNSMessageError) -> DNSTXT {
        guard reader.offset < end else { return DNSTXT(strings: [[]]) }
        var strings: [[UInt8]] = []
        while reader.offset < end {
            let count = Int(try reader.readUInt8(.txtString, end: end))
            strings.append(try reader.readBytes(count, .txtString, end: end))
        }
        return DNSTXT(strings: strings)
    }

    private func expect(_ type: DNSRecordType, declared: Int, consumed: Int, at offset: Int)
        throws(DNSMessageError) {
        guard declared == consumed else {
            throw .rdataLengthMismatch(type: type, offset: offset, declared: declared, consumed: consumed)
        }
    }
}
