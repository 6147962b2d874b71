import LLMBenchSupport

/// Writes one flat JSON object field by field, keeping the order the fields are given in.
///
/// Used for result rows and per-request records, whose column order is part of the format.
struct JSONObjectWriter {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var isFirst = true
    /// Applied to every text value.
    private let redaction: SecretRedaction

    /// An empty object whose text values pass through `redaction`.
    init(redaction: SecretRedaction = .none) {
        self.redaction = redaction
    }

    /// Adds `"name": "value"`.
    mutating func field(_ name: String, _ value: String) {
        key(name)
        JSONString.append(redaction.apply(value), to: &bytes)
    }

    /// Adds `"name": value`.
    mutating func field(_ name: String, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Adds `"name": true|false`.
    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Adds `"name": value`, or `null` for a value that is not finite.
    mutating func field(_ name: String, _ value: Double) {
        key(name)
        bytes.append(contentsOf: Self.number(value).utf8)
    }

    /// Adds `"name": milliseconds`, written exactly to the nanosecond (`12.345678`), or `null`.
    mutating func field(_ name: String, milliseconds nanoseconds: UInt64?) {
        key(name)
        guard let nanoseconds else { return bytes.append(contentsOf: "null".utf8) }
        Self.appendMilliseconds(nanoseconds, to: &bytes)
    }

    /// Adds `"name": value` with every digit a `Double` needs to be read back the same, or `null`
    /// for a value that is not finite.
    mutating func field(_ name: String, exactly value: Double) {
        key(name)
        bytes.append(contentsOf: (value.isFinite ? String(value) : "null").utf8)
    }

    /// Adds `"name": null`.
    mutating func null(_ name: String) {
        key(name)
        bytes.append(contentsOf: "null".utf8)
    }

    /// Adds a field whose value is already JSON text.
    mutating func rawField(_ name: String, _ json: String) {
        key(name)
        bytes.append(contentsOf: json.utf8)
    }

    /// Closes the object and returns its UTF-8 bytes.
    consuming func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// A JSON number with up to 3 decimals (microsecond precision for milliseconds), or `null`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let rounded = (value * 1000).rounded() / 1000
        // Beyond ~1.8e305 the scaling overflows; such values have no decimals to round anyway.
        guard rounded.isFinite else { return String(value) }
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }

    /// Appends `nanoseconds` as milliseconds in decimal, exact and without trailing zeros.
    static func appendMilliseconds(_ nanoseconds: UInt64, to bytes: inout [UInt8]) {
        appendDigits(nanoseconds / 1_000_000, to: &bytes)
        var fraction = nanoseconds % 1_000_000
        guard fraction > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var divisor: UInt64 = 100_000
        while fraction > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }

    /// Appends the decimal digits of `value` without making a string (one call per streamed token).
    private static func appendDigits(_ value: UInt64, to bytes: inout [UInt8]) {
        guard value >= 10 else { return bytes.append(UInt8(ascii: "0") + UInt8(value)) }
        appendDigits(value / 10, to: &bytes)
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    private mutating func key(_ name: String) {
        if !isFirst { bytes.append(UInt8(ascii: ",")) }
        isFirst = false
        JSONString.append(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }
}
