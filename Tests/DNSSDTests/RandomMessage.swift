@testable import DNSSD
import TestRandom

/// Random but valid messages for the codec round-trip properties. Names are drawn from a small label pool so
/// suffixes repeat and compression gets exercised, with random case and random raw bytes mixed in.
struct RandomMessage {
    var rng: SplitMix64

    static let pool: [[UInt8]] = ["local", "_tcp", "_udp", "_alfen", "_lolo3", "_http", "ACE0001234",
                                  "ng910-60023-1234567", "a", "b"].map { Array($0.utf8) }
    /// Types the decoder does not type, so `.unknown` survives a round trip.
    static let unknownTypes: [UInt16] = [0, 2, 5, 6, 15, 41, 99, 256, 65280, 65535]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func bool() -> Bool { Bool.random(using: &rng) }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) } }

    mutating func label() -> [UInt8] {
        switch int(0...9) {
        case 0: return bytes(int(1...63))
        case 1: return Self.pool[int(0...Self.pool.count - 1)].map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        default: return Self.pool[int(0...Self.pool.count - 1)]
        }
    }

    mutating func name() -> DNSName {
        var labels: [[UInt8]] = []
        for _ in 0..<int(0...5) {
            let next = label()
            guard DNSName.wireLength(of: [next] + labels) <= DNSName.maxWireLength else { break }
            labels.insert(next, at: 0)
        }
        return DNSName(validated: labels)
    }

    mutating func data() -> DNSRecordData {
        switch int(0...6) {
        case 0: .a(IPv4Address(rawValue: UInt32.random(in: 0...UInt32.max, using: &rng)))
        case 1: .aaaa(IPv6Address(high: rng.next(), low: rng.next()))
        case 2: .ptr(name())
        case 3: .srv(priority: UInt16(int(0...65535)), weight: UInt16(int(0...65535)),
                     port: UInt16(int(0...65535)), target: name())
        case 4: .txt(DNSTXT(strings: (0..<int(1...6)).map { _ in bytes(int(0...40)) }))
        case 5: .nsec(nextDomainName: name(), typeBitmaps: bytes(int(0...10)))
        default: .unknown(type: DNSRecordType(rawValue: Self.unknownTypes[int(0...Self.unknownTypes.count - 1)]),
                          rdata: bytes(int(0...30)))
        }
    }

    mutating func record() -> DNSResourceRecord {
        DNSResourceRecord(name: name(), ttl: UInt32.random(in: 0...UInt32.max, using: &rng), data: data(),
                          recordClass: DNSRecordClass(rawValue: UInt16(int(0...0x7FFF))), cacheFlush: bool())
    }

    mutating func question() -> DNSQuestion {
        DNSQuestion(name: name(), type: DNSRecordType(rawValue: UInt16(int(0...65535))),
                    recordClass: DNSRecordClass(rawValue: UInt16(int(0...0x7FFF))), unicastResponse: bool())
    }

    mutating func message() -> DNSMessage {
        DNSMessage(id: UInt16(int(0...65535)), flags: DNSHeaderFlags(rawValue: UInt16(int(0...65535))),
                   questions: (0..<int(0...4)).map { _ in question() },
                   answers: (0..<int(0...6)).map { _ in record() },
                   authorities: (0..<int(0...2)).map { _ in record() },
                   additionals: (0..<int(0...6)).map { _ in record() })
    }
}

extension DNSMessage {
    /// Every name in the message with its exact bytes, in wire order: `==` on names folds case, this does not.
    var exactNames: [[[UInt8]]] {
        var names = questions.map(\.name.labels)
        for record in answers + authorities + additionals {
            names.append(record.name.labels)
            switch record.data {
            case .ptr(let name), .srv(_, _, _, let name), .nsec(let name, _): names.append(name.labels)
            default: break
            }
        }
        return names
    }
}
