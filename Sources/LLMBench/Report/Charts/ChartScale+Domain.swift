import Foundation

extension ChartScale {
    /// The scale an axis takes for `values`: `.automatic` is logarithmic when the positive
    /// values span two decades or more.
    static func kind(for scale: ChartAxis.Scale, values: [Double]) -> Kind {
        switch scale {
        case .linear: return .linear
        case .logarithmic: return .logarithmic
        case .automatic:
            let positive = values.filter { $0 > 0 && $0.isFinite }
            guard let low = positive.min(), let high = positive.max() else { return .linear }
            return high / low >= 100 ? .logarithmic : .linear
        }
    }

    /// The domain an axis shows: its own when given, else the values' range (non-finite values
    /// skipped) widened to nice ticks. A linear axis of non-negative values starts at 0; a
    /// logarithmic one snaps to whole decades and skips values that are not positive.
    static func domain(for axis: ChartAxis, kind: Kind, values: [Double]) -> ClosedRange<Double> {
        if let given = axis.domain, given.lowerBound.isFinite, given.upperBound.isFinite {
            return given
        }
        switch kind {
        case .linear: return linearDomain(of: values)
        case .logarithmic: return logarithmicDomain(of: values)
        }
    }

    private static func linearDomain(of values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else { return 0...1 }
        if low >= 0 { low = 0 }
        if high == low {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low >= 0 && low - pad < 0 ? 0 : low - pad, high + pad)
        }
        let step = niceStep(span: high - low, targetCount: defaultTickCount)
        guard step > 0, step.isFinite else { return low...high }
        let niceLow = (low / step + 1e-9).rounded(.down) * step
        let niceHigh = (high / step - 1e-9).rounded(.up) * step
        return niceLow...Swift.max(niceHigh, niceLow + step)
    }

    private static func logarithmicDomain(of values: [Double]) -> ClosedRange<Double> {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard let low = positive.min(), let high = positive.max() else { return 1...10 }
        let lowDecade = (log10(low) + 1e-9).rounded(.down)
        var highDecade = (log10(high) - 1e-9).rounded(.up)
        if highDecade <= lowDecade { highDecade = lowDecade + 1 }
        return pow(10, lowDecade)...pow(10, highDecade)
    }
}
