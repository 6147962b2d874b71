import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// UTC timestamps for results, formatted with the C library (no locale or ICU data is loaded).
enum UTCTimestamp {
    /// `2024-01-01T10:00:00Z`, as the seed's `@timestamp` column shows.
    static func iso8601(_ date: Date) -> String {
        format(date, "%Y-%m-%dT%H:%M:%SZ")
    }

    /// `20240101T100000Z`, for file names.
    static func compact(_ date: Date) -> String {
        format(date, "%Y%m%dT%H%M%SZ")
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
