import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// UTC timestamps for results, formatted with the C library (no locale or ICU data is loaded).
enum UTCTimestamp {
    /// `2024-01-01T10:00:00Z`, as the original request's `@timestamp` column shows.
    static func iso8601(_ date: Date) -> String {
        format(date, "%Y-%m-%dT%H:%M:%SZ")
    }

    /// `2024-01-01T10:00:00.123Z`, for lines of a time series.
    static func iso8601Milliseconds(_ date: Date) -> String {
        format(date, "%Y-%m-%dT%H:%M:%S") + "." + milliseconds(date) + "Z"
    }

    /// `20240101T100000.123Z`, for file names: two runs a millisecond apart get different names.
    static func compactMilliseconds(_ date: Date) -> String {
        format(date, "%Y%m%dT%H%M%S") + "." + milliseconds(date) + "Z"
    }

    /// The milliseconds of `date`'s second, as three digits.
    private static func milliseconds(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let milliseconds = min(999, Int(((date.timeIntervalSince1970 - seconds) * 1000).rounded(.down)))
        let fraction = String(milliseconds)
        return String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    private static func format(_ date: Date, _ pattern: String) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let count = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
