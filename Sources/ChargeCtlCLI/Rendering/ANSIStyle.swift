/// Terminal styles for human output. SPEC §1: colour only on a TTY and never with `NO_COLOR`; the caller decides
/// (it knows the terminal and the environment), the renderers only take the resulting flag.
enum ANSIStyle: String, Sendable, CaseIterable {
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case magenta = "35"
    case cyan = "36"

    static let reset = "\u{1B}[0m"

    var escape: String { "\u{1B}[\(rawValue)m" }

    /// `text` wrapped in this style when `enabled`, unchanged otherwise, so call sites need no branches.
    func apply(_ text: String, enabled: Bool) -> String {
        guard enabled, !text.isEmpty else { return text }
        return escape + text + Self.reset
    }

    /// The width a terminal shows: escape sequences (`ESC [ … letter`) take no columns.
    /// Alignment must pad on this, not on `count`, or coloured cells would shift their columns.
    static func visibleWidth(_ text: String) -> Int {
        hasEscape(text) ? stripped(text).count : text.count
    }

    /// Byte scan for ESC: `String.contains(String)` goes through Foundation's locale-aware search, which a 128-socket
    /// preview table called for each of its half a million cell paddings.
    static func hasEscape(_ text: String) -> Bool { text.utf8.contains(0x1B) }

    /// `text` without CSI escape sequences.
    static func stripped(_ text: String) -> String {
        guard hasEscape(text) else { return text }
        var result = ""
        var inEscape = false
        var sawBracket = false
        for character in text {
            if inEscape {
                if !sawBracket {
                    sawBracket = true
                    if character != "[" { inEscape = false }
                    continue
                }
                if let ascii = character.asciiValue, (0x40...0x7E).contains(ascii) { inEscape = false }
                continue
            }
            if character == "\u{1B}" {
                inEscape = true
                sawBracket = false
                continue
            }
            result.append(character)
        }
        return result
    }
}
