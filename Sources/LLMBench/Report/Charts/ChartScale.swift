import Foundation

/// Maps an axis's values to pixels: linear or base-10 logarithmic, over a resolved domain.
struct ChartScale: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case linear
        case logarithmic
    }

    let kind: Kind
    /// Finite, lower < upper; positive when logarithmic.
    let domain: ClosedRange<Double>
    /// The pixel the domain's lower end maps to.
    let start: Double
    /// The pixel the domain's upper end maps to (smaller than `start` for a y axis).
    let end: Double

    /// A scale over `domain`, which is widened when it is degenerate (one value, or not positive
    /// on a logarithmic scale) so that mapping never divides by zero.
    init(kind: Kind, domain: ClosedRange<Double>, start: Double, end: Double) {
        self.kind = kind
        self.domain = Self.usable(domain, kind: kind)
        self.start = start
        self.end = end
    }

    /// The pixel of `value`; nil when it cannot be placed (not finite, or not positive on a
    /// logarithmic scale). Values outside the domain map beyond the ends.
    func position(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let fraction: Double
        switch kind {
        case .linear:
            fraction = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        case .logarithmic:
            guard value > 0 else { return nil }
            let lower = log10(domain.lowerBound)
            fraction = (log10(value) - lower) / (log10(domain.upperBound) - lower)
        }
        return start + (end - start) * fraction
    }

    /// The pixel of `value`, held to the domain's ends (bars from zero on a log axis start at
    /// its bottom).
    func clampedPosition(_ value: Double) -> Double {
        switch kind {
        case .linear:
            return position(min(max(value, domain.lowerBound), domain.upperBound)) ?? start
        case .logarithmic:
            guard value > domain.lowerBound else { return start }
            return position(min(value, domain.upperBound)) ?? start
        }
    }

    /// Whether `value` lies within the domain (with a little tolerance for rounding).
    func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        let slack = (domain.upperBound - domain.lowerBound) * 1e-9
        return value >= domain.lowerBound - slack && value <= domain.upperBound + slack
    }

    private static func usable(_ domain: ClosedRange<Double>, kind: Kind) -> ClosedRange<Double> {
        var lower = domain.lowerBound
        var upper = domain.upperBound
        switch kind {
        case .linear:
            if !lower.isFinite || !upper.isFinite { return 0...1 }
            if upper - lower <= 0 || !(upper - lower).isFinite {
                let pad = lower == 0 ? 1 : abs(lower) * 0.1
                lower -= pad
                upper += pad
            }
        case .logarithmic:
            if !(upper > 0) || !upper.isFinite { return 1...10 }
            if !(lower > 0) || !lower.isFinite { lower = upper / 10 }
            if upper <= lower { (lower, upper) = (lower / 10, lower * 10) }
        }
        return lower...upper
    }
}
