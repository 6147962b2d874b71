import Yams

/// The environment variables a config reads its secrets from (`api_key: "${NAME}"`, header values
/// `"${NAME}"`), which the worker pods take from the run's Secret.
struct KubernetesSecretReferences: Sendable, Equatable {
    /// A variable of the worker container, read from the Secret key of the same name.
    struct Variable: Sendable, Equatable {
        /// The variable's name, also its key in the Secret.
        var name: String
        /// Whether the pod may start without it (only `OPENAI_API_KEY` when the config names no key).
        var isOptional: Bool
    }

    /// In the order the config names them, each once.
    var variables: [Variable] = []

    /// The variables a valid config's text refers to; refuses a key or a header value written into
    /// the text, which would otherwise be in the ConfigMap.
    init(yaml: String, file: String) throws(KubernetesRenderError) {
        guard let root = try? Yams.compose(yaml: yaml), let top = root.mapping else { return }
        if let written = top["api_key"]?.scalar?.string {
            if !written.isEmpty {
                guard let variable = Self.reference(written) else { throw .literalAPIKey(file: file) }
                try add(variable, optional: false, key: "api_key", file: file)
            }
        } else {
            // The loader's default: OPENAI_API_KEY of the environment, when it is set.
            variables.append(Variable(name: "OPENAI_API_KEY", isOptional: true))
        }
        for (key, value) in top["headers"]?.mapping ?? [:] {
            let header = key.scalar?.string ?? ""
            guard let written = value.scalar?.string, let variable = Self.reference(written) else {
                throw .literalHeaderValue(file: file, header: header)
            }
            try add(variable, optional: false, key: "headers.\(header)", file: file)
        }
    }

    /// A placeholder for every variable, so the config can be checked where the secrets are not set.
    var placeholderEnvironment: [String: String] {
        Dictionary(variables.map { ($0.name, "placeholder") }, uniquingKeysWith: { first, _ in first })
    }

    /// The variable `${NAME}` names; nil for any other text.
    static func reference(_ written: String) -> String? {
        guard written.hasPrefix("${"), written.hasSuffix("}") else { return nil }
        return String(written.dropFirst(2).dropLast())
    }

    private mutating func add(_ name: String, optional: Bool, key: String, file: String) throws(KubernetesRenderError) {
        guard KubernetesName.isVariableName(name) else {
            throw .invalidVariableName(file: file, key: key, variable: name)
        }
        if let index = variables.firstIndex(where: { $0.name == name }) {
            variables[index].isOptional = variables[index].isOptional && optional
        } else {
            variables.append(Variable(name: name, isOptional: optional))
        }
    }
}
