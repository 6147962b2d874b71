/// The keys the loader asked one config file for, shared by all the file's mappings.
///
/// A key is declared by being read: what the loader asks for is what it knows. A mapping's keys
/// that were never asked for are unknown (`ConfigMapping.rejectUnreadKeys()`), and the asked ones
/// are the "did you mean" candidates.
final class ConfigKeyLog {
    /// One key asked for: the mapping's path (`""` for the top level), the key, whether the file sets it.
    struct Entry: Equatable {
        let path: String
        let key: String
        let isSet: Bool

        /// The dotted name, as in messages: `load.sweep.search`, `cases[1].input_tokens`.
        var fullName: String { path.isEmpty ? key : "\(path).\(key)" }
    }

    /// Every key asked for, once each, in the order first asked.
    private(set) var entries: [Entry] = []

    /// Notes that `key` of the mapping at `path` was asked for.
    func note(_ key: String, in path: String, isSet: Bool) {
        guard !entries.contains(where: { $0.path == path && $0.key == key }) else { return }
        entries.append(Entry(path: path, key: key, isSet: isSet))
    }

    /// The keys asked for in the mapping at `path`, in the order first asked.
    func keys(askedIn path: String) -> [String] {
        entries.filter { $0.path == path }.map(\.key)
    }
}
