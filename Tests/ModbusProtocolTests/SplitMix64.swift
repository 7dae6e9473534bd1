/// A tiny deterministic PRNG (SplitMix64, Steele/Lea/Flood 2014) so property tests are reproducible from a seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &self) }
    }

    mutating func registers(_ count: Int) -> [UInt16] {
        (0..<count).map { _ in UInt16.random(in: .min ... .max, using: &self) }
    }

    /// Chunk sizes (each ≥ 1) that add up to `total`.
    mutating func splits(of total: Int, maxChunk: Int = 9) -> [Int] {
        var chunks: [Int] = []
        var left = total
        while left > 0 {
            let chunk = Int.random(in: 1...min(maxChunk, left), using: &self)
            chunks.append(chunk)
            left -= chunk
        }
        return chunks
    }
}
