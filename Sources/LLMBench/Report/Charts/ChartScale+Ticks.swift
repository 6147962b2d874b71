import Foundation

/// A position on an axis with its gridline; only labelled ticks get a tick mark and text.
struct ChartTick: Sendable, Equatable {
    let value: Double
    /// Nil for a minor gridline.
    let label: String?
}

extension ChartScale {
    /// About how many ticks a linear axis gets.
    static let defaultTickCount = 5

    /// The axis's ticks within its domain: multiples of a 1-2-5 step on a linear scale; whole
    /// decades on a logarithmic one, with 2 and 5 times each decade labelled when the domain spans
    /// at most two decades, and every second (third, …) decade labelled when it spans many.
    func ticks(targetCount: Int = ChartScale.defaultTickCount) -> [ChartTick] {
        switch kind {
        case .linear: return Self.linearTicks(in: domain, targetCount: targetCount)
        case .logarithmic: return logarithmicTicks(targetCount: targetCount)
        }
    }

    /// A step of 1, 2 or 5 times a power of ten that cuts `span` into about `targetCount` parts.
    static func niceStep(span: Double, targetCount: Int) -> Double {
        guard span.isFinite, span > 0 else { return 1 }
        let raw = span / Double(Swift.max(1, targetCount))
        let magnitude = pow(10, log10(raw).rounded(.down))
        let normalized = raw / magnitude
        let factor: Double =
            switch normalized {
            case ..<1.5: 1
            case ..<3: 2
            case ..<7: 5
            default: 10
            }
        return factor * magnitude
    }

    private static func linearTicks(in domain: ClosedRange<Double>, targetCount: Int) -> [ChartTick] {
        let step = niceStep(span: domain.upperBound - domain.lowerBound, targetCount: targetCount)
        let first = (domain.lowerBound / step - 1e-9).rounded(.up)
        let last = (domain.upperBound / step + 1e-9).rounded(.down)
        guard first.isFinite, last.isFinite, last >= first, last - first <= 1000 else { return [] }
        return (Int(first)...Int(last)).map { index in
            let value = Double(index) * step
            return ChartTick(value: value, label: ChartNumberFormat.tick(value, step: step))
        }
    }

    private func logarithmicTicks(targetCount: Int) -> [ChartTick] {
        let lowExponent = log10(domain.lowerBound)
        let highExponent = log10(domain.upperBound)
        let decades = highExponent - lowExponent
        let firstDecade = Int((lowExponent - 1e-9).rounded(.up))
        let lastDecade = Int((highExponent + 1e-9).rounded(.down))
        let labelsMinor = decades <= 2
        let labelEvery = Swift.max(1, Int((decades / Double(Swift.max(1, targetCount + 3))).rounded(.up)))
        var ticks: [ChartTick] = []
        for exponent in (firstDecade - 1)...Swift.max(firstDecade - 1, lastDecade) {
            let decade = pow(10, Double(exponent))
            if exponent >= firstDecade, exponent <= lastDecade {
                let isLabelled = (exponent - firstDecade) % labelEvery == 0
                ticks.append(
                    ChartTick(value: decade, label: isLabelled ? ChartNumberFormat.tick(decade, step: decade) : nil)
                )
            }
            guard labelsMinor else { continue }
            for factor in [2.0, 5.0] where contains(decade * factor) {
                let value = decade * factor
                ticks.append(ChartTick(value: value, label: ChartNumberFormat.tick(value, step: decade)))
            }
        }
        if ticks.contains(where: { $0.label != nil }) { return ticks.sorted { $0.value < $1.value } }
        return Self.linearTicks(in: domain, targetCount: targetCount)
    }
}
