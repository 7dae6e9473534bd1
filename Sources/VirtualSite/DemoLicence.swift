import StationModel

/// The simulator's licence scheme (alfen-station.md §4.4: a key is bought for one object number). Alfen's real
/// derivation is not public, so the virtual stations accept keys made by `demoLicenceKey`: three 32-bit words,
///   w0 = features XOR mask(object), w1 = tag(object), w2 = checksum(w0, w1, object),
/// printed as six groups of four hex digits. A key for another object number, or any other key, unlocks nothing.
public func demoLicenceKey(objectNumber: Int, features: UInt32) -> String {
    let w0 = features ^ DemoLicence.mask(objectNumber)
    let w1 = DemoLicence.tag(objectNumber)
    let w2 = DemoLicence.checksum(w0, w1, objectNumber)
    let digits = [w0, w1, w2].map(DemoLicence.hex8).joined()
    return stride(from: 0, to: 24, by: 4).map { offset in
        String(digits.dropFirst(offset).prefix(4))
    }.joined(separator: ".")
}

public enum DemoLicence {
    /// The features a key unlocks on `objectNumber`; nil when it is not a key for that object (or not a key).
    public static func features(forKey text: String, objectNumber: Int) -> UInt32? {
        guard let key = try? LicenceKey(text) else { return nil }
        let digits = key.normalised.filter { $0 != "." }
        let words = stride(from: 0, to: 24, by: 8).compactMap { offset in
            UInt32(String(digits.dropFirst(offset).prefix(8)), radix: 16)
        }
        guard words.count == 3, words[1] == tag(objectNumber), words[2] == checksum(words[0], words[1], objectNumber) else {
            return nil
        }
        return words[0] ^ mask(objectNumber)
    }

    static func mask(_ object: Int) -> UInt32 { fnv1a("chargectl-demo-mask:\(object)") }
    static func tag(_ object: Int) -> UInt32 { fnv1a("chargectl-demo-object:\(object)") }
    static func checksum(_ w0: UInt32, _ w1: UInt32, _ object: Int) -> UInt32 {
        fnv1a("chargectl-demo-sum:\(hex8(w0)):\(hex8(w1)):\(object)")
    }

    static func hex8(_ word: UInt32) -> String {
        let text = String(word, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - text.count) + text
    }

    /// FNV-1a, 32 bits: stable across runs and platforms (Swift's Hasher is seeded per process).
    static func fnv1a(_ text: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }
}

/// The feature bits of alfen-station.md §4.4 the simulator knows by name.
public enum FeatureBits {
    public static let scn: UInt32 = 0x1
    public static let staticLoadBalancing: UInt32 = 0x2
    public static let activeLoadBalancing: UInt32 = 0x4
    public static let highPower: UInt32 = 0x10
}
