/// The colours of the charts, chosen to stay distinct for colour-blind readers: the Okabe–Ito
/// palette for series, viridis for values on a sequential scale.
enum ChartPalette {
    /// How a series looks: colour, then (after every eight series) a dash pattern and marker shape.
    struct SeriesLook: Sendable, Equatable {
        let color: String
        /// An SVG `stroke-dasharray`; nil for a solid line.
        let dashes: String?
        let marker: MarkerShape
    }

    enum MarkerShape: Sendable, Equatable, CaseIterable {
        case circle
        case square
        case triangle
        case diamond
    }

    /// Okabe & Ito's eight colours, yellow and black last (yellow is the faintest on white).
    static let okabeIto = [
        "#0072B2",  // blue
        "#E69F00",  // orange
        "#009E73",  // bluish green
        "#D55E00",  // vermillion
        "#CC79A7",  // reddish purple
        "#56B4E9",  // sky blue
        "#F0E442",  // yellow
        "#000000",  // black
    ]

    private static let dashPatterns: [String?] = [nil, "7 3", "2 2", "8 3 2 3"]

    /// The look of the series with palette position `index` (any integer; it cycles).
    static func series(_ index: Int) -> SeriesLook {
        let position = index.magnitude
        let cycle = Int(position / UInt(okabeIto.count))
        return SeriesLook(
            color: okabeIto[Int(position % UInt(okabeIto.count))],
            dashes: dashPatterns[cycle % dashPatterns.count],
            marker: MarkerShape.allCases[cycle % MarkerShape.allCases.count]
        )
    }

    /// Reference lines, axes and other ink that is not data.
    static let ink = "#333333"
    static let grid = "#DDDDDD"
    /// A timeline row before its first token.
    static let waiting = "#C4C4C4"
    /// A timeline row's streaming part when it has no colour value.
    static let neutral = "#6B6B6B"
    /// Failures (Okabe–Ito vermillion, which viridis does not contain).
    static let failure = "#D55E00"

    /// Viridis sampled at eleven even steps (0, 0.1, …, 1), as RGB.
    private static let viridis: [(Double, Double, Double)] = [
        (0x44, 0x01, 0x54), (0x48, 0x24, 0x75), (0x41, 0x44, 0x87), (0x35, 0x5F, 0x8D),
        (0x2A, 0x78, 0x8E), (0x21, 0x91, 0x8C), (0x22, 0xA8, 0x84), (0x44, 0xBF, 0x70),
        (0x7A, 0xD1, 0x51), (0xBD, 0xDF, 0x26), (0xFD, 0xE7, 0x25),
    ]

    /// The viridis colour at `fraction` (0 dark purple … 1 yellow, held to that range),
    /// interpolated between its stops, as `#RRGGBB`.
    static func sequential(_ fraction: Double) -> String {
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let position = clamped * Double(viridis.count - 1)
        let lower = min(Int(position), viridis.count - 2)
        let weight = position - Double(lower)
        let (r0, g0, b0) = viridis[lower]
        let (r1, g1, b1) = viridis[lower + 1]
        return hex(r0 + (r1 - r0) * weight, g0 + (g1 - g0) * weight, b0 + (b1 - b0) * weight)
    }

    private static func hex(_ red: Double, _ green: Double, _ blue: Double) -> String {
        let digits = Array("0123456789ABCDEF")
        var text = "#"
        for channel in [red, green, blue] {
            let byte = Int(min(max(channel.rounded(), 0), 255))
            text.append(digits[byte / 16])
            text.append(digits[byte % 16])
        }
        return text
    }
}
