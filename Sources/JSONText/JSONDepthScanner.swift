/// Measures how deep arrays and objects nest in JSON text without parsing it.
///
/// Runs before `JSONScanner` so that `[[[[…` a million levels deep is refused in linear time and constant stack,
/// instead of reaching the recursive `JSONValue` decoding (SPEC §6: never a crash).
public enum JSONDepthScanner {
    @inlinable
    public static func depth<Bytes: Sequence<UInt8>>(of bytes: Bytes, exceeds limit: Int) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            default:
                break
            }
        }
        return false
    }
}
