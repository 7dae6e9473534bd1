/// An ordered list of at most three phases, stored inline: the allocator builds one per socket per instant, and an
/// `Array` would cost a heap allocation and reference counting each time.
public struct PhaseList: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// Two bits per phase (its raw value 1…3), first phase in the lowest bits; the count in bits 8…9.
    private var packed: UInt16

    public init<S: Sequence>(_ phases: S) where S.Element == Phase {
        packed = 0
        for phase in phases.prefix(3) {
            packed |= UInt16(phase.rawValue) << (2 * UInt16(count))
            packed = (packed & 0xFF) | UInt16(count + 1) << 8
        }
    }

    public init(arrayLiteral elements: Phase...) { self.init(elements) }

    public static let empty = PhaseList([])

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(packed >> 8) }

    public subscript(position: Int) -> Phase {
        Phase(rawValue: Int((packed >> (2 * UInt16(position))) & 0b11)) ?? .l1
    }

    public var description: String { map(\.name).joined() }
}
