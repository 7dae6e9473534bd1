/// Output passed on in pieces of about `chunkSize` bytes: a large rendering (a day's preview, 16 MB of JSON) goes
/// out as it is made instead of being held whole, and without a write per line. Each piece appended must be whole
/// UTF-8 text, so a chunk never splits a character.
struct ChunkedOutput {
    private let out: (String) -> Void
    private let chunkSize: Int
    private var buffer: [UInt8] = []

    init(chunkSize: Int = 1 << 16, _ out: @escaping (String) -> Void) {
        self.out = out
        self.chunkSize = chunkSize
        buffer.reserveCapacity(chunkSize + 4096)
    }

    mutating func append(_ bytes: [UInt8]) {
        buffer += bytes
        if buffer.count >= chunkSize { flush() }
    }

    /// A line of whole UTF-8 text and its newline.
    mutating func line(_ bytes: [UInt8]) {
        buffer += bytes
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= chunkSize { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        out(String(decoding: buffer, as: UTF8.self))
        buffer.removeAll(keepingCapacity: true)
    }
}
