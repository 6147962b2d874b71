import Yams

/// Typed, position-aware reads from one YAML mapping of a config file.
///
/// Each accessor reports errors with the file, key, line and column of the offending node, and
/// notes the key in `log`: reading a key is what declares it, and `rejectUnreadKeys()` then
/// refuses the keys of the file that nothing read.
struct ConfigMapping {
    let file: String
    let path: String
    let node: Node
    let pairs: [(key: String, keyNode: Node, value: Node)]
    /// The keys read from this file so far, shared with the file's other mappings.
    let log: ConfigKeyLog

    init(file: String, path: String, node: Node, log: ConfigKeyLog) throws(ConfigError) {
        guard let mapping = node.mapping else {
            throw .notAMapping(Self.location(file, node), key: path.isEmpty ? nil : path)
        }
        self.file = file
        self.path = path
        self.node = node
        self.log = log
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            pairs.append((key.string ?? "\(key)", key, value))
        }
        self.pairs = pairs
    }

    static func location(_ file: String, _ node: Node?) -> ConfigError.Location {
        ConfigError.Location(file: file, line: node?.mark?.line, column: node?.mark?.column)
    }

    func location(of node: Node?) -> ConfigError.Location { Self.location(file, node) }

    func fullName(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value of `key` (nil when absent or null); notes the key as read.
    func value(_ key: String) -> Node? {
        let node = pairs.first(where: { $0.key == key })?.value
        let isSet = node.map { $0.tag != Tag(.null) } ?? false
        log.note(key, in: path, isSet: isSet)
        return isSet ? node : nil
    }

    /// The mapping `node` found at `path` inside this one (a list entry, a key's value).
    func nested(_ node: Node, path: String) throws(ConfigError) -> ConfigMapping {
        try ConfigMapping(file: file, path: path, node: node, log: log)
    }

    /// Fails on the first key of the mapping that nothing has read, suggesting the closest key
    /// that was read. Call it once every key of the mapping has been read.
    func rejectUnreadKeys() throws(ConfigError) {
        let known = log.keys(askedIn: path)
        for pair in pairs where !known.contains(pair.key) {
            throw .unknownKey(
                location(of: pair.keyNode),
                key: fullName(pair.key),
                suggestion: KeySuggestion.closest(to: pair.key, among: known).map(fullName)
            )
        }
    }

    /// `value`, which was read from `key`; when it is absent, the mapping's unread keys are
    /// reported first (a misspelt key is the likely cause), then the missing key. Call it once
    /// every key of the mapping has been read.
    func required<Value>(_ value: Value?, _ key: String) throws(ConfigError) -> Value {
        if let value { return value }
        try rejectUnreadKeys()
        throw .missingKey(location(of: node), key: fullName(key))
    }

    /// The error for a list given empty: `'cases' is empty, but it must be a list of at least one case.`
    func emptyList(_ key: String, of item: String) -> ConfigError {
        .outOfRange(
            location(of: value(key)),
            key: fullName(key),
            value: "empty",
            rule: "a list of at least one \(item)"
        )
    }

    /// The list at `key`; nil when absent, an error when empty.
    func nonEmptySequence(_ key: String, of item: String) throws(ConfigError) -> [Node]? {
        guard let nodes = try sequence(key) else { return nil }
        guard !nodes.isEmpty else { throw emptyList(key, of: item) }
        return nodes
    }

    func string(_ key: String) throws(ConfigError) -> String? {
        guard let node = value(key) else { return nil }
        guard let scalar = node.scalar else {
            throw wrongType(key, node, expected: "a text value")
        }
        return scalar.string
    }

    func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let node = value(key) else { return nil }
        guard let value = node.bool else {
            throw wrongType(key, node, expected: "true or false")
        }
        return value
    }

    func int(_ key: String, in range: ClosedRange<Int>, rule: String) throws(ConfigError) -> Int? {
        guard let node = value(key) else { return nil }
        return try Self.int(node, name: fullName(key), in: range, rule: rule, file: file)
    }

    static func int(
        _ node: Node,
        name: String,
        in range: ClosedRange<Int>,
        rule: String,
        file: String
    ) throws(ConfigError) -> Int {
        guard let value = node.int else {
            if let double = node.float, node.scalar != nil, double.isFinite {
                throw .wrongType(location(file, node), key: name, expected: "a whole number", found: "\(double)")
            }
            throw .wrongType(location(file, node), key: name, expected: "a whole number", found: describe(node))
        }
        guard range.contains(value) else {
            let bound = value > range.upperBound ? "at most \(range.upperBound)" : rule
            throw .outOfRange(location(file, node), key: name, value: "\(value)", rule: bound)
        }
        return value
    }

    /// A list of whole numbers in `range`; nil when absent, an error when empty.
    func intList(_ key: String, in range: ClosedRange<Int>, rule: String, what: String) throws(ConfigError) -> [Int]? {
        guard let nodes = try nonEmptySequence(key, of: what) else { return nil }
        var values: [Int] = []
        for (index, node) in nodes.enumerated() {
            values.append(try Self.int(node, name: "\(fullName(key))[\(index)]", in: range, rule: rule, file: file))
        }
        return values
    }

    func double(_ key: String, in range: ClosedRange<Double>, rule: String) throws(ConfigError) -> Double? {
        guard let node = value(key) else { return nil }
        guard let value = node.float ?? node.int.map(Double.init), value.isFinite else {
            throw wrongType(key, node, expected: "a number")
        }
        guard range.contains(value) else {
            let bound = value > range.upperBound ? "at most \(Self.number(range.upperBound))" : rule
            throw .outOfRange(location(of: node), key: fullName(key), value: "\(value)", rule: bound)
        }
        return value
    }

    /// A bound as written in a message: `1000000000`, not `1e+09`.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
    }

    func mapping(_ key: String) throws(ConfigError) -> ConfigMapping? {
        guard let node = value(key) else { return nil }
        return try nested(node, path: fullName(key))
    }

    func sequence(_ key: String) throws(ConfigError) -> [Node]? {
        guard let node = value(key) else { return nil }
        guard let sequence = node.sequence else {
            throw wrongType(key, node, expected: "a list")
        }
        return Array(sequence)
    }

    func wrongType(_ key: String, _ node: Node, expected: String) -> ConfigError {
        .wrongType(location(of: node), key: fullName(key), expected: expected, found: Self.describe(node))
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): "'\(scalar.string)'"
        case .alias: "an alias"
        }
    }
}
