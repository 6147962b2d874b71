import Yams

/// The secrets a config file holds, found even when the file does not parse, so that no error
/// message about it shows them.
enum ConfigSecrets {
    /// A redaction of the file's `api_key`, `OPENAI_API_KEY` and every value under `headers` (each
    /// resolved from the environment too where written as `${NAME}`).
    static func redaction(yaml: String, environment: [String: String]) -> SecretRedaction {
        var keys = [environment["OPENAI_API_KEY"]].compactMap { $0 }
        var headers: [String] = []
        if let root = try? Yams.compose(yaml: yaml), let top = root.mapping {
            if let written = top["api_key"]?.scalar?.string { keys.append(written) }
            if let mapping = top["headers"]?.mapping {
                for (_, value) in mapping {
                    if let text = value.scalar?.string { headers.append(text) }
                }
            }
        } else {
            scanLines(of: yaml, keys: &keys, headers: &headers)
        }
        let resolved = { (written: String) -> String? in
            guard written.hasPrefix("${"), written.hasSuffix("}") else { return nil }
            return environment[String(written.dropFirst(2).dropLast())]
        }
        keys += keys.compactMap(resolved)
        headers += headers.compactMap(resolved)
        return SecretRedaction(apiKeys: keys, headerValues: headers)
    }

    /// Reads `api_key: …` lines and the `key: value` lines indented under `headers:` (or written
    /// inline as `headers: {…}`) of text that is not valid YAML.
    private static func scanLines(of yaml: String, keys: inout [String], headers: inout [String]) {
        var headersIndent: Int?
        for line in yaml.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let content = line.dropFirst(indent)
            if let current = headersIndent, indent <= current, !content.isEmpty { headersIndent = nil }
            guard let colon = content.firstIndex(of: ":") else { continue }
            let name = unquoted(content[..<colon])
            let value = unquoted(content[content.index(after: colon)...])
            if headersIndent != nil {
                headers.append(value)
            } else if name == "api_key" {
                keys.append(value)
            } else if name == "headers" {
                if value.isEmpty {
                    headersIndent = indent
                } else {
                    let inline = value.trimmingCharacters { "{}".contains($0) }
                    for pair in inline.split(separator: ",") {
                        let parts = pair.split(separator: ":", maxSplits: 1)
                        if parts.count == 2 { headers.append(unquoted(parts[1])) }
                    }
                }
            }
        }
    }

    private static func unquoted(_ text: Substring) -> String {
        String(text).trimmingCharacters { " \t\"'".contains($0) }
    }
}

extension String {
    fileprivate func trimmingCharacters(_ isTrimmed: (Character) -> Bool) -> String {
        String(drop(while: isTrimmed).reversed().drop(while: isTrimmed).reversed())
    }
}
