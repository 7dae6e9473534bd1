import TestRandom

/// Random inputs the Modbus property tests need, drawn from the shared seeded generator.
extension SplitMix64 {
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
