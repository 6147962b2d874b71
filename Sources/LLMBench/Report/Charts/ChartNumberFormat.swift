import Foundation

/// How numbers are written in a chart: pixel coordinates, tick labels and hover text.
/// Data attributes use `JSONObjectWriter.number(_:)` instead, the files' own spelling.
enum ChartNumberFormat {
    /// A pixel coordinate rounded to one decimal, without a trailing `.0` ("12.5", "300").
    static func coordinate(_ value: Double) -> String {
        fixed(value, decimals: 1)
    }

    /// A tick label: compact with a k/M/G/T suffix from a thousand up ("1.5M", "250", "0.25"),
    /// with as many decimals as `step` (the distance to the neighbouring tick) needs.
    static func tick(_ value: Double, step: Double) -> String {
        guard value.isFinite else { return "" }
        if value == 0 { return "0" }
        let (unit, suffix) = magnitudeUnit(of: value)
        let scaledStep = abs(step) / unit
        var decimals = 0
        if scaledStep.isFinite, scaledStep > 0 {
            decimals = min(9, max(0, Int((-log10(scaledStep) - 1e-9).rounded(.up))))
        }
        return fixed(value / unit, decimals: decimals) + suffix
    }

    /// A value for people to read (hover text, legend): three significant digits below 1,
    /// two decimals up to 100, one beyond, compact from a million ("1.25M").
    static func display(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        let magnitude = abs(value)
        if magnitude >= 1e6 { return tick(value, step: magnitudeUnit(of: value).unit / 100) }
        if magnitude >= 100 { return fixed(value, decimals: 1) }
        if magnitude >= 1 || magnitude == 0 { return fixed(value, decimals: 2) }
        let decimals = min(12, 2 + Int((-log10(magnitude)).rounded(.up)))
        return fixed(value, decimals: decimals)
    }

    /// A duration for people to read, in milliseconds below a tenth of a second ("2 ms",
    /// "0.25 ms"), else in seconds ("0.5 s", "20 s"): at most three decimals, trailing zeros dropped.
    static func duration(seconds: Double) -> String {
        guard seconds.isFinite else { return display(seconds) + " s" }
        if abs(seconds) < 0.1 { return fixed(seconds * 1000, decimals: 3) + " ms" }
        return fixed(seconds, decimals: 3) + " s"
    }

    /// `value` rounded to `decimals` (0…12), trailing zeros and point dropped; never "-0".
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "" }
        let places = min(12, max(0, decimals))
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded()
        guard scaled < 9e15 else { return String(value) }
        let units = UInt64(scaled)
        let whole = units / scale
        var fraction = units % scale
        var fractionDigits = places
        while fractionDigits > 0, fraction % 10 == 0 {
            fraction /= 10
            fractionDigits -= 1
        }
        let sign = value < 0 && units > 0 ? "-" : ""
        guard fractionDigits > 0 else { return "\(sign)\(whole)" }
        let text = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: fractionDigits - text.count) + text
    }

    private static func magnitudeUnit(of value: Double) -> (unit: Double, suffix: String) {
        let magnitude = abs(value)
        if magnitude >= 1e12 { return (1e12, "T") }
        if magnitude >= 1e9 { return (1e9, "G") }
        if magnitude >= 1e6 { return (1e6, "M") }
        if magnitude >= 1e3 { return (1e3, "k") }
        return (1, "")
    }
}
