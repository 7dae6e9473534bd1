/// One distinct colour per socket. Up to ten sockets take a categorical palette (Tableau 10) whose colours are
/// easy to tell apart as lines; beyond that, hues step by the golden angle so neighbours in a stack contrast,
/// with lightness alternating to separate hues that come round close again.
enum SVGPalette {
    static let categorical = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ]

    static func colours(count: Int) -> [String] {
        guard count > categorical.count else { return Array(categorical.prefix(count)) }
        return (0..<count).map { index in
            let hue = (Double(index) * 137.507_764).truncatingRemainder(dividingBy: 360)
            let lightness = [0.45, 0.62, 0.53][index % 3]
            return hex(hue: hue, saturation: 0.62, lightness: lightness)
        }
    }

    /// HSL to `#rrggbb`: SVG 1.1 takes CSS2 colours, which have no `hsl()`.
    static func hex(hue: Double, saturation: Double, lightness: Double) -> String {
        let chroma = (1 - abs(2 * lightness - 1)) * saturation
        let sector = hue / 60
        let x = chroma * (1 - abs(sector.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double) = switch Int(sector) {
        case 0: (chroma, x, 0)
        case 1: (x, chroma, 0)
        case 2: (0, chroma, x)
        case 3: (0, x, chroma)
        case 4: (x, 0, chroma)
        default: (chroma, 0, x)
        }
        let m = lightness - chroma / 2
        return "#" + [r, g, b].map { channel in
            let value = max(0, min(255, Int(((channel + m) * 255).rounded())))
            let digits = String(value, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
