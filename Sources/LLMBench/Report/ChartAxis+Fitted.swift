extension ChartAxis {
    /// An axis zoomed to `values` rather than from 0: logarithmic where the positive values span
    /// two decades or more (the renderer's `.automatic` rule, its domain left to the renderer),
    /// else linear over the values' range widened by `padding` on each side (when nil: 5 % of the
    /// range, or a tenth of a lone value).
    static func fitted(label: String, values: [Double], padding: Double? = nil) -> ChartAxis {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max(),
            ChartScale.kind(for: .automatic, values: finite) == .linear
        else { return ChartAxis(label: label, scale: .automatic) }
        let pad = padding ?? (high > low ? (high - low) * 0.05 : (low == 0 ? 1 : abs(low) * 0.1))
        let lower = low >= 0 ? max(0, low - pad) : low - pad
        return ChartAxis(label: label, scale: .linear, domain: lower...(high + pad))
    }
}
