/// Replaces the API key and the custom header values with `<redacted>` in text bound for any
/// output: the console, error messages, the result files and the summary.
///
/// Built once per run from the resolved key and header values. Servers echo credentials in error
/// bodies (`Incorrect API key provided: sk-…`), so every text written passes through ``apply(_:)``.
/// A value of 4 characters or more is replaced wherever it occurs, also in its JSON-escaped form
/// and, for a header such as `Authorization: Bearer abc…`, as the bare credential after the
/// scheme. A shorter API key is replaced where it stands as a word of its own; a header value
/// shorter than 4 characters (`1`, `on`) is no secret and is left in free text, since replacing
/// it would garble every number.
public struct SecretRedaction: Sendable, Equatable {
    /// What a secret is replaced with.
    public static let placeholder = "<redacted>"
    /// Redacts nothing.
    public static let none = SecretRedaction(apiKeys: [], headerValues: [])

    /// Values replaced wherever they occur, longest first.
    private let anywhere: [String]
    /// Short values replaced only where they stand as a word of their own.
    private let words: [String]

    /// A redaction of `apiKey` and `headerValues`.
    public init(apiKey: String?, headerValues: some Sequence<String>) {
        self.init(apiKeys: apiKey.map { [$0] } ?? [], headerValues: headerValues)
    }

    /// A redaction of several candidate API keys and `headerValues`.
    public init(apiKeys: some Sequence<String>, headerValues: some Sequence<String>) {
        var anywhere: Set<String> = []
        var words: Set<String> = []
        let minimumLength = 4
        let forms = { (value: String) -> [String] in
            var forms = [value, Self.jsonEscaped(value)]
            let parts = value.split(separator: " ", maxSplits: 1)
            if parts.count == 2, ["bearer", "basic", "token", "apikey"].contains(parts[0].lowercased()) {
                forms.append(String(parts[1]).trimmingSpaces)
            }
            return forms
        }
        for value in headerValues {
            for form in forms(value.trimmingSpaces) where form.count >= minimumLength { anywhere.insert(form) }
        }
        for apiKey in apiKeys {
            for form in forms(apiKey.trimmingSpaces) where !form.isEmpty {
                if form.count >= minimumLength { anywhere.insert(form) } else { words.insert(form) }
            }
        }
        self.anywhere = anywhere.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        self.words = words.sorted()
    }

    /// The redaction of a config's API key and header values, and of the credentials a URL of it
    /// carries in its query (`?key=…`, `?token=…`: `base_url`'s and the server metrics URLs').
    public init(_ config: BenchmarkConfig) {
        var addresses: [ServerAddress] = []
        if case .remote(let address) = config.endpoint { addresses.append(address) }
        if case .urls(let urls) = config.serverMetrics.source { addresses += urls }
        self.init(
            apiKey: config.apiKey?.value,
            headerValues: Array(config.headers.values) + addresses.flatMap(Self.queryCredentials)
        )
    }

    /// The values of `address`'s query parameters whose names say they are credentials.
    static func queryCredentials(of address: ServerAddress) -> [String] {
        address.query.split(separator: "&").compactMap { parameter in
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            let name = pair[0].lowercased()
            let isCredential = credentialWords.contains { name.contains($0) }
            return isCredential ? String(pair[1]) : nil
        }
    }

    /// Words in a query parameter's name that make its value a credential.
    private static let credentialWords = ["key", "token", "secret", "password", "auth", "signature", "sig"]

    /// Whether there is nothing to redact.
    var isEmpty: Bool { anywhere.isEmpty && words.isEmpty }

    /// `text` with every secret replaced by `<redacted>`.
    public func apply(_ text: String) -> String {
        guard !isEmpty else { return text }
        var result = text
        for secret in anywhere where result.contains(secret) {
            result = result.replacing(secret, with: Self.placeholder)
        }
        for word in words where result.contains(word) {
            result = Self.replacingWord(word, in: result)
        }
        return result
    }

    /// `word` replaced where no letter or digit touches it on either side.
    private static func replacingWord(_ word: String, in text: String) -> String {
        var result = ""
        var rest = text[...]
        while let range = rest.firstRange(of: word) {
            let before = range.lowerBound > rest.startIndex ? rest[rest.index(before: range.lowerBound)] : nil
            let after = range.upperBound < rest.endIndex ? rest[range.upperBound] : nil
            let isWord =
                !(before?.isLetter ?? false) && !(before?.isNumber ?? false)
                && !(after?.isLetter ?? false) && !(after?.isNumber ?? false)
            result += rest[..<range.lowerBound]
            result += isWord ? placeholder : String(rest[range])
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// `value` as it appears inside a JSON string that escapes quotes, backslashes and slashes.
    private static func jsonEscaped(_ value: String) -> String {
        value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("/", with: "\\/")
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
