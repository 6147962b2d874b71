/// A YAML value of a manifest, written in one fixed form: block mappings in the order given, two
/// spaces of indentation, strings quoted only where plain text would read as something else.
///
/// Built by hand rather than by a serialiser so that the same manifest is always the same text
/// (the committed examples are compared with it byte for byte).
indirect enum KubernetesYAML: Sendable, Equatable {
    /// A string; written plain, as a literal block (multi-line text) or double-quoted.
    case string(String)
    /// A whole number.
    case integer(Int)
    /// `true` or `false`.
    case boolean(Bool)
    /// Keys in the order written.
    case mapping([(String, KubernetesYAML)])
    /// Items in order.
    case sequence([KubernetesYAML])

    static func == (lhs: KubernetesYAML, rhs: KubernetesYAML) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.boolean(let a), .boolean(let b)): a == b
        case (.mapping(let a), .mapping(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        case (.sequence(let a), .sequence(let b)): a == b
        default: false
        }
    }

    /// The value as a YAML document (no `---`), ending in a newline.
    var document: String {
        var lines: [String] = []
        switch self {
        case .mapping(let pairs) where !pairs.isEmpty: Self.appendMapping(pairs, indent: 0, to: &lines)
        case .sequence(let items) where !items.isEmpty: Self.appendSequence(items, indent: 0, to: &lines)
        default: lines.append(Self.inline(self) ?? "")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Several values as one stream of documents separated by `---`.
    static func stream(_ documents: [KubernetesYAML]) -> String {
        documents.map(\.document).joined(separator: "---\n")
    }

    private static func appendMapping(_ pairs: [(String, KubernetesYAML)], indent: Int, to lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        for (key, value) in pairs {
            let name = KubernetesScalar.quoted(key)
            switch value {
            case .mapping(let nested) where !nested.isEmpty:
                lines.append("\(pad)\(name):")
                appendMapping(nested, indent: indent + 2, to: &lines)
            case .sequence(let items) where !items.isEmpty:
                lines.append("\(pad)\(name):")
                appendSequence(items, indent: indent, to: &lines)
            case .string(let text) where KubernetesScalar.literalBlock(text) != nil:
                let block = KubernetesScalar.literalBlock(text)!
                lines.append("\(pad)\(name): \(block.header)")
                appendBlockLines(block.lines, indent: indent + 2, to: &lines)
            default:
                lines.append("\(pad)\(name): \(inline(value) ?? "")")
            }
        }
    }

    /// Items as `- …` at `indent` (Kubernetes' own style: a sequence under a key is not indented further).
    private static func appendSequence(_ items: [KubernetesYAML], indent: Int, to lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item {
            case .mapping(let pairs) where !pairs.isEmpty:
                var nested: [String] = []
                appendMapping(pairs, indent: indent + 2, to: &nested)
                nested[0] = pad + "- " + nested[0].dropFirst(indent + 2)
                lines += nested
            case .sequence(let inner) where !inner.isEmpty:
                var nested: [String] = []
                appendSequence(inner, indent: indent + 2, to: &nested)
                nested[0] = pad + "- " + nested[0].dropFirst(indent + 2)
                lines += nested
            case .string(let text) where KubernetesScalar.literalBlock(text) != nil:
                let block = KubernetesScalar.literalBlock(text)!
                lines.append("\(pad)- \(block.header)")
                appendBlockLines(block.lines, indent: indent + 2, to: &lines)
            default:
                lines.append("\(pad)- \(inline(item) ?? "")")
            }
        }
    }

    private static func appendBlockLines(_ blockLines: [Substring], indent: Int, to lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        for line in blockLines { lines.append(line.isEmpty ? "" : pad + line) }
    }

    /// A value that fits on one line: a scalar, or an empty mapping or sequence.
    private static func inline(_ value: KubernetesYAML) -> String? {
        switch value {
        case .string(let text): KubernetesScalar.quoted(text)
        case .integer(let number): String(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .mapping(let pairs): pairs.isEmpty ? "{}" : nil
        case .sequence(let items): items.isEmpty ? "[]" : nil
        }
    }
}
