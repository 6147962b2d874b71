/// A problem with the benchmark configuration, found before anything is sent.
///
/// Every case names the file and, where known, the key, line and column, and its description
/// says what to change.
public enum ConfigError: Error, Equatable, Sendable {
    /// A place in a configuration file.
    public struct Location: Equatable, Sendable, CustomStringConvertible {
        /// The configuration file's path as given.
        public var file: String
        /// 1-based line, when known.
        public var line: Int?
        /// 1-based column, when known.
        var column: Int?

        /// `file:line:column`, or as much of it as is known.
        public var description: String {
            switch (line, column) {
            case (let line?, let column?): "\(file):\(line):\(column)"
            case (let line?, nil): "\(file):\(line)"
            default: file
            }
        }
    }

    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case syntax(Location, problem: String)
    case notAMapping(Location, key: String?)
    case missingKey(Location, key: String)
    /// None of several keys that can each do the job is given.
    case missingOneOf(Location, keys: [String])
    case wrongType(Location, key: String, expected: String, found: String)
    case outOfRange(Location, key: String, value: String, rule: String)
    case invalidValue(Location, key: String, value: String, allowed: [String])
    case unknownKey(Location, key: String, suggestion: String?)
    /// A key that cannot be given together with another one of the same mapping.
    case conflictingKeys(Location, key: String, other: String, reason: String)
    case unsetEnvironmentVariable(Location, key: String, variable: String)
}

extension ConfigError: CustomStringConvertible {
    /// A sentence saying what is wrong, where, and what to do.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "config file '\(path)' not found. Pass the path of a YAML config, e.g. configs/demo.yaml."
        case .unreadable(let path, let reason):
            return "config file '\(path)' cannot be read: \(reason)."
        case .syntax(let location, let problem):
            return "\(location): YAML syntax error: \(problem). Fix the YAML at that line."
        case .notAMapping(let location, let key):
            if let key {
                return "\(location): '\(key)' must be a mapping of keys to values."
            }
            return "\(location): the config must be a mapping of keys to values (e.g. 'model: my-model')."
        case .missingOneOf(let location, let keys):
            let quoted = keys.map { "'\($0)'" }
            let listed = quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "")
            return "\(location): one of \(listed) is required. Add one of them."
        case .missingKey(let location, let key):
            return "\(location): required key '\(key)' is missing. Add '\(key): …' to the config."
        case .wrongType(let location, let key, let expected, let found):
            return "\(location): '\(key)' must be \(expected), found \(found)."
        case .outOfRange(let location, let key, let value, let rule):
            return "\(location): '\(key)' is \(value), but it must be \(rule)."
        case .invalidValue(let location, let key, let value, let allowed):
            let choices = allowed.map { "'\($0)'" }.joined(separator: ", ")
            return "\(location): '\(key)' is '\(value)', but it must be one of \(choices)."
        case .unknownKey(let location, let key, let suggestion):
            if let suggestion {
                return "\(location): unknown key '\(key)'. Did you mean '\(suggestion)'?"
            }
            return "\(location): unknown key '\(key)'. Remove it or check its spelling against the README."
        case .conflictingKeys(let location, let key, let other, let reason):
            return "\(location): '\(key)' cannot be given with '\(other)': \(reason). Remove one of them."
        case .unsetEnvironmentVariable(let location, let key, let variable):
            return "\(location): '\(key)' refers to the environment variable \(variable), which is not set. "
                + "Export \(variable) or write the value into the config."
        }
    }
}

extension ConfigError {
    /// The error with every text it quotes from the file passed through `redaction`.
    func redacted(by redaction: SecretRedaction) -> ConfigError {
        let r = redaction.apply
        switch self {
        case .fileNotFound, .missingKey, .missingOneOf, .unsetEnvironmentVariable, .notAMapping, .conflictingKeys:
            return self
        case .unreadable(let path, let reason): return .unreadable(path: path, reason: r(reason))
        case .syntax(let location, let problem): return .syntax(location, problem: r(problem))
        case .wrongType(let location, let key, let expected, let found):
            return .wrongType(location, key: r(key), expected: expected, found: r(found))
        case .outOfRange(let location, let key, let value, let rule):
            return .outOfRange(location, key: r(key), value: r(value), rule: rule)
        case .invalidValue(let location, let key, let value, let allowed):
            return .invalidValue(location, key: r(key), value: r(value), allowed: allowed)
        case .unknownKey(let location, let key, let suggestion):
            return .unknownKey(location, key: r(key), suggestion: suggestion)
        }
    }
}
