/// How a string is written in a manifest so that every YAML reader (Kubernetes reads YAML 1.1
/// through Go) gets the same string back.
enum KubernetesScalar {
    /// `text` plain when it cannot be read as anything but that string, else double-quoted.
    static func quoted(_ text: String) -> String {
        isPlainSafe(text) ? text : doubleQuoted(text)
    }

    /// Multi-line text as a literal block: the header (`|`, `|-` or `|+`, with an indentation
    /// indicator when the first line starts with a space) and the lines below it; nil when the text
    /// is one line or holds characters a block cannot carry as they are (control characters,
    /// carriage returns, Unicode line separators, a byte order mark).
    static func literalBlock(_ text: String) -> (header: String, lines: [Substring])? {
        guard text.contains("\n") else { return nil }
        let carried = text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x0A, 0x09: true
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: false
            default: true
            }
        }
        guard carried else { return nil }
        var body = Substring(text)
        var trailingBreaks = 0
        while body.hasSuffix("\n") {
            body = body.dropLast()
            trailingBreaks += 1
        }
        guard !body.isEmpty else { return nil }
        let chomping = trailingBreaks == 0 ? "-" : trailingBreaks == 1 ? "" : "+"
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let firstContent = lines.first { !$0.allSatisfy { $0 == " " } } ?? lines[0]
        let leadingBlankIsLong = lines.prefix { $0.allSatisfy { $0 == " " } }.contains { !$0.isEmpty }
        let needsIndicator = firstContent.first == " " || firstContent.first == "\t" || leadingBlankIsLong
        let header = "|" + (needsIndicator ? "2" : "") + chomping
        return (header, lines + Array(repeating: "", count: max(0, trailingBreaks - 1)))
    }

    /// `text` in double quotes, with every character a YAML reader would not keep as it is escaped.
    static func doubleQuoted(_ text: String) -> String {
        var written = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: written += "\\\""
            case 0x5C: written += "\\\\"
            case 0x0A: written += "\\n"
            case 0x09: written += "\\t"
            case 0x0D: written += "\\r"
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                written += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: written.unicodeScalars.append(scalar)
            }
        }
        return written + "\""
    }

    /// Whether `text` reads back as this very string when written without quotes.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        let allowed = text.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_", "/": true
            default: false
            }
        }
        guard allowed, first != "-", first != ".", last != ":" else { return false }
        if reservedWords.contains(text.lowercased()) { return false }
        // Anything a YAML 1.1 reader could take for a number (1, 1.5, 0x1F, 1_000, .5, 1e3, 0o7).
        let numeric = text.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "0"..."9", ".", "_", "-", "+": true
            default: false
            }
        }
        if numeric { return false }
        if Double(text) != nil || text.hasPrefix("0x") || text.hasPrefix("0o") || text.hasPrefix("0b") { return false }
        return true
    }

    /// The words YAML 1.1 or 1.2 reads as booleans or null.
    private static let reservedWords: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
    ]
}
