/// Reads the JSON values of one line of bytes in place, without building a document: what the
/// requests file's reader needs to turn millions of numbers into `Double`s quickly.
///
/// Numbers are read exactly: with at most 19 significant digits and a power of ten up to 22 (every
/// value llm-bench writes) the one multiplication or division of two exact doubles rounds
/// correctly; anything else goes through the standard library's parser.
struct JSONLineScanner {
    /// What is wrong, as a phrase, and the offset of the byte where it was found (nil: the
    /// line as a whole).
    struct Failure: Error {
        var reason: String
        var offset: Int?
    }

    private let bytes: UnsafeRawBufferPointer
    private let end: Int
    /// The offset of the next byte to read.
    private(set) var position: Int

    /// A scanner of `bytes[range]`.
    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    /// Whether only whitespace is left.
    mutating func isAtEnd() -> Bool {
        skipWhitespace()
        return position >= end
    }

    /// Reads `byte` (after whitespace) or fails.
    mutating func expect(_ byte: UInt8) throws(Failure) {
        skipWhitespace()
        guard position < end, bytes[position] == byte else {
            throw failure("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        position += 1
    }

    /// Reads `byte` (after whitespace) when it is next; tells whether it was.
    mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < end, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Whether `byte` is next (after whitespace), leaving it unread.
    mutating func isNext(_ byte: UInt8) -> Bool {
        skipWhitespace()
        return position < end && bytes[position] == byte
    }

    /// Reads `null` when it is next; tells whether it was.
    mutating func takeNull() -> Bool {
        skipWhitespace()
        guard end - position >= 4, bytes[position] == UInt8(ascii: "n") else { return false }
        guard bytes[position + 1] == UInt8(ascii: "u"), bytes[position + 2] == UInt8(ascii: "l"),
            bytes[position + 3] == UInt8(ascii: "l")
        else { return false }
        position += 4
        return true
    }

    /// Reads `true` or `false`.
    mutating func boolean() throws(Failure) -> Bool {
        skipWhitespace()
        if matches("true") { return true }
        if matches("false") { return false }
        throw failure("expected true or false")
    }

    /// Reads a string, escapes decoded.
    mutating func string() throws(Failure) -> String {
        try expect(UInt8(ascii: "\""))
        let start = position
        while position < end {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            case UInt8(ascii: "\\"):
                return try escapedString(from: start)
            default:
                position += 1
            }
        }
        throw failure("unterminated string")
    }

    /// Reads a whole number.
    mutating func integer() throws(Failure) -> Int64 {
        skipWhitespace()
        let isNegative = take(UInt8(ascii: "-"))
        var value: Int64 = 0
        var digits = 0
        while position < end, let digit = Self.digit(bytes[position]) {
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit))
            guard !overflow, !overflow2 else { throw failure("number too large") }
            value = sum
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw failure("expected a number") }
        if position < end, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[position]) {
            throw failure("expected a whole number")
        }
        return isNegative ? -value : value
    }

    /// Reads a number.
    mutating func number() throws(Failure) -> Double {
        skipWhitespace()
        let start = position
        let isNegative = take(UInt8(ascii: "-"))
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var isRounded = false
        var exponent = 0
        var digits = 0
        var isFraction = false
        while position < end {
            let byte = bytes[position]
            if let digit = Self.digit(byte) {
                digits += 1
                if mantissa == 0 && digit == 0 {
                    if isFraction { exponent -= 1 }
                } else if significantDigits < 19 {
                    mantissa = mantissa * 10 + UInt64(digit)
                    significantDigits += 1
                    if isFraction { exponent -= 1 }
                } else {
                    isRounded = true
                    if !isFraction { exponent += 1 }
                }
            } else if byte == UInt8(ascii: "."), !isFraction {
                isFraction = true
            } else {
                break
            }
            position += 1
        }
        guard digits > 0 else { throw failure("expected a number") }
        if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            let isNegativeExponent = take(UInt8(ascii: "-"))
            if !isNegativeExponent { _ = take(UInt8(ascii: "+")) }
            var written = 0
            var exponentDigits = 0
            while position < end, let digit = Self.digit(bytes[position]) {
                written = min(written * 10 + digit, 100_000)
                exponentDigits += 1
                position += 1
            }
            guard exponentDigits > 0 else { throw failure("expected an exponent") }
            exponent += isNegativeExponent ? -written : written
        }
        if !isRounded, mantissa <= 1 << 53, (-22...22).contains(exponent) {
            let magnitude =
                exponent < 0
                ? Double(mantissa) / Self.powersOfTen[-exponent] : Double(mantissa) * Self.powersOfTen[exponent]
            return isNegative ? -magnitude : magnitude
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text) else { throw failure("expected a number") }
        return value
    }

    /// Reads an object: `field` is called with each name and the scanner at its value, which it
    /// reads or skips.
    mutating func object(_ field: (String, inout JSONLineScanner) throws(Failure) -> Void) throws(Failure) {
        try expect(UInt8(ascii: "{"))
        if take(UInt8(ascii: "}")) { return }
        repeat {
            let name = try string()
            try expect(UInt8(ascii: ":"))
            try field(name, &self)
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// Reads an array of numbers into `values`.
    mutating func numbers(into values: inout [Double]) throws(Failure) {
        try expect(UInt8(ascii: "["))
        if take(UInt8(ascii: "]")) { return }
        repeat {
            values.append(try number())
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    /// Reads past one value of any kind.
    mutating func skipValue() throws(Failure) {
        skipWhitespace()
        guard position < end else { throw failure("expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"):
            position += 1
            if take(UInt8(ascii: "}")) { return }
            repeat {
                _ = try string()
                try expect(UInt8(ascii: ":"))
                try skipValue()
            } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            position += 1
            if take(UInt8(ascii: "]")) { return }
            repeat { try skipValue() } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"))
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try boolean()
        case UInt8(ascii: "n"):
            guard takeNull() else { throw failure("expected a value") }
        default: _ = try number()
        }
    }

    /// A failure at the current position.
    func failure(_ reason: String) -> Failure {
        Failure(reason: reason, offset: position)
    }

    private mutating func skipWhitespace() {
        while position < end {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): position += 1
            default: return
            }
        }
    }

    private mutating func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard end - position >= count else { return false }
        for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { return false }
        position += count
        return true
    }

    /// The rest of a string that holds escapes, begun at `start`.
    private mutating func escapedString(from start: Int) throws(Failure) -> String {
        var text = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
        while position < end {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < end else { break }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"): text.append(contentsOf: try unicodeEscape())
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                default: throw failure("unknown escape")
                }
            default: text.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    /// The UTF-8 of a `\uXXXX` escape (after the `u`), with its low surrogate when it has one.
    private mutating func unicodeEscape() throws(Failure) -> [UInt8] {
        var scalar = try hexQuad()
        if (0xD800..<0xDC00).contains(scalar), matches("\\u") {
            let low = try hexQuad()
            guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid surrogate pair") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        let character = Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}"
        return Array(String(character).utf8)
    }

    private mutating func hexQuad() throws(Failure) -> UInt32 {
        guard end - position >= 4 else { throw failure("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Character(Unicode.Scalar(bytes[position])).hexDigitValue else {
                throw failure("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// 10^0 … 10^22, each exact as a `Double`.
    private static let powersOfTen: [Double] = (0...22).map { power in
        (0..<power).reduce(1.0) { value, _ in value * 10 }
    }
}
