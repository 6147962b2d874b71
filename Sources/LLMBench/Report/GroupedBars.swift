/// Bars of several series over shared bins, side by side: series `k` of `n` takes the `k`-th
/// `n`-th of each bin's width, so no bar hides another.
enum GroupedBars {
    /// One series' values, one per bin.
    struct Values {
        var name: String
        var values: [Double]
    }

    /// The bar series of `values` over the bins `edges(i)` (lower, upper) for `binCount` bins;
    /// zero bars are left out. `label` gives a bar's hover text from its series, bin and value.
    static func series(
        _ values: [Values],
        binCount: Int,
        edges: (Int) -> (lower: Double, upper: Double),
        label: (String, Int, Double) -> String
    ) -> [ChartSeries] {
        values.enumerated().map { position, entry in
            let points = (0..<binCount).compactMap { bin -> ChartPoint? in
                let value = entry.values[bin]
                guard value != 0 else { return nil }
                let (lower, upper) = edges(bin)
                let share = (upper - lower) / Double(values.count)
                return ChartPoint(
                    x: lower + share * Double(position),
                    y: value,
                    xEnd: lower + share * Double(position + 1),
                    label: label(entry.name, bin, value)
                )
            }
            return ChartSeries(name: entry.name, style: .bars, colorIndex: position, points: points)
        }
    }
}
