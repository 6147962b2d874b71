/// Trace times read exactly into nanoseconds: decimal numbers of a unit, and Azure's dates.
enum TraceTime {
    /// `text`, a decimal number of `unitNanoseconds` (`"12"`, `"0.25"`; digits past a nanosecond
    /// are dropped), in nanoseconds; nil when it is not a number of 0 or more, or does not fit.
    static func nanoseconds(decimal text: Substring, unitNanoseconds: Int64) -> Int64? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty || parts.count == 2,
            whole.allSatisfy(\.isASCIIDigit), whole.count <= 12
        else { return nil }
        let (product, overflows) = (Int64(whole) ?? 0).multipliedReportingOverflow(by: unitNanoseconds)
        guard !overflows else { return nil }
        var value = product
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty || !whole.isEmpty, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            var scale = unitNanoseconds
            for digit in fraction {
                scale /= 10
                guard scale > 0 else { break }
                value += Int64(digit.wholeNumberValue ?? 0) * scale
            }
        }
        return value
    }

    /// Nanoseconds since 1970-01-01 UTC of a date as Azure's traces write it:
    /// `2023-11-16 18:15:46.6805900`, optionally with `T`, a `Z` or a `+00:00` offset, years 1 to 9999
    /// (all fit in nanoseconds since 1970 only up to 2262: later ones are nil); nil otherwise.
    static func nanoseconds(date text: Substring) -> Int64? {
        var rest = Substring(text)
        var zoneSeconds: Int64 = 0
        if rest.hasSuffix("Z") {
            rest = rest.dropLast()
        } else if rest.count > 6, let sign = rest.dropLast(5).last, sign == "+" || sign == "-",
            rest.suffix(3).first == ":"
        {
            let zone = rest.suffix(5)
            guard let hours = Int64(zone.prefix(2)), let minutes = Int64(zone.suffix(2)) else { return nil }
            zoneSeconds = (hours * 3600 + minutes * 60) * (sign == "+" ? 1 : -1)
            rest = rest.dropLast(6)
        }
        let halves = rest.split(omittingEmptySubsequences: true) { $0 == " " || $0 == "T" }
        guard halves.count == 2 else { return nil }
        let day = halves[0].split(separator: "-", omittingEmptySubsequences: false)
        let time = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard day.count == 3, time.count == 3,
            day.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
            time.dropLast().allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int64(day[0]), let month = Int64(day[1]), let date = Int64(day[2]),
            let hour = Int64(time[0]), let minute = Int64(time[1]),
            let second = nanoseconds(decimal: time[2], unitNanoseconds: 1_000_000_000),
            (1...12).contains(month), (1...31).contains(date), hour < 24, minute < 60, (1...9999).contains(year),
            second < 61_000_000_000
        else { return nil }
        let seconds =
            daysSinceEpoch(year: year, month: month, day: date) * 86_400 + hour * 3600 + minute * 60
            - zoneSeconds
        let (whole, overflows) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, overflowsToo) = whole.addingReportingOverflow(second)
        guard !overflows, !overflowsToo else { return nil }
        return total
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
