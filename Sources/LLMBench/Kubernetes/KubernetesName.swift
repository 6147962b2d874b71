/// Names Kubernetes gives its objects, checked before they reach a manifest.
enum KubernetesName {
    /// The longest run name: the Job `NAME-shards` names pods `NAME-shards-INDEX-xxxxx` and labels
    /// them with the Job's name, which must stay within 63 characters.
    static let maximumRunNameLength = 40

    /// Why `name` is not a DNS-1123 label of at most `limit` characters; nil when it is one.
    static func labelProblem(_ name: String, limit: Int = 63) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.count > limit { return "it has \(name.count) characters, more than \(limit)" }
        if let bad = name.first(where: { !(("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-") }) {
            return "'\(bad)' is not a lower-case letter, digit or '-'"
        }
        if name.first == "-" { return "it must start with a letter or digit" }
        if name.last == "-" { return "it must end with a letter or digit" }
        return nil
    }

    /// Why `name` is not a DNS-1123 subdomain (labels joined by dots, at most 253 characters, as
    /// storage class names are); nil when it is one.
    static func subdomainProblem(_ name: String) -> String? {
        if name.count > 253 { return "it has \(name.count) characters, more than 253" }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            if let problem = labelProblem(String(label)) {
                return label.isEmpty ? "it has an empty part between dots" : problem
            }
        }
        return nil
    }

    /// Whether `text` can be an environment variable's name and a Secret's key at once.
    static func isVariableName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }

    /// Whether `text` can be a ConfigMap key (and a file name in the mounted folder).
    static func isConfigMapKey(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 253, text != ".", text != ".." else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "-_.".unicodeScalars.contains($0)
        }
    }

    /// Whether `text` is a quantity such as `1Gi`, `512Mi`, `500m` or `2`.
    static func isQuantity(_ text: String) -> Bool {
        let suffixes = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "m", "k", "M", "G", "T", "P", "E", ""]
        for suffix in suffixes where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count),
                parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } })
            else { continue }
            return true
        }
        return false
    }
}
