@testable import DNSSD
import TestRandom
import Testing

/// Codec properties over seeded random messages: any failure names the seed that reproduces it.
@Suite struct DNSRoundTripTests {
    static let seeds: [UInt64] = [1, 2, 3, 0xC0FFEE]
    static let messagesPerSeed = 1_000

    @Test(arguments: seeds)
    func compressedRoundTripIsExact(seed: UInt64) throws {
        var random = RandomMessage(rng: SplitMix64(seed: seed))
        for index in 0..<Self.messagesPerSeed {
            let message = random.message()
            let bytes = try DNSMessageEncoder().encodeBytes(message)
            let decoded = try DNSMessageDecoder().decode(bytes: bytes)
            #expect(decoded == message, "seed \(seed) message \(index)")
            #expect(decoded.exactNames == message.exactNames, "seed \(seed) message \(index): name bytes changed")
            // Re-encoding a decoded message reproduces the bytes: the codec is a bijection on its own output.
            #expect(try DNSMessageEncoder().encodeBytes(decoded) == bytes, "seed \(seed) message \(index)")
        }
    }

    @Test(arguments: seeds)
    func compressionNeverGrowsAMessageAndDecodesTheSame(seed: UInt64) throws {
        var random = RandomMessage(rng: SplitMix64(seed: seed))
        var saved = 0
        for index in 0..<Self.messagesPerSeed {
            let message = random.message()
            let plain = try DNSMessageEncoder(compressNames: false).encodeBytes(message)
            let compressed = try DNSMessageEncoder().encodeBytes(message)
            #expect(compressed.count <= plain.count, "seed \(seed) message \(index)")
            #expect(try DNSMessageDecoder().decode(bytes: plain) == message, "seed \(seed) message \(index)")
            saved += plain.count - compressed.count
        }
        // The label pool repeats suffixes, so compression must actually have happened.
        #expect(saved > Self.messagesPerSeed)
    }

    /// Random single-byte damage to valid packets: each either fails with a `DNSMessageError` or decodes to a
    /// message that itself round-trips. Both outcomes must occur, or the mutation is not reaching the decoder.
    @Test(arguments: seeds)
    func damagedPacketsFailCleanlyOrRoundTrip(seed: UInt64) throws {
        var random = RandomMessage(rng: SplitMix64(seed: seed))
        var failures = 0, successes = 0
        for _ in 0..<Self.messagesPerSeed {
            var bytes = try DNSMessageEncoder().encodeBytes(random.message())
            for _ in 0..<random.int(1...3) {
                bytes[random.int(0...bytes.count - 1)] = random.bytes(1)[0]
            }
            if random.bool() { bytes.removeLast(random.int(0...min(8, bytes.count))) }
            do {
                let decoded = try DNSMessageDecoder().decode(bytes: bytes)
                let again = try DNSMessageDecoder().decode(bytes: try DNSMessageEncoder().encodeBytes(decoded))
                #expect(again == decoded)
                successes += 1
            } catch {
                failures += 1
            }
        }
        #expect(failures > 0 && successes > 0, "failures \(failures), successes \(successes)")
    }

    @Test func sameSeedGivesTheSameMessages() {
        var first = RandomMessage(rng: SplitMix64(seed: 42)), second = RandomMessage(rng: SplitMix64(seed: 42))
        for _ in 0..<50 { #expect(first.message() == second.message()) }
    }
}
