extension DNSSDBrowseReducer {
    /// Folds the answer and additional records of one response into the state.
    ///
    /// Queries are skipped: their answers are another host's known-answer list, not facts from the owner
    /// (RFC 6762 §7.1). So are messages with a nonzero opcode or rcode (RFC 6762 §18.3, §18.11), and records of a
    /// class other than IN. Authority records only appear in probes (RFC 6762 §8.2).
    public mutating func apply(_ message: DNSMessage) {
        guard message.isResponse, message.flags.opcode == 0, message.flags.rcode == 0 else { return }
        let records = (message.answers + message.additionals).filter { $0.recordClass == .internet }
        // RFC 6762 §10.2: a record with the cache-flush bit replaces the cached records of its name and type.
        // Without a clock the "older than one second" rule becomes "from an earlier message", so several
        // addresses in one packet all survive.
        for record in records where record.cacheFlush && record.ttl > 0 {
            flush(record.name, record.type)
        }
        for record in records {
            apply(record)
        }
    }

    private mutating func flush(_ name: DNSName, _ type: DNSRecordType) {
        switch type {
        case .a: ipv4[name] = nil
        case .aaaa: ipv6[name] = nil
        case .ptr: pointers[name] = nil
        default: break  // SRV and TXT hold one value per instance; the record itself replaces it.
        }
    }

    private mutating func apply(_ record: DNSResourceRecord) {
        let name = record.name
        let goodbye = record.ttl == 0
        switch record.data {
        case .ptr(let instance) where serviceTypes.contains(name) && instance.parent == name:
            if goodbye {
                pointers[name]?.remove(instance)
                if pointers[name]?.isEmpty == true { pointers[name] = nil }
                // The instance is gone (RFC 6762 §10.1): drop what described it, not only the pointer.
                services[instance] = nil
                texts[instance] = nil
            } else {
                pointers[name, default: []].insert(instance)
            }
        case .srv(_, _, let port, let target) where isWatchedInstance(name):
            services[name] = goodbye ? nil : Service(port: port, target: target)
        case .txt(let txt) where isWatchedInstance(name):
            texts[name] = goodbye ? nil : txt
        case .a(let address):
            if goodbye {
                ipv4[name]?.remove(address)
                if ipv4[name]?.isEmpty == true { ipv4[name] = nil }
            } else {
                ipv4[name, default: []].insert(address)
            }
        case .aaaa(let address):
            if goodbye {
                ipv6[name]?.remove(address)
                if ipv6[name]?.isEmpty == true { ipv6[name] = nil }
            } else {
                ipv6[name, default: []].insert(address)
            }
        default:
            break
        }
    }

    /// `<Instance>.<watched service type>` (RFC 6763 §4.1): exactly one label in front of a watched type.
    private func isWatchedInstance(_ name: DNSName) -> Bool {
        !name.labels.isEmpty && serviceTypes.contains(name.parent)
    }
}
